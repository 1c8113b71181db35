import { describe, expect, it } from 'vitest';
import { jsonSize, StreamOutbox } from './stream-outbox';

describe('StreamOutbox', () => {
  it('sizes a batch close to JSON.stringify(events).length, exactly for strings', () => {
    const logs = {
      type: 'lines',
      lines: Array.from({ length: 2000 }, (_, n) => [
        n % 7,
        `2024-01-01T00:00:0${n % 10}Z`,
        'x'.repeat(n % 300),
      ]),
    };
    const rows = {
      type: 'upsert',
      rows: Array.from({ length: 500 }, (_, n) => ({
        uid: `u${n}`,
        name: `pod-${n}`,
        cells: { ready: '1/1', restarts: n },
      })),
    };
    for (const events of [[logs], [rows], [logs, rows, null, true, undefined]]) {
      const outbox = new StreamOutbox(1 << 30);
      for (const event of events) outbox.push(event);
      const exact = JSON.stringify(events).length;
      const size = outbox.take()!.size;
      expect(Math.abs(size - exact) / exact).toBeLessThan(0.05);
    }
    const strings = ['a', 'bb', ''];
    const outbox = new StreamOutbox(100);
    strings.forEach((s) => outbox.push(s));
    expect(outbox.take()?.size).toBe(JSON.stringify(strings).length);
    expect(jsonSize({ a: 'x', b: [1, {}] })).toBe(JSON.stringify({ a: 'x', b: [1, {}] }).length);
    expect(jsonSize(undefined)).toBe(JSON.stringify([undefined]).length - 2);
  });

  it('stops taking when the window is full and resumes on ack', () => {
    const outbox = new StreamOutbox(100);
    outbox.push('a'.repeat(60)); // 62 + 1 + 1 = 64 bytes as a batch
    const first = outbox.take();
    expect(first?.size).toBe(64);
    expect(outbox.held).toBe(false);
    outbox.push('b'.repeat(60));
    const second = outbox.take(); // 64 < 100 in flight: may go, overshooting by one batch
    expect(second?.size).toBe(64);
    outbox.push('c');
    expect(outbox.pending).toBe(128 + 4);
    expect(outbox.held).toBe(true);
    expect(outbox.blocked).toBe(true);
    expect(outbox.take()).toBeUndefined();
    outbox.ack(64);
    expect(outbox.blocked).toBe(false);
    expect(outbox.take()?.events).toEqual(['c']);
  });

  it('cannot be acked below zero, whatever the amount', () => {
    const outbox = new StreamOutbox(100);
    outbox.push('x');
    outbox.take();
    outbox.ack(Number.MAX_SAFE_INTEGER);
    expect(outbox.pending).toBe(0);
    outbox.ack(-5);
    expect(outbox.pending).toBe(0);
    outbox.push('y');
    expect(outbox.pending).toBe(4);
  });

  it('releases writers when credit comes back or the stream closes', async () => {
    const outbox = new StreamOutbox(10);
    outbox.push('0123456789');
    const batch = outbox.take();
    expect(outbox.held).toBe(true);
    let resumed = 0;
    void outbox.writable().then(() => resumed++);
    await Promise.resolve();
    expect(resumed).toBe(0);
    outbox.ack(batch!.size);
    await Promise.resolve();
    expect(resumed).toBe(1);

    outbox.push('0123456789');
    void outbox.writable().then(() => resumed++);
    outbox.close();
    await Promise.resolve();
    expect(resumed).toBe(2);
    expect(outbox.held).toBe(false);
    expect(outbox.take()).toBeUndefined();
  });
});
