import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/kube/object-types';
import { planDrain, UNMANAGED_FATAL } from './drain-filters';

const owned = (kind: string, name: string) => [{ kind, name, controller: true }];
const pod = (
  name: string,
  extra: Partial<KubeObject> & { owners?: object[]; phase?: string } = {},
): KubeObject => ({
  metadata: {
    name,
    namespace: 'ns',
    ...(extra.owners ? { ownerReferences: extra.owners } : {}),
    ...(extra.metadata ?? {}),
  },
  spec: extra.spec ?? {},
  status: { phase: extra.phase ?? 'Running' },
});
const daemonSetsExist = () => undefined;

describe("kubectl drain's filters (--ignore-daemonsets --delete-emptydir-data)", () => {
  const pods = [
    pod('rs', { owners: owned('ReplicaSet', 'r') }),
    pod('ds', { owners: owned('DaemonSet', 'd') }),
    pod('mirror', {
      metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' } },
      owners: owned('Node', 'n'),
    }),
    pod('scratch', {
      owners: owned('ReplicaSet', 'r'),
      spec: { volumes: [{ name: 'v', emptyDir: {} }] },
    }),
    pod('bare'),
    pod('bare-done', { phase: 'Succeeded' }),
  ];

  it('without --force: evicts replicated pods, leaves DaemonSet and mirror pods, refuses bare ones', () => {
    const plan = planDrain(pods, { force: false }, daemonSetsExist);
    expect(plan.evict.map((p) => p.metadata?.name)).toEqual(['rs', 'scratch', 'bare-done']);
    expect(plan.skipped).toEqual([
      { namespace: 'ns', name: 'ds', reason: 'ignoring DaemonSet-managed Pods' },
      { namespace: 'ns', name: 'mirror', reason: 'mirror pod' },
      { namespace: 'ns', name: 'bare', reason: UNMANAGED_FATAL },
    ]);
    expect(plan.warnings).toEqual(['ignoring DaemonSet-managed Pods: ns/ds']);
    // kubectl's own wording: "cannot delete " + the filter's message.
    expect(plan.errors).toEqual([`cannot delete ${UNMANAGED_FATAL}: ns/bare`]);
  });

  it('with --force: bare pods are evicted with a warning', () => {
    const plan = planDrain(pods, { force: true }, daemonSetsExist);
    expect(plan.evict.map((p) => p.metadata?.name)).toContain('bare');
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toContain('deleting Pods that declare no controller: ns/bare');
  });

  it('a DaemonSet pod whose DaemonSet is gone: an error, or with --force a warning and eviction', () => {
    const gone = () => ({ notFound: true, message: 'daemonsets.apps "d" not found' });
    const ds = [pod('ds', { owners: owned('DaemonSet', 'd') })];
    expect(planDrain(ds, { force: false }, gone).errors).toEqual([
      'cannot delete daemonsets.apps "d" not found: ns/ds',
    ]);
    const forced = planDrain(ds, { force: true }, gone);
    expect(forced.evict).toHaveLength(1);
    // As kubectl's filterPods: the last filter's verdict wins, and the pod has a controller
    // (unreplicated: Okay), so the warning does not survive.
    expect(forced.warnings).toEqual([]);
  });
});
