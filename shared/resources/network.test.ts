import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import { ingressTable, serviceTable } from './network';

const meta = { metadata: { name: 'web', namespace: 'team-a', uid: 'u1' } };

describe('service rows', () => {
  it.each<[string, KubeObject, Record<string, unknown>, unknown]>([
    [
      'cluster IP with a selector',
      {
        ...meta,
        spec: {
          clusterIP: '10.96.0.10',
          ports: [
            { port: 80, protocol: 'TCP' },
            { port: 53, protocol: 'UDP' },
          ],
          selector: { app: 'web', tier: 'api' },
        },
      },
      { type: 'ClusterIP', clusterIP: '10.96.0.10', ports: '80/TCP, 53/UDP' },
      { selector: 'app=web,tier=api' },
    ],
    [
      'node port without a selector',
      { ...meta, spec: { type: 'NodePort', ports: [{ port: 443, nodePort: 30443 }] } },
      { type: 'NodePort', clusterIP: null, ports: '443:30443/TCP' },
      undefined,
    ],
  ])('%s', (_name, object, cells, facts) => {
    const row = serviceTable.project(object);
    expect(row.cells).toEqual(cells);
    expect(row.facts).toEqual(facts);
  });
});

describe('ingress rows', () => {
  it.each<[string, KubeObject, Record<string, unknown>]>([
    [
      'hosts and class',
      {
        ...meta,
        spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example' }, {}] },
      },
      { class: 'nginx', hosts: 'a.example, *' },
    ],
    ['no rules', { ...meta, spec: {} }, { class: null, hosts: '*' }],
  ])('%s', (_name, object, cells) => {
    expect(ingressTable.project(object).cells).toEqual(cells);
  });
});
