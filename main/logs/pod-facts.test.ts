import { describe, expect, it } from 'vitest';
import { FactIndex } from './pod-facts';
import type { LogPod } from './projections';

const pod = (over: Partial<LogPod>): LogPod => ({
  uid: 'u',
  namespace: 'team-a',
  name: 'web-7f5f-abc',
  labels: { app: 'web' },
  owners: [{ kind: 'ReplicaSet', name: 'web-7f5f' }],
  containers: [],
  ...over,
});

const index = new FactIndex({
  replicaSets: [
    { uid: '1', namespace: 'team-a', name: 'web-7f5f', deployment: 'web' },
    { uid: '2', namespace: 'team-b', name: 'web-7f5f', deployment: 'other' },
  ],
  services: [
    { uid: '3', namespace: 'team-a', name: 'web', selector: { app: 'web' } },
    { uid: '4', namespace: 'team-a', name: 'headless' },
    { uid: '5', namespace: 'team-b', name: 'web-b', selector: { app: 'web' } },
    { uid: '6', namespace: 'team-a', name: 'api', selector: { app: 'web', tier: 'api' } },
  ],
  ingresses: [
    { uid: '7', namespace: 'team-a', name: 'storefront', services: ['web'] },
    { uid: '8', namespace: 'team-a', name: 'admin', services: ['api'] },
  ],
});

describe('FactIndex', () => {
  it('follows a ReplicaSet to its Deployment in the same namespace', () => {
    expect(index.factsOf(pod({})).owners).toEqual([
      { kind: 'ReplicaSet', name: 'web-7f5f' },
      { kind: 'Deployment', name: 'web' },
    ]);
  });

  it('finds the Services that select the pod, never a selector-less one or another namespace', () => {
    expect(index.factsOf(pod({})).services).toEqual(['web']);
    expect(index.factsOf(pod({ labels: { app: 'web', tier: 'api' } })).services).toEqual([
      'web',
      'api',
    ]);
  });

  it('finds the Ingresses whose backends are those Services', () => {
    expect(index.factsOf(pod({})).ingresses).toEqual(['storefront']);
    expect(index.factsOf(pod({ labels: {} })).ingresses).toEqual([]);
  });

  it('keeps the node', () => {
    expect(index.factsOf(pod({ node: 'pilot-a1' })).node).toBe('pilot-a1');
  });
});
