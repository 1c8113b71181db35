import { describe, expect, it } from 'vitest';
import type { TaintsView } from '../../../../shared/contract/scheduling';
import { filterNodes, taintCell, taintsOfKey, toggleKey, tolerationsOfKey } from './taint-table';

const view: TaintsView = {
  nodes: [
    {
      name: 'pilot-b1',
      uid: '1',
      unschedulable: false,
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
      labels: { 'topology.kubernetes.io/zone': 'pilot-1b' },
    },
    {
      name: 'pilot-a1',
      uid: '2',
      unschedulable: true,
      taints: [],
      labels: { 'topology.kubernetes.io/zone': 'pilot-1a' },
    },
  ],
  taintKeys: [{ key: 'nvidia.com/gpu', effects: ['NoSchedule'] }],
  labelKeys: ['topology.kubernetes.io/zone'],
  availableLabelKeys: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'],
  tolerators: [
    {
      taint: { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
      nodes: ['pilot-b1'],
      workloads: [{ kind: 'Pod', namespace: 'team-b', name: 'trainer' }],
      truncated: false,
    },
  ],
  warnings: [],
};

describe('the taints table', () => {
  it('shows value and effect per key, by node name', () => {
    const [a1, b1] = filterNodes(view, '');
    expect(a1!.name).toBe('pilot-a1');
    expect(taintCell(taintsOfKey(b1!, 'nvidia.com/gpu'))).toBe('present:NoSchedule');
    expect(taintCell([{ key: 'k', value: '', effect: 'NoExecute' }])).toBe(':NoExecute');
    expect(taintCell(taintsOfKey(a1!, 'nvidia.com/gpu'))).toBe('');
  });
  it('filters by name, taint or label', () => {
    expect(filterNodes(view, 'GPU').map((n) => n.name)).toEqual(['pilot-b1']);
    expect(filterNodes(view, '1a').map((n) => n.name)).toEqual(['pilot-a1']);
    expect(filterNodes(view, 'nothing')).toEqual([]);
  });
  it('finds who tolerates a key, and toggles label columns', () => {
    expect(tolerationsOfKey(view, 'nvidia.com/gpu')[0]!.workloads[0]!.name).toBe('trainer');
    expect(tolerationsOfKey(view, 'other')).toEqual([]);
    expect(toggleKey(['a', 'b'], 'a')).toEqual(['b']);
    expect(toggleKey(['a'], 'c')).toEqual(['a', 'c']);
  });
});
