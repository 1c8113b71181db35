import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numericOrder } from './numeric-order';

/** What numericOrder must equal: a stable comparator sort, nulls and NaN last. */
function comparatorOrder(keys: (number | null)[], direction: 'asc' | 'desc'): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  const missing = (k: number | null) => k === null || Number.isNaN(k);
  return keys
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      if (missing(ka) || missing(kb)) return missing(ka) === missing(kb) ? 0 : missing(ka) ? 1 : -1;
      return ((ka as number) - (kb as number)) * sign;
    });
}

describe('numericOrder', () => {
  it('sorts ascending and descending, nulls last, ties in index order', () => {
    const keys = [3, null, 1, 3, -0, 0, 2.5, NaN, 1];
    expect([...numericOrder(keys, 'asc')]).toEqual([4, 5, 2, 8, 6, 0, 3, 1, 7]);
    expect([...numericOrder(keys, 'desc')]).toEqual([0, 3, 6, 2, 8, 4, 5, 1, 7]);
    expect([...numericOrder([], 'asc')]).toEqual([]);
  });

  it('equals a stable comparator sort, for any keys', () => {
    const key = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noDefaultInfinity: false }),
      fc.constant(null),
      fc.constant(Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 300 }),
        fc.constantFrom('asc', 'desc'),
        (keys, dir) => {
          const direction = dir as 'asc' | 'desc';
          expect([...numericOrder(keys, direction)]).toEqual(comparatorOrder(keys, direction));
        },
      ),
      { numRuns: 300 },
    );
  });
});
