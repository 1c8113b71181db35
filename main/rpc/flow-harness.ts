/**
 * Test support for flow control over a real transport (used by the MessagePort and the
 * WebSocket tests): a stream producer that honours the sink's credits, and a client pipe
 * that can stall like a busy renderer. Counts messages and bytes; nothing here is timed.
 */
import { expect, vi } from 'vitest';
import { createClient, type MessagePipe } from '../../shared/contract/client';
import {
  ACK_EVERY_BYTES,
  STREAM_WINDOW_BYTES,
  type ClientMessage,
  type ServerMessage,
} from '../../shared/contract/wire';
import type { Handlers, StreamSink } from './handler-types';

/** Each produced event carries this much text, so a window holds about 128 of them. */
export const EVENT_TEXT_BYTES = 64 * 1024;

export interface ProducerStats {
  emitted: number;
  /** The producer is waiting for credit (`sink.writable()`). */
  waiting: boolean;
  /** Largest `sink.pending()` seen right after an emit. */
  peakPending: number;
  sink?: StreamSink<unknown>;
}

/**
 * Handlers whose `kubeconfig.watch` emits `count` events `{ n, text }` as fast as credit
 * allows, then ends. Like the log pump, it waits while the sink is held.
 */
export function producerHandlers(count: number): { handlers: Handlers; stats: ProducerStats } {
  const stats: ProducerStats = { emitted: 0, waiting: false, peakPending: 0 };
  const text = 'x'.repeat(EVENT_TEXT_BYTES);
  const produce = async (sink: StreamSink<unknown>, signal: AbortSignal) => {
    stats.sink = sink;
    while (stats.emitted < count && !signal.aborted) {
      if (sink.held()) {
        stats.waiting = true;
        await sink.writable();
        stats.waiting = false;
        continue;
      }
      sink.emit({ n: stats.emitted++, text });
      stats.peakPending = Math.max(stats.peakPending, sink.pending());
    }
    if (!signal.aborted) sink.end();
  };
  const handlers = {
    'kubeconfig.watch': (_input: unknown, sink: StreamSink<unknown>, signal: AbortSignal) =>
      void produce(sink, signal),
  } as unknown as Handlers;
  return { handlers, stats };
}

export interface StallablePipe {
  pipe: MessagePipe;
  /** Messages from main that reached this end, delivered to the client or not. */
  arrived: ServerMessage[];
  /** What the client sent. */
  sent: ClientMessage[];
  /** Stops handing messages to the client (a renderer busy elsewhere). */
  stall(): void;
  /** Hands over everything held back and resumes. */
  resume(): void;
}

/** Wraps a pipe so the test can stall the client's side of it. */
export function stallable(inner: MessagePipe): StallablePipe {
  const arrived: ServerMessage[] = [];
  const sent: ClientMessage[] = [];
  const held: ServerMessage[] = [];
  let stalled = false;
  let receive: (message: ServerMessage) => void = () => undefined;
  inner.onMessage((message) => {
    arrived.push(message);
    if (stalled) held.push(message);
    else receive(message);
  });
  return {
    arrived,
    sent,
    pipe: {
      send: (message) => {
        sent.push(message);
        inner.send(message);
      },
      onMessage: (fn) => (receive = fn),
      onClose: (fn) => inner.onClose(fn),
    },
    stall: () => (stalled = true),
    resume: () => {
      stalled = false;
      for (const message of held.splice(0)) receive(message);
    },
  };
}

/** Bytes of batches among `messages` (their `size`, what credits count). */
export function batchBytes(messages: ServerMessage[]): number {
  return messages.reduce((sum, m) => sum + (m.t === 'batch' ? m.size : 0), 0);
}

/** Bytes one produced event adds to a batch: its text plus `{"n":…,"text":""}` and a comma. */
const ONE_EVENT_BYTES = EVENT_TEXT_BYTES + 32;
/** Three windows and a bit: the producer must be held back and resumed several times. */
const SCENARIO_EVENTS = 400;
const WAIT = { timeout: 30_000, interval: 20 };

/**
 * The whole credit loop over a real transport, with the real dispatcher and the real
 * shared client: a renderer that stalls receives one window and no more, while the
 * producer waits at the source; once it resumes, every event arrives in order and the
 * acks were few (coalesced per ACK_EVERY_BYTES, not one per message).
 */
export async function stalledRendererScenario(
  open: (handlers: Handlers) => Promise<MessagePipe>,
): Promise<void> {
  const { handlers, stats } = producerHandlers(SCENARIO_EVENTS);
  const wire = stallable(await open(handlers));
  const client = createClient(wire.pipe);
  const received: number[] = [];
  let ended = false;
  wire.stall();
  client.subscribe(
    'kubeconfig.watch',
    {},
    {
      onBatch: (events) => {
        for (const event of events as unknown as { n: number }[]) received.push(event.n);
      },
      onEnd: () => (ended = true),
    },
    new AbortController().signal,
  );

  // Stalled: main sends what fits the window, then the producer waits and sending stops.
  await vi.waitFor(() => {
    expect(stats.waiting).toBe(true);
    expect(batchBytes(wire.arrived)).toBe(stats.sink?.pending());
  }, WAIT);
  const whileStalled = batchBytes(wire.arrived);
  expect(whileStalled).toBeGreaterThanOrEqual(STREAM_WINDOW_BYTES);
  expect(whileStalled).toBeLessThan(STREAM_WINDOW_BYTES + ONE_EVENT_BYTES);
  expect(stats.emitted).toBeLessThan(SCENARIO_EVENTS / 2);
  expect(received).toEqual([]);
  expect(wire.sent.filter((m) => m.t === 'ack')).toEqual([]);

  wire.resume();
  await vi.waitFor(() => expect(ended).toBe(true), WAIT);
  expect(received).toEqual([...Array(SCENARIO_EVENTS).keys()]);
  expect(stats.peakPending).toBeLessThan(STREAM_WINDOW_BYTES + ONE_EVENT_BYTES);
  const total = batchBytes(wire.arrived);
  const acks = wire.sent.flatMap((m) => (m.t === 'ack' ? [m.size] : []));
  expect(acks.length).toBeGreaterThanOrEqual(Math.floor(total / STREAM_WINDOW_BYTES));
  expect(acks.length).toBeLessThanOrEqual(Math.ceil(total / ACK_EVERY_BYTES));
  const acked = acks.reduce((sum, size) => sum + size, 0);
  expect(total - acked).toBeGreaterThanOrEqual(0);
  expect(total - acked).toBeLessThan(ACK_EVERY_BYTES);
}
