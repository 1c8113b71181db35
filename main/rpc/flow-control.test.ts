import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveConnection } from './dispatcher';
import type { Handlers, StreamSink } from './handler-types';
import type { ServerMessage } from '../../shared/contract/wire';

/** Two streams whose sinks the test drives by hand; a window of 1,000 bytes. */
function setup() {
  const sent: ServerMessage[] = [];
  const sinks = new Map<number, StreamSink<unknown>>();
  const aborted: number[] = [];
  let next = 0;
  const ids = [7, 8];
  const handlers = {
    'app.info': async () => ({ version: '1', mode: 'web' as const }),
    'kubeconfig.watch': (_i: unknown, sink: StreamSink<unknown>, signal: AbortSignal) => {
      const id = ids[next++]!;
      sinks.set(id, sink);
      signal.addEventListener('abort', () => aborted.push(id));
    },
  } as unknown as Handlers;
  const connection = serveConnection(handlers, (m) => sent.push(m), { windowBytes: 1000 });
  connection.receive({ t: 'sub', id: 7, channel: 'kubeconfig.watch', input: {} });
  connection.receive({ t: 'sub', id: 8, channel: 'kubeconfig.watch', input: {} });
  const batches = (id: number) =>
    sent.filter((m): m is Extract<ServerMessage, { t: 'batch' }> => m.t === 'batch' && m.id === id);
  return { sent, connection, sink: (id: number) => sinks.get(id)!, aborted, batches };
}

/** An event whose JSON is 600 bytes; in a batch of one: 602 ('[' and ']'). */
const event = 'x'.repeat(598);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stream credits', () => {
  it('stops flushing when the window is full, keeps queueing, resumes on ack', async () => {
    const { connection, sink, batches } = setup();
    const s = sink(7);
    s.emit(event);
    await vi.advanceTimersByTimeAsync(60);
    expect(s.held()).toBe(false);
    s.emit(event); // 602 in flight < 1,000: may still go, one batch past the window
    await vi.advanceTimersByTimeAsync(60);
    expect(batches(7).map((b) => b.size)).toEqual([602, 602]);
    expect(s.held()).toBe(true);

    s.emit(event);
    s.emit(event);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(batches(7)).toHaveLength(2);
    expect(s.pending()).toBe(1204 + 601 + 601);

    let resumed = false;
    void s.writable().then(() => (resumed = true));
    connection.receive({ t: 'ack', id: 7, size: 602 });
    await vi.advanceTimersByTimeAsync(60);
    expect(batches(7)).toHaveLength(3);
    expect(batches(7)[2]).toEqual({ t: 'batch', id: 7, events: [event, event], size: 1203 });
    expect(resumed).toBe(false); // 602 + 1,203 in flight: still held
    connection.receive({ t: 'ack', id: 7, size: 1805 });
    await vi.advanceTimersByTimeAsync(0);
    expect(resumed).toBe(true);
    expect(s.pending()).toBe(0);
  });

  it('holds each stream on its own credit', async () => {
    const { sink, batches } = setup();
    for (let n = 0; n < 5; n++) sink(7).emit(event);
    await vi.advanceTimersByTimeAsync(60);
    sink(7).emit(event);
    sink(8).emit(event);
    await vi.advanceTimersByTimeAsync(60);
    expect(batches(7)).toHaveLength(1);
    expect(batches(8)).toHaveLength(1);
  });

  it('delivers what is queued when the stream ends, credit or not', async () => {
    const { sent, sink, batches } = setup();
    for (let n = 0; n < 3; n++) sink(7).emit(event);
    await vi.advanceTimersByTimeAsync(60);
    sink(7).emit('last');
    sink(7).end();
    expect(batches(7).at(-1)?.events).toEqual(['last']);
    expect(sent.at(-1)).toEqual({ t: 'end', id: 7 });
  });

  it('ignores acks for ids that are not running streams, and absurd amounts only zero the count', async () => {
    const { sent, connection, sink, batches } = setup();
    // Ids increase on a connection (wire.ts): 7 and 8 are the streams of setup().
    connection.receive({ t: 'call', id: 9, channel: 'app.info', input: {} });
    await vi.advanceTimersByTimeAsync(0);
    connection.receive({ t: 'ack', id: 9, size: 10 }); // a finished call
    connection.receive({ t: 'ack', id: 99, size: 10 }); // never existed
    connection.receive({ t: 'ack', id: 7, size: Number.MAX_SAFE_INTEGER });
    expect(sink(7).pending()).toBe(0);
    sink(7).emit(event);
    expect(sink(7).pending()).toBe(601);
    await vi.advanceTimersByTimeAsync(60);
    expect(batches(7)).toHaveLength(1);
    expect(sent.filter((m) => m.t === 'error')).toEqual([]);
  });

  it.each([
    { t: 'ack', id: 7, size: -1 },
    { t: 'ack', id: 7, size: 1.5 },
    { t: 'ack', id: 7, size: 2 ** 60 },
    { t: 'ack', id: 7, size: '10' },
    { t: 'ack', id: 7 },
  ])('a malformed ack %j ends only its own stream, on both sides', async (message) => {
    const { sent, connection, sink, aborted, batches } = setup();
    connection.receive(message);
    expect(sent).toEqual([
      { t: 'error', id: 7, error: { code: 'Invalid', message: 'malformed message' } },
    ]);
    expect(aborted).toEqual([7]);
    sink(7).emit(event);
    sink(8).emit(event);
    await vi.advanceTimersByTimeAsync(60);
    expect(batches(7)).toEqual([]);
    expect(batches(8)).toHaveLength(1);
  });
});
