// The wire's rules (shared/contract/wire.ts) in the dispatcher: every refusal is a typed
// error under the message's id (or id null), exactly one terminal reply per id, and nothing
// refused disturbs the other calls and streams of the connection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveConnection, type ConnectionOptions } from './dispatcher';
import type { Handlers, StreamSink } from './handler-types';
import {
  MAX_CALLS_IN_FLIGHT,
  MAX_MESSAGE_BYTES,
  MAX_STREAMS,
  type ServerMessage,
} from '../../shared/contract/wire';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** app.info answers when the test says; kubeconfig.watch streams what the test emits. */
function setup(options: ConnectionOptions = {}) {
  const sent: ServerMessage[] = [];
  const calls = new Map<number, { answer(value?: unknown): void; signal: AbortSignal }>();
  const sinks: StreamSink<unknown>[] = [];
  const aborted: number[] = [];
  let callCount = 0;
  const handlers = {
    'app.info': (_input: unknown, signal: AbortSignal) =>
      new Promise((resolve) => {
        calls.set(++callCount, { answer: (v) => resolve(v ?? { n: callCount }), signal });
      }),
    'kubeconfig.watch': (_i: unknown, sink: StreamSink<unknown>, signal: AbortSignal) => {
      const index = sinks.push(sink);
      signal.addEventListener('abort', () => aborted.push(index));
    },
  } as unknown as Handlers;
  // Like the WebSocket: a reply that JSON cannot carry throws.
  const connection = serveConnection(
    handlers,
    (m) => void sent.push(JSON.parse(JSON.stringify(m)) as ServerMessage),
    options,
  );
  const call = (id: number) =>
    connection.receive({ t: 'call', id, channel: 'app.info', input: {} });
  const sub = (id: number) =>
    connection.receive({ t: 'sub', id, channel: 'kubeconfig.watch', input: {} });
  const repliesTo = (id: number | null) => sent.filter((m) => m.id === id);
  const terminal = (id: number) => repliesTo(id).filter((m) => m.t !== 'batch');
  return { sent, calls, sinks, aborted, connection, call, sub, repliesTo, terminal };
}

const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('the wire rules', () => {
  it('a frame over MAX_MESSAGE_BYTES gets TooLarge under its id; the other stream goes on', async () => {
    const w = setup();
    w.sub(1);
    const big = {
      t: 'call',
      id: 2,
      channel: 'app.info',
      input: { x: 'a'.repeat(MAX_MESSAGE_BYTES) },
    };
    w.connection.receiveFrame(text(big), false);
    // No id to read: written otherwise than the client writes (id after the input).
    const anonymous = { t: 'call', input: 'a'.repeat(MAX_MESSAGE_BYTES), id: 3 };
    w.connection.receiveFrame(text(anonymous), false);
    expect(w.sent).toEqual([
      { t: 'error', id: 2, error: { code: 'TooLarge', message: expect.stringContaining('limit') } },
      { t: 'error', id: null, error: { code: 'TooLarge', message: expect.any(String) } },
    ]);
    w.sinks[0]?.emit('still here');
    await vi.advanceTimersByTimeAsync(60);
    expect(w.repliesTo(1)).toEqual([
      { t: 'batch', id: 1, events: ['still here'], size: expect.any(Number) },
    ]);
    expect(w.aborted).toEqual([]);
  });

  it.each([
    ['a binary frame', new Uint8Array([1, 2, 3]), true, 'binary'],
    ['a frame that is not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), false, 'UTF-8'],
    ['a frame that is not JSON', new TextEncoder().encode('{"t":'), false, 'JSON'],
  ])('%s gets Invalid with id null', (_what, bytes, binary, message) => {
    const w = setup();
    w.sub(1);
    w.connection.receiveFrame(bytes, binary);
    expect(w.sent).toEqual([
      {
        t: 'error',
        id: null,
        error: { code: 'Invalid', message: expect.stringContaining(message) },
      },
    ]);
    expect(w.aborted).toEqual([]);
  });

  it('a frame that starts like a message but is not JSON gets Invalid under its id', () => {
    const w = setup();
    const frame = '{"t":"call","id":4,"channel":"app.info","input":{"n":NaN}}';
    w.connection.receiveFrame(new TextEncoder().encode(frame), false);
    expect(w.sent).toEqual([
      { t: 'error', id: 4, error: { code: 'Invalid', message: 'frame is not JSON' } },
    ]);
  });

  it('a duplicate of a running id ends that run with DuplicateId as its only reply', async () => {
    const w = setup();
    w.call(1);
    w.sub(2);
    await vi.advanceTimersByTimeAsync(0);
    w.call(1);
    w.sub(2);
    w.calls.get(1)?.answer();
    await vi.advanceTimersByTimeAsync(60);
    expect(w.terminal(1)).toEqual([
      {
        t: 'error',
        id: 1,
        error: { code: 'DuplicateId', message: 'id 1 is still running; ids must increase' },
      },
    ]);
    expect(w.terminal(2)).toMatchObject([{ t: 'error', error: { code: 'DuplicateId' } }]);
    expect(w.calls.get(1)?.signal.aborted).toBe(true);
    expect(w.aborted).toEqual([1]);
  });

  it('an id used before (finished, cancelled, or below the highest) gets DuplicateId', async () => {
    const w = setup();
    w.call(5);
    await vi.advanceTimersByTimeAsync(0);
    w.calls.get(1)?.answer();
    await vi.advanceTimersByTimeAsync(0);
    w.call(5);
    w.sub(3);
    w.call(6);
    await vi.advanceTimersByTimeAsync(0);
    expect(w.terminal(5)).toMatchObject([
      { t: 'result' },
      {
        t: 'error',
        error: { code: 'DuplicateId', message: 'id 5 was used before; ids must increase' },
      },
    ]);
    expect(w.terminal(3)).toMatchObject([{ t: 'error', error: { code: 'DuplicateId' } }]);
    expect(w.calls.size).toBe(2); // id 6 runs
  });

  it('cancel answers Cancelled once and nothing follows; cancel of an unknown id gets NotFound', async () => {
    const w = setup();
    w.call(1);
    w.sub(2);
    w.sub(3);
    await vi.advanceTimersByTimeAsync(0);
    w.sinks[0]?.emit('queued');
    w.connection.receive({ t: 'cancel', id: 1 });
    w.connection.receive({ t: 'cancel', id: 2 });
    w.connection.receive({ t: 'cancel', id: 2 });
    w.connection.receive({ t: 'cancel', id: 99 });
    w.calls.get(1)?.answer();
    w.sinks[0]?.emit('late');
    w.sinks[0]?.end();
    w.sinks[1]?.emit('other');
    await vi.advanceTimersByTimeAsync(60);
    const cancelled = { code: 'Cancelled', message: 'cancelled' };
    expect(w.repliesTo(1)).toEqual([{ t: 'error', id: 1, error: cancelled }]);
    expect(w.repliesTo(2)).toEqual([
      { t: 'error', id: 2, error: cancelled },
      { t: 'error', id: 2, error: { code: 'NotFound', message: 'no call or stream 2 is running' } },
    ]);
    expect(w.repliesTo(99)).toMatchObject([{ t: 'error', error: { code: 'NotFound' } }]);
    expect(w.repliesTo(3)).toMatchObject([{ t: 'batch', events: ['other'] }]);
    expect(w.calls.get(1)?.signal.aborted).toBe(true);
  });

  it('a malformed message carrying a running id ends only that run, with Invalid', async () => {
    const w = setup();
    w.call(1);
    w.sub(2);
    w.sub(3);
    await vi.advanceTimersByTimeAsync(0);
    w.connection.receive({ t: 'sub', id: 2, channel: 42 });
    w.connection.receive({ t: 'call', id: 1, input: {} });
    w.calls.get(1)?.answer();
    w.sinks[1]?.emit('on');
    await vi.advanceTimersByTimeAsync(60);
    const malformed = { code: 'Invalid', message: 'malformed message' };
    expect(w.terminal(1)).toEqual([{ t: 'error', id: 1, error: malformed }]);
    expect(w.terminal(2)).toEqual([{ t: 'error', id: 2, error: malformed }]);
    expect(w.repliesTo(3)).toMatchObject([{ t: 'batch', events: ['on'] }]);
    expect(w.aborted).toEqual([1]);
  });

  it('runs at most maxCalls calls and maxStreams streams; the next gets TooMany; ending frees a slot', async () => {
    const w = setup({ maxCalls: 2, maxStreams: 2 });
    [1, 2, 3].forEach(w.call);
    [4, 5, 6].forEach(w.sub);
    await vi.advanceTimersByTimeAsync(0);
    expect(w.terminal(3)).toEqual([
      {
        t: 'error',
        id: 3,
        error: { code: 'TooMany', message: '2 calls are running; end one first' },
      },
    ]);
    expect(w.terminal(6)).toMatchObject([
      { error: { code: 'TooMany', message: '2 streams are running; end one first' } },
    ]);
    w.calls.get(1)?.answer();
    w.connection.receive({ t: 'cancel', id: 4 });
    await vi.advanceTimersByTimeAsync(0);
    w.call(7);
    w.sub(8);
    await vi.advanceTimersByTimeAsync(0);
    expect(w.terminal(7)).toEqual([]);
    expect(w.terminal(8)).toEqual([]);
    expect(w.calls.size).toBe(3);
    expect(w.sinks).toHaveLength(3);
  });

  it(`the defaults: ${MAX_CALLS_IN_FLIGHT} calls and ${MAX_STREAMS} streams`, async () => {
    const w = setup();
    let id = 1;
    for (let n = 0; n < MAX_CALLS_IN_FLIGHT + 1; n++) w.call(id++);
    for (let n = 0; n < MAX_STREAMS + 1; n++) w.sub(id++);
    await vi.advanceTimersByTimeAsync(0);
    expect(w.sent.map((m) => [m.id, m.t === 'error' && m.error.code])).toEqual([
      [MAX_CALLS_IN_FLIGHT + 1, 'TooMany'],
      [id - 1, 'TooMany'],
    ]);
  });

  it('a MessagePort message: binary gets Invalid, an oversized or cyclic one TooLarge', () => {
    const w = setup();
    w.connection.receive(new ArrayBuffer(8));
    w.connection.receive({
      t: 'call',
      id: 4,
      channel: 'app.info',
      input: ['x'.repeat(MAX_MESSAGE_BYTES)],
    });
    const cyclic: Record<string, unknown> = { t: 'call', id: 5, channel: 'app.info' };
    cyclic['input'] = cyclic;
    w.connection.receive(cyclic);
    expect(w.sent).toMatchObject([
      { id: null, error: { code: 'Invalid', message: expect.stringContaining('binary') } },
      { id: 4, error: { code: 'TooLarge' } },
      { id: 5, error: { code: 'TooLarge' } },
    ]);
  });

  it('a reply the transport cannot carry becomes an Internal error for its id', async () => {
    const w = setup();
    w.call(1);
    w.sub(2);
    await vi.advanceTimersByTimeAsync(0);
    w.calls.get(1)?.answer({ big: 1n });
    w.sinks[0]?.emit({ big: 2n });
    await vi.advanceTimersByTimeAsync(60);
    expect(w.sent).toEqual([
      { t: 'error', id: 1, error: { code: 'Internal', message: 'main could not send its result' } },
      { t: 'error', id: 2, error: { code: 'Internal', message: 'main could not send its batch' } },
    ]);
  });

  it('echoes renderer text bounded and with control characters escaped', async () => {
    const w = setup();
    w.connection.receive({
      t: 'call',
      id: 1,
      channel: `\u001b]52;c;x\u0007${'n'.repeat(190)}`,
      input: {},
    });
    await vi.advanceTimersByTimeAsync(0);
    const reply = w.sent[0];
    const message = reply?.t === 'error' ? reply.error.message : '';
    expect(message).toContain('\\u001b]52;c;x\\u0007');
    expect([...message].some((c) => c.charCodeAt(0) < 0x20)).toBe(false);
    expect(message.length).toBeLessThan(260);
  });

  it('close cancels everything and sends nothing more', async () => {
    const w = setup();
    w.call(1);
    w.sub(2);
    await vi.advanceTimersByTimeAsync(0);
    w.connection.close();
    w.calls.get(1)?.answer();
    w.sinks[0]?.emit('x');
    w.connection.receive({ t: 'call', id: 3, channel: 'app.info', input: {} });
    await vi.advanceTimersByTimeAsync(60);
    expect(w.sent).toEqual([]);
    expect(w.calls.get(1)?.signal.aborted).toBe(true);
    expect(w.aborted).toEqual([1]);
  });
});
