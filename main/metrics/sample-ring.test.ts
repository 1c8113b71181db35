import { describe, expect, it } from 'vitest';
import { SampleRing } from './sample-ring';

describe('SampleRing', () => {
  it('keeps the newest samples once it wraps, oldest first', () => {
    const ring = new SampleRing(3, 2);
    for (let t = 1; t <= 5; t++) expect(ring.push(t * 15, [t, t * 10])).toBe(true);
    expect(ring.size).toBe(3);
    expect(ring.read()).toEqual({
      times: [45, 60, 75],
      columns: [
        [3, 4, 5],
        [30, 40, 50],
      ],
    });
    expect(ring.newestSeconds()).toBe(75);
  });

  it('refuses a sample that is not newer (the same sample polled twice)', () => {
    const ring = new SampleRing(4, 1);
    ring.push(100, [1]);
    expect(ring.push(100, [2])).toBe(false);
    expect(ring.push(90, [3])).toBe(false);
    expect(ring.read().columns[0]).toEqual([1]);
  });

  it('reads missing figures and breaks as null', () => {
    const ring = new SampleRing(5, 2);
    ring.push(15, [1, NaN]);
    ring.pushBreak(30);
    ring.push(45, [3]);
    expect(ring.read()).toEqual({
      times: [15, 30, 45],
      columns: [
        [1, null, 3],
        [null, null, null],
      ],
    });
  });

  it('reads from a time on', () => {
    const ring = new SampleRing(10, 1);
    for (let t = 1; t <= 6; t++) ring.push(t * 10, [t]);
    expect(ring.read(40).times).toEqual([40, 50, 60]);
  });

  it('widens to new columns, keeping the old samples', () => {
    const ring = new SampleRing(3, 1);
    ring.push(1, [1]);
    ring.push(2, [2]);
    ring.widen(3);
    ring.push(3, [3, 33, 333]);
    ring.push(4, [4, 44, 444]);
    expect(ring.read()).toEqual({
      times: [2, 3, 4],
      columns: [
        [2, 3, 4],
        [null, 33, 44],
        [null, 333, 444],
      ],
    });
  });

  it('stores floats compactly (Float32) and counts its bytes', () => {
    const ring = new SampleRing(240, 4);
    expect(ring.bytes).toBe(16 * 4 + 16 * 4 * 4); // 16 slots to start with
    ring.push(1, [0.123456]);
    expect(ring.read().columns[0]?.[0]).toBeCloseTo(0.123456, 6);
    for (let t = 2; t <= 300; t++) ring.push(t, [t]);
    expect(ring.bytes).toBe(240 * 4 + 240 * 4 * 4); // grown to its capacity, never past it
  });

  it('grows as samples come, keeping their order, then wraps at its capacity', () => {
    const ring = new SampleRing(40, 1);
    for (let t = 1; t <= 20; t++) ring.push(t, [t * 10]);
    ring.widen(2); // a container appears while the ring is still growing
    for (let t = 21; t <= 100; t++) ring.push(t, [t * 10, -t]);
    const { times, columns } = ring.read();
    expect(times).toEqual(Array.from({ length: 40 }, (_, i) => 61 + i));
    expect(columns[0]).toEqual(times.map((t) => t * 10));
    expect(columns[1]).toEqual(times.map((t) => -t));
    expect(ring.size).toBe(40);
    expect(ring.newestSeconds()).toBe(100);
  });

  it('rejects a capacity or column count below one', () => {
    expect(() => new SampleRing(0, 1)).toThrow(RangeError);
    expect(() => new SampleRing(1, 0)).toThrow(RangeError);
  });
});
