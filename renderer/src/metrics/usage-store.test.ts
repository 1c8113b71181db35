import { describe, expect, it, vi } from 'vitest';
import { SORT_SETTLE_MS, UsageStore, type Usage } from './usage-store';

const usage = (cpuMilli: number, sampledAt = 1000): Usage => ({
  cpuMilli,
  memoryBytes: 1024,
  sampledAt,
  windowMs: 15_000,
});

describe('UsageStore', () => {
  it('wakes only the cells of the uids that changed, and the sorters once per round', () => {
    vi.useFakeTimers();
    const store = new UsageStore();
    const a = vi.fn();
    const b = vi.fn();
    const all = vi.fn();
    store.subscribeKey('a', a);
    store.subscribeKey('b', b);
    store.subscribeAll(all);
    for (let i = 0; i < 10_000; i++) store.set(`pod-${i}`, usage(i));
    store.set('a', usage(5));
    expect(a).not.toHaveBeenCalled();
    expect(store.publish()).toBe(10_001);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    // The rest of the round comes in further messages: the sorters wait for it.
    store.set('b', usage(7));
    expect(store.publish()).toBe(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(all).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SORT_SETTLE_MS);
    expect(all).toHaveBeenCalledTimes(1);
    expect(store.get('a')?.cpuMilli).toBe(5);
    vi.useRealTimers();
  });

  it('treats an equal value as no change (nobody woken, sorters included)', () => {
    vi.useFakeTimers();
    const store = new UsageStore();
    const a = vi.fn();
    const all = vi.fn();
    store.set('a', usage(5));
    store.publish();
    vi.advanceTimersByTime(SORT_SETTLE_MS);
    store.subscribeKey('a', a);
    store.subscribeAll(all);
    store.set('a', usage(5));
    expect(store.publish()).toBe(0);
    vi.advanceTimersByTime(SORT_SETTLE_MS);
    expect(a).not.toHaveBeenCalled();
    expect(all).not.toHaveBeenCalled();
    vi.useRealTimers();
  });

  it('drops uids that left the sample and tells their cells', () => {
    const store = new UsageStore();
    store.set('a', usage(1));
    store.set('b', usage(2));
    store.publish();
    const b = vi.fn();
    store.subscribeKey('b', b);
    store.retain(new Set(['a']));
    store.publish();
    expect(store.get('b')).toBeUndefined();
    expect(store.size).toBe(1);
    expect(b).toHaveBeenCalledTimes(1);
  });

  it('forgets a key with its last listener', () => {
    const store = new UsageStore();
    const off1 = store.subscribeKey('a', () => {});
    const off2 = store.subscribeKey('a', () => {});
    expect(store.listenedKeys).toBe(1);
    off1();
    expect(store.listenedKeys).toBe(1);
    off2();
    expect(store.listenedKeys).toBe(0);
  });
});
