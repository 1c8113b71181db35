import { describe, expect, it } from 'vitest';
import { mapBounded } from './bounded';

describe('mapBounded', () => {
  it('never runs more than the limit at once, keeps order, isolates failures', async () => {
    let running = 0;
    let most = 0;
    const gates: Array<() => void> = [];
    const done = mapBounded([...Array(20).keys()], 4, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
      if (n === 3) throw new Error('three');
      return n * 2;
    });
    // Release the tasks one by one as they queue up.
    while (gates.length > 0 || running > 0) {
      await new Promise((r) => setImmediate(r));
      gates.shift()?.();
    }
    const outcomes = await done;
    expect(most).toBe(4);
    expect(outcomes[3]).toEqual({ ok: false, error: new Error('three') });
    expect(outcomes.filter((o) => o.ok).map((o) => (o.ok ? o.value : 0))).toEqual(
      [...Array(20).keys()].filter((n) => n !== 3).map((n) => n * 2),
    );
  });

  it('handles no items, and stops starting tasks once aborted', async () => {
    expect(await mapBounded([], 8, async () => 1)).toEqual([]);
    const controller = new AbortController();
    const seen: number[] = [];
    const outcomes = await mapBounded(
      [1, 2, 3],
      1,
      async (n) => {
        seen.push(n);
        if (n === 1) controller.abort(new Error('stop'));
        return n;
      },
      controller.signal,
    );
    expect(seen).toEqual([1]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false]);
  });
});
