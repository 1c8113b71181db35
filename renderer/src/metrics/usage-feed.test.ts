import { describe, expect, it, vi } from 'vitest';
import type { PodSample } from '../../../shared/contract/metrics';
import { UsageModel, nodeKey, podKey, workloadKey } from './usage-feed';
import { UsageStore } from './usage-store';

const MI = 1024 * 1024;
const pod = (name: string, cpu: number): PodSample => [
  'team-a',
  name,
  1000,
  15_000,
  cpu,
  64 * MI,
  [200, 128 * MI, null, null],
  [],
  'node-0',
];

describe('UsageModel', () => {
  it('folds pod, node and workload samples into the store with their shares', () => {
    const store = new UsageStore();
    const model = new UsageModel(store);
    model.apply([
      { type: 'pods', samples: [pod('web-1', 50)], gone: [] },
      {
        type: 'nodes',
        samples: [['node-0', 1000, 15_000, 1000, 2048 * MI, 4000, null, [0, 0, 0, 0], 3]],
        gone: [],
      },
      {
        type: 'workloads',
        samples: [
          ['deployments', 'team-a', 'web', 1000, 90, 100 * MI, [null, null, null, null], 2],
        ],
        gone: [],
      },
    ]);
    expect(store.get(podKey('team-a', 'web-1'))).toMatchObject({
      cpuMilli: 50,
      cpuShare: 0.25,
      memoryShare: 0.5,
      shareOf: 'requests',
      sampledAt: 1000,
      windowMs: 15_000,
    });
    expect(store.get(nodeKey('node-0'))).toMatchObject({ cpuShare: 0.25, shareOf: 'allocatable' });
    expect(store.get(nodeKey('node-0'))?.memoryShare).toBeUndefined();
    expect(store.get(workloadKey('deployments', 'team-a', 'web'))?.cpuMilli).toBe(90);
  });

  it('drops what is gone and keeps its snapshot while only samples change', () => {
    const store = new UsageStore();
    const model = new UsageModel(store);
    model.apply([{ type: 'pods', samples: [pod('web-1', 50), pod('web-2', 60)], gone: [] }]);
    const before = model.snapshot();
    const cell = vi.fn();
    store.subscribeKey(podKey('team-a', 'web-2'), cell);
    model.apply([{ type: 'pods', samples: [], gone: ['team-a/web-2'] }]);
    expect(store.get(podKey('team-a', 'web-2'))).toBeUndefined();
    expect(cell).toHaveBeenCalledTimes(1);
    expect(model.snapshot()).toBe(before);
    model.apply([
      { type: 'workloads', samples: [], gone: ['deployments/team-a/web'] },
      {
        type: 'state',
        resource: 'pods',
        scope: 'team-a',
        state: { state: 'waiting', message: 'waiting', resolutionMs: 15_000 },
      },
    ]);
    expect(model.snapshot()).not.toBe(before);
    expect(model.snapshot().states['pods team-a']?.state).toBe('waiting');
  });
});
