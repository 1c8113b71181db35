import { describe, expect, it } from 'vitest';
import { jsonLength, StreamOutbox } from './stream-outbox';

describe('StreamOutbox', () => {
  it('sizes a batch exactly as JSON.stringify(events).length', () => {
    const outbox = new StreamOutbox(1 << 20);
    const events = [{ a: 'é' }, [1, 2], null, 'x', undefined, { lines: [[1, 'text']] }];
    for (const event of events) outbox.push(event);
    const batch = outbox.take();
    expect(batch?.size).toBe(JSON.stringify(events).length);
    expect(jsonLength(undefined)).toBe(JSON.stringify([undefined]).length - 2);
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
