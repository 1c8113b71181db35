import { describe, expect, it } from 'vitest';
import { historyOf } from './history-target';
import { metricDetailSections } from './sections';
import { resolveKind } from '../../../../shared/kube/kinds';
import type { AnyKind } from '../../../../shared/contract/resources';

describe('the Metrics tab', () => {
  it('is a pod history by container, a node history, a workload history by pod', () => {
    expect(historyOf('pods', 'team-a', 'web-1')).toEqual({
      target: { kind: 'pod', namespace: 'team-a', name: 'web-1' },
      subject: 'pod web-1 by container',
      resource: 'pods',
    });
    expect(historyOf('nodes', undefined, 'n1')?.target).toEqual({ kind: 'node', name: 'n1' });
    expect(historyOf('nodes', undefined, 'n1')?.resource).toBe('nodes');
    expect(historyOf('statefulsets', 'team-a', 'db')).toMatchObject({
      target: { kind: 'workload', workloadKind: 'statefulsets', namespace: 'team-a', name: 'db' },
      subject: 'statefulset db by pod',
    });
  });

  it('shows for pods, nodes and workloads only', () => {
    const [section] = metricDetailSections;
    const shows = (kind: AnyKind, namespace?: string) =>
      section!.applies!(
        { context: 'c', kind, def: resolveKind(kind)!, namespace, name: 'x' },
        undefined,
      );
    for (const kind of [
      'pods',
      'deployments',
      'statefulsets',
      'daemonsets',
      'replicasets',
      'jobs',
      'cronjobs',
    ] as const)
      expect(shows(kind, 'team-a'), kind).toBe(true);
    expect(shows('nodes')).toBe(true);
    for (const kind of ['services', 'configmaps', 'namespaces', 'events'] as const)
      expect(shows(kind, kind === 'namespaces' ? undefined : 'team-a'), kind).toBe(false);
  });
});
