import { describe, expect, it } from 'vitest';
import type { MetricsHistory } from '../../../shared/contract/metrics';
import { chartModel, chartSummary } from './chart-model';

const MI = 1024 * 1024;
const t0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function podHistory(): MetricsHistory {
  return {
    target: { kind: 'pod', namespace: 'team-a', name: 'web-1' },
    times: [t0, t0 + 15_000, t0 + 30_000],
    series: [
      { id: 'app', cpu: [100, null, 120.2], memory: [64 * MI, null, 70 * MI] },
      { id: 'sidecar', cpu: [5, null, 6], memory: [8 * MI, null, 9 * MI] },
    ],
    references: {
      figures: [250, 128 * MI, 500, null],
      perSeries: [['app', [200, 100 * MI, 400, null]]],
      allocatable: null,
      allocated: null,
    },
    windowMs: 15_000,
    resolutionMs: 15_000,
  };
}

describe('chartModel', () => {
  it('stacks a pod by container, keeps gaps as null and finds the newest total', () => {
    const m = chartModel(podHistory(), 'cpu');
    expect(m.stacked).toBe(true);
    expect(m.series.map((s) => s.label)).toEqual(['app', 'sidecar']);
    expect(m.points[1]).toEqual({ t: t0 + 15_000, s0: null, s1: null });
    expect(m.latest).toEqual({ at: t0 + 30_000, total: 126.2 });
  });

  it("draws the pod's requests and limits, and leaves out what is not set", () => {
    expect(chartModel(podHistory(), 'cpu').references).toEqual([
      { label: 'requests', value: 250, kind: 'request' },
      { label: 'limits', value: 500, kind: 'limit' },
    ]);
    expect(chartModel(podHistory(), 'memory').references).toEqual([
      { label: 'requests', value: 128 * MI, kind: 'request' },
    ]);
  });

  it("draws one container's own figures for a container target", () => {
    const h = {
      ...podHistory(),
      target: { kind: 'container' as const, namespace: 'team-a', pod: 'web-1', container: 'app' },
    };
    expect(chartModel(h, 'cpu').references.map((r) => r.value)).toEqual([200, 400]);
  });

  it('draws a node against allocatable and the sums of its pods', () => {
    const h: MetricsHistory = {
      ...podHistory(),
      target: { kind: 'node', name: 'kwok-node-0' },
      series: [{ id: 'node', cpu: [900, 950, 1000], memory: [MI, MI, MI] }],
      references: {
        figures: null,
        perSeries: [],
        allocatable: [4000, 16 * 1024 * MI],
        allocated: [1500, 2048 * MI, 3000, 4096 * MI],
      },
    };
    const m = chartModel(h, 'cpu');
    expect(m.stacked).toBe(false);
    expect(m.references.map((r) => [r.label, r.value])).toEqual([
      ['allocatable', 4000],
      ['requested (sum of pods)', 1500],
      ['limits (sum of pods)', 3000],
    ]);
  });

  it('names the chart with the newest figure as kubectl writes it, its time and the lines', () => {
    const text = chartSummary('CPU of pod web-1 by container', chartModel(podHistory(), 'cpu'));
    expect(text).toMatch(
      /^CPU of pod web-1 by container; 127m at \d\d:\d\d:\d\d; requests 250m; limits 500m$/,
    );
  });

  it('says when there is no sample', () => {
    const h = { ...podHistory(), times: [], series: [] };
    expect(chartSummary('CPU', chartModel(h, 'cpu'))).toContain('no sample yet');
  });
});
