import { describe, expect, it } from 'vitest';
import type { MetricsHistory } from '../../../shared/contract/metrics';
import { overviewFigures } from './top-consumers';

describe('overviewFigures', () => {
  it('lists consumers by newest CPU with the remainder last, and usage against requests', () => {
    const h: MetricsHistory = {
      target: { kind: 'overview', namespaces: { all: true } },
      times: [1000, 2000],
      series: [
        { id: 'other', cpu: [50, 60], memory: [10, 10] },
        { id: 'team-a/small', cpu: [10, 20], memory: [5, 5] },
        { id: 'team-a/big', cpu: [300, 320], memory: [100, 100] },
        { id: 'team-b/gone', cpu: [400, null], memory: [7, null] },
      ],
      references: {
        figures: [800, 230, null, null],
        perSeries: [],
        allocatable: null,
        allocated: null,
      },
      windowMs: 15_000,
      resolutionMs: 15_000,
    };
    const f = overviewFigures(h);
    expect(f.consumers.map((c) => c.id)).toEqual([
      'team-b/gone',
      'team-a/big',
      'team-a/small',
      'other',
    ]);
    expect(f.consumers[0]).toEqual({ id: 'team-b/gone', cpu: 400, memory: 7, sampledAt: 1000 });
    expect(f.total).toEqual({ cpu: 400, memory: 115, sampledAt: 2000 });
    expect(f.cpuShare).toBe(0.5);
    expect(f.memoryShare).toBe(0.5);
  });

  it('has no share without requests and no total without samples', () => {
    const f = overviewFigures({
      target: { kind: 'overview', namespaces: { all: true } },
      times: [],
      series: [],
      references: { figures: null, perSeries: [], allocatable: null, allocated: null },
      windowMs: 0,
      resolutionMs: 15_000,
    });
    expect(f.total).toEqual({ cpu: 0, memory: 0 });
    expect(f.cpuShare).toBeUndefined();
  });
});
