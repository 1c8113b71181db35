import { describe, expect, it } from 'vitest';
import { Ring } from './ring';

describe('Ring', () => {
  it('keeps the newest items up to its capacity', () => {
    const ring = new Ring<number>(3);
    for (let i = 0; i < 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect([ring.start, ring.end]).toEqual([2, 5]);
    expect(ring.read(ring.start).items).toEqual([2, 3, 4]);
    expect(ring.at(1)).toBeUndefined();
    expect(ring.at(4)).toBe(4);
  });

  it('tells a lapped reader how many items it missed', () => {
    const ring = new Ring<string>(2);
    ['a', 'b', 'c', 'd', 'e'].forEach((x) => ring.push(x));
    expect(ring.read(0)).toEqual({ items: ['d', 'e'], skipped: 3, cursor: 5 });
    expect(ring.read(5)).toEqual({ items: [], skipped: 0, cursor: 5 });
  });

  it('reads in bounded chunks', () => {
    const ring = new Ring<number>(10);
    for (let i = 0; i < 7; i++) ring.push(i);
    const first = ring.read(0, 4);
    expect(first).toEqual({ items: [0, 1, 2, 3], skipped: 0, cursor: 4 });
    expect(ring.read(first.cursor, 4).items).toEqual([4, 5, 6]);
  });

  it('clears without reusing sequence numbers', () => {
    const ring = new Ring<number>(4);
    ring.push(1);
    ring.push(2);
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push(3);
    expect(ring.read(0)).toEqual({ items: [3], skipped: 2, cursor: 3 });
  });

  it('rejects a capacity below one', () => {
    expect(() => new Ring(0)).toThrow(RangeError);
  });

  it('with a weight bound, drops the oldest items while over it and says so to readers', () => {
    const ring = new Ring<string>(100, { weigh: (s) => s.length, maxWeight: 10 });
    ['aaaa', 'bbbb', 'cc'].forEach((x) => ring.push(x));
    expect(ring.retainedWeight).toBe(10);
    ring.push('d');
    expect(ring.read(0)).toEqual({ items: ['bbbb', 'cc', 'd'], skipped: 1, cursor: 4 });
    // An item over the bound on its own stays (the newest always does).
    ring.push('x'.repeat(50));
    expect(ring.read(4)).toEqual({ items: ['x'.repeat(50)], skipped: 0, cursor: 5 });
    expect(ring.size).toBe(1);
    expect(ring.retainedWeight).toBe(50);
  });

  it('reads up to a weight, at least one item', () => {
    const ring = new Ring<string>(10, { weigh: (s) => s.length, maxWeight: 1000 });
    ['aaa', 'bbb', 'ccc', 'ddd'].forEach((x) => ring.push(x));
    expect(ring.read(0, Infinity, 5)).toEqual({ items: ['aaa', 'bbb'], skipped: 0, cursor: 2 });
    expect(ring.read(2, Infinity, 1)).toEqual({ items: ['ccc'], skipped: 0, cursor: 3 });
  });

  it('a full ring with weights keeps its count bound and its total right', () => {
    const ring = new Ring<string>(2, { weigh: (s) => s.length, maxWeight: 100 });
    ['a', 'bb', 'ccc'].forEach((x) => ring.push(x));
    expect(ring.read(0).items).toEqual(['bb', 'ccc']);
    expect(ring.retainedWeight).toBe(5);
    ring.clear();
    expect(ring.retainedWeight).toBe(0);
  });
});
