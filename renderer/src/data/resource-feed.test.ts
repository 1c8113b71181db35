import { describe, expect, it } from 'vitest';
import type { Row } from '../../../shared/resources/rows';
import { ResourceRows } from './resource-feed';

const rows = (from: number, count: number): Row[] =>
  Array.from({ length: count }, (_, i) => ({
    uid: `u${from + i}`,
    name: `p${from + i}`,
    cells: {},
  }));

describe('ResourceRows', () => {
  it('publishes small lists at once and large ones at most every 250 ms', () => {
    const model = new ResourceRows();
    expect(model.apply([{ type: 'upsert', rows: rows(0, 10) }])).toBe(0);
    expect(model.apply([{ type: 'upsert', rows: rows(10, 3000) }])).toBe(250);
    expect(model.snapshot().rows).toHaveLength(3010);
  });

  it('publishes a large list at once when a scope changes phase (the list is complete)', () => {
    const model = new ResourceRows();
    model.apply([{ type: 'status', scope: '', status: { phase: 'loading' } }]);
    expect(model.apply([{ type: 'upsert', rows: rows(0, 3000) }])).toBe(250);
    expect(model.snapshot().loaded).toBe(false);
    const last = [
      { type: 'upsert' as const, rows: rows(3000, 5) },
      { type: 'status' as const, scope: '', status: { phase: 'ready' as const } },
    ];
    expect(model.apply(last)).toBe(0);
    expect(model.snapshot()).toMatchObject({ loaded: true });
    // The same phase again is no news: churn stays throttled.
    expect(
      model.apply([
        { type: 'upsert', rows: rows(0, 1) },
        { type: 'status', scope: '', status: { phase: 'ready' } },
      ]),
    ).toBe(250);
  });
});
