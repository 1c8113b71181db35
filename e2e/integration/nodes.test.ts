// Nodes are kwok-simulated but initialised by kwok itself: Ready, with the taints we gave them.
import { describe, expect, it } from 'vitest';
import { core } from './cluster';

const expected: Record<
  string,
  { taints: string[]; unschedulable?: boolean; zone: string; role: string }
> = {
  'pilot-a1': { taints: [], zone: 'pilot-1a', role: 'general' },
  'pilot-a2': { taints: ['dedicated=batch:PreferNoSchedule'], zone: 'pilot-1a', role: 'batch' },
  'pilot-b1': { taints: ['nvidia.com/gpu=present:NoSchedule'], zone: 'pilot-1b', role: 'gpu' },
  'pilot-b2': {
    taints: ['pilothouse.dev/maintenance=true:NoExecute'],
    zone: 'pilot-1b',
    role: 'db',
  },
  'pilot-c1': {
    taints: ['node.kubernetes.io/unschedulable=:NoSchedule'],
    unschedulable: true,
    zone: 'pilot-1c',
    role: 'general',
  },
  'pilot-c2': { taints: [], zone: 'pilot-1c', role: 'edge' },
};

describe('nodes', () => {
  it('are all Ready, labelled and tainted as designed', async () => {
    const nodes = (await core.listNode({ labelSelector: 'pilothouse.dev/fixture=true' })).items;
    expect(nodes.map((n) => n.metadata!.name).sort()).toEqual(Object.keys(expected).sort());
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const want = expected[name]!;
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      expect(ready?.status, `${name} Ready`).toBe('True');
      const taints = (node.spec?.taints ?? [])
        .map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`)
        .sort();
      expect(taints, `${name} taints`).toEqual(want.taints);
      expect(Boolean(node.spec?.unschedulable), `${name} unschedulable`).toBe(
        Boolean(want.unschedulable),
      );
      expect(node.metadata?.labels?.['topology.kubernetes.io/zone']).toBe(want.zone);
      expect(node.metadata?.labels?.['pilothouse.dev/role']).toBe(want.role);
      expect(node.metadata?.annotations?.['metrics.k8s.io/resource-metrics-path']).toBe(
        `/metrics/nodes/${name}/metrics/resource`,
      );
    }
  });

  it('were initialised by kwok with a loopback kubelet endpoint', async () => {
    const nodes = (await core.listNode({ labelSelector: 'pilothouse.dev/fixture=true' })).items;
    for (const node of nodes) {
      const addresses = node.status?.addresses ?? [];
      expect(addresses.length, `${node.metadata!.name} addresses`).toBeGreaterThan(0);
      for (const a of addresses) {
        if (a.type === 'Hostname') expect(a.address).toBe('localhost');
        else expect(a.address).toMatch(/^127\./);
      }
      expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBeGreaterThan(0);
      expect(node.status?.allocatable?.cpu).toBeDefined();
    }
  });
});
