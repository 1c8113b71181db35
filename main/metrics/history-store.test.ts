import { describe, expect, it } from 'vitest';
import { ContextHistory, HISTORY_MS } from './history-store';
import { buildHistory, type ReferenceSource } from './history-series';
import type { RawSample } from './metrics-api';

const T0 = 1_800_000_000_000;
const sample = (name: string, at: number, containers: [string, number, number][]): RawSample => ({
  key: `ns/${name}`,
  namespace: 'ns',
  name,
  timestampMs: at,
  windowMs: 15_000,
  cpu: containers.reduce((s, c) => s + c[1], 0),
  bytes: containers.reduce((s, c) => s + c[2], 0),
  containers: containers.map(([n, cpu, bytes]) => ({ name: n, cpu, bytes })),
});
const noRefs: ReferenceSource = {
  podFigures: () => undefined,
  containerFigures: () => undefined,
  containerOrder: () => undefined,
  node: () => undefined,
};

describe('ContextHistory', () => {
  it('learns the resolution and sizes the rings for the history window', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    h.recordPod(sample('a', T0, [['c', 1, 1]]));
    h.recordPod(sample('a', T0 + 15_000, [['c', 2, 2]]));
    expect(h.resolutionMs).toBe(15_000);
    expect(h.pods.get('ns/a')?.ring.capacity).toBe(HISTORY_MS / 15_000 + 1);
  });

  it('wraps: after more than the window, only the newest samples remain', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    for (let i = 0; i < 400; i++) h.recordPod(sample('a', T0 + i * 15_000, [['c', i, i]]));
    const ring = h.pods.get('ns/a')!.ring;
    expect(ring.size).toBe(241);
    const { columns } = ring.read();
    expect(columns[0]?.[0]).toBe(159);
    expect(columns[0]?.at(-1)).toBe(399);
  });

  it('refuses the same sample twice (polled before the next scrape)', () => {
    const h = new ContextHistory();
    expect(h.recordPod(sample('a', T0, [['c', 1, 1]]))).toBe(true);
    expect(h.recordPod(sample('a', T0, [['c', 1, 1]]))).toBe(false);
  });

  it('breaks the line where a pod was recreated under the same name (new uid)', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    h.identities.set('ns/db-0', { uid: 'one', workload: 'statefulsets/ns/db' });
    h.recordPod(sample('db-0', T0, [['c', 1, 1]]));
    h.recordPod(sample('db-0', T0 + 15_000, [['c', 2, 2]]));
    h.identities.set('ns/db-0', { uid: 'two', workload: 'statefulsets/ns/db' });
    h.recordPod(sample('db-0', T0 + 30_000, [['c', 3, 3]]));
    const built = buildHistory(
      h,
      { kind: 'pod', namespace: 'ns', name: 'db-0' },
      60,
      T0 + 31_000,
      noRefs,
    );
    expect(built.series[0]?.cpu).toEqual([1, 2, null, 3]);
  });

  it('shows gaps (metrics-server away) as null points', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    h.recordPod(sample('a', T0, [['c', 1, 1]]));
    h.recordPod(sample('a', T0 + 15_000, [['c', 2, 2]]));
    h.recordPod(sample('a', T0 + 120_000, [['c', 3, 3]]));
    const built = buildHistory(
      h,
      { kind: 'pod', namespace: 'ns', name: 'a' },
      60,
      T0 + 121_000,
      noRefs,
    );
    expect(built.times).toEqual([T0, T0 + 15_000, T0 + 30_000, T0 + 120_000]);
    expect(built.series[0]?.cpu).toEqual([1, 2, null, 3]);
  });

  it('keeps a pod that went away until its samples leave the window, then forgets it', () => {
    const h = new ContextHistory();
    h.recordPod(sample('gone', T0, [['c', 1, 1]]));
    h.sweep(T0 + HISTORY_MS - 1000);
    expect(h.pods.has('ns/gone')).toBe(true);
    h.sweep(T0 + HISTORY_MS + 2000);
    expect(h.pods.has('ns/gone')).toBe(false);
  });

  it('takes a container that appears later, and missing ones as null', () => {
    const h = new ContextHistory();
    h.recordPod(sample('a', T0, [['one', 1, 10]]));
    h.recordPod(
      sample('a', T0 + 15_000, [
        ['one', 2, 20],
        ['two', 5, 50],
      ]),
    );
    h.recordPod(sample('a', T0 + 30_000, [['two', 6, 60]]));
    const built = buildHistory(
      h,
      { kind: 'pod', namespace: 'ns', name: 'a' },
      60,
      T0 + 31_000,
      noRefs,
    );
    expect(built.series).toEqual([
      { id: 'one', cpu: [1, 2, null], memory: [10, 20, null] },
      { id: 'two', cpu: [null, 5, 6], memory: [null, 50, 60] },
    ]);
    const one = buildHistory(
      h,
      { kind: 'container', namespace: 'ns', pod: 'a', container: 'two' },
      60,
      T0 + 31_000,
      noRefs,
    );
    expect(one.series.map((s) => s.id)).toEqual(['two']);
  });

  it("orders a pod's containers as its spec does, not as metrics-server listed them", () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    h.recordPod(
      sample('a', T0, [
        ['sidecar', 1, 10],
        ['gone', 3, 30],
        ['app', 2, 20],
      ]),
    );
    const specOrder: ReferenceSource = {
      ...noRefs,
      containerOrder: () => ['init', 'app', 'sidecar'],
    };
    const built = buildHistory(
      h,
      { kind: 'pod', namespace: 'ns', name: 'a' },
      60,
      T0 + 1_000,
      specOrder,
    );
    expect(built.series.map((s) => [s.id, s.cpu[0]])).toEqual([
      ['app', 2],
      ['sidecar', 1],
      ['gone', 3],
    ]);
  });

  it('stays within MAX_TRACKED pods, dropping the least recently sampled', () => {
    const h = new ContextHistory(2);
    h.recordPod(sample('a', T0, [['c', 1, 1]]));
    h.recordPod(sample('b', T0, [['c', 1, 1]]));
    h.recordPod(sample('a', T0 + 15_000, [['c', 1, 1]]));
    h.recordPod(sample('c', T0, [['c', 1, 1]]));
    expect([...h.pods.keys()].sort()).toEqual(['ns/a', 'ns/c']);
  });
});

describe('workload and overview histories', () => {
  it('puts pods scraped at slightly different times on one grid and sums them', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    for (const [name, offset] of [
      ['web-1', 0],
      ['web-2', 2_000],
    ] as const) {
      h.identities.set(`ns/${name}`, { uid: name, workload: 'deployments/ns/web' });
      for (let i = 0; i < 3; i++)
        h.recordPod(sample(name, T0 + offset + i * 15_000, [['c', 10 + i, 100]]));
    }
    h.recordPod(sample('other', T0, [['c', 99, 99]]));
    const built = buildHistory(
      h,
      { kind: 'workload', workloadKind: 'deployments', namespace: 'ns', name: 'web' },
      60,
      T0 + 40_000,
      { ...noRefs, podFigures: () => [100, 1000, null, null] },
    );
    expect(built.series.map((s) => s.id).sort()).toEqual(['web-1', 'web-2']);
    const points = built.times.length;
    expect(points).toBeGreaterThanOrEqual(3);
    for (const s of built.series) expect(s.cpu.slice(-3)).toEqual([10, 11, 12]);
    expect(built.references.figures).toEqual([200, 2000, null, null]);
  });

  it('includes the pods the watch says belong to the workload now, though recorded before their owner was known', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    // Sampled before the ReplicaSet was listed: recorded with no workload.
    for (let i = 0; i < 2; i++) h.recordPod(sample('web-1', T0 + i * 15_000, [['c', 5, 50]]));
    h.recordPod(sample('other', T0, [['c', 99, 99]]));
    const built = buildHistory(
      h,
      { kind: 'workload', workloadKind: 'deployments', namespace: 'ns', name: 'web' },
      60,
      T0 + 20_000,
      noRefs,
      new Set(['ns/web-1']),
    );
    expect(built.series.map((s) => s.id)).toEqual(['web-1']);
    expect(built.series[0]?.cpu.slice(-2)).toEqual([5, 5]);
  });

  it('keeps the top consumers of an overview and sums the rest as "other"', () => {
    const h = new ContextHistory();
    h.noteWindow(15_000);
    for (let p = 0; p < 14; p++) h.recordPod(sample(`p${p}`, T0, [['c', p, p]]));
    const built = buildHistory(
      h,
      { kind: 'overview', namespaces: { all: true } },
      60,
      T0 + 1000,
      noRefs,
    );
    expect(built.series).toHaveLength(11);
    expect(built.series[0]?.id).toBe('ns/p13');
    expect(built.series.at(-1)).toEqual({ id: 'other', cpu: [0 + 1 + 2 + 3], memory: [6] });
  });
});
