import { getEventListeners } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffMs, jittered, sleep } from './retry';

describe('backoffMs', () => {
  const watch = { baseMs: 500, capMs: 15_000, maxExponent: 6 };

  it('doubles from base * 2 and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffMs(n, watch))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000,
    ]);
  });

  it('stops doubling at maxExponent even under a high cap', () => {
    const connect = { baseMs: 1000, capMs: 30_000, maxExponent: 5 };
    expect(backoffMs(5, connect)).toBe(30_000);
    expect(backoffMs(1000, { ...connect, capMs: Infinity })).toBe(32_000);
  });

  it('keeps the three former formulas', () => {
    for (let n = 0; n < 12; n++) {
      expect(backoffMs(n, watch)).toBe(Math.min(15_000, 500 * 2 ** Math.min(n, 6)));
      expect(backoffMs(n, { baseMs: 250, capMs: 15_000, maxExponent: 6 })).toBe(
        Math.min(15_000, 250 * 2 ** Math.min(n, 6)),
      );
      expect(backoffMs(n, { baseMs: 1000, capMs: 30_000, maxExponent: 5 })).toBe(
        Math.min(30_000, 1000 * 2 ** Math.min(n, 5)),
      );
    }
  });
});

describe('jittered', () => {
  it('spreads over ±20 %', () => {
    expect(jittered(1000, () => 0)).toBe(800);
    expect(jittered(1000, () => 0.5)).toBe(1000);
    expect(jittered(1000, () => 1)).toBeCloseTo(1200);
  });
});

describe('sleep', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('resolves when the time has passed, not before', async () => {
    let woke = false;
    void sleep(1000).then(() => (woke = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(woke).toBe(true);
  });

  it('100 sleeps on one signal leave no abort listener behind', async () => {
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 100; i++) {
        const slept = sleep(10, controller.signal);
        expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
        await vi.advanceTimersByTimeAsync(10);
        await slept;
      }
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('settles at once on abort, clears its timer and removes its listener', async () => {
    const controller = new AbortController();
    let woke = false;
    const slept = sleep(60_000, controller.signal).then(() => (woke = true));
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await slept;
    expect(woke).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('Infinity waits for the abort only; an aborted signal does not wait at all', async () => {
    const controller = new AbortController();
    let woke = false;
    const slept = sleep(Infinity, controller.signal).then(() => (woke = true));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10 * 24 * 3600_000);
    expect(woke).toBe(false);
    controller.abort();
    await slept;
    expect(woke).toBe(true);

    await sleep(60_000, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
