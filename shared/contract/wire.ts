/**
 * The messages that carry the contract over any byte pipe: a WebSocket in browser mode,
 * a MessagePort in Electron. Both ends speak exactly this, so flow control is the same on
 * both: it lives here, not in the transports.
 *
 * Flow control (credits). Every stream has a window of STREAM_WINDOW_BYTES:
 * - Main sends `{ t: 'batch', id, events, size }`. `size` is about the length of
 *   `JSON.stringify(events)` (≈ bytes for log text), estimated by walking the events once
 *   as they are emitted (main/rpc/stream-outbox.ts: exact for strings, within a few
 *   percent for log lines and rows). Bytes, not an event count: one log event carries up
 *   to 2,000 lines and one resource upsert thousands of rows, so counting events would
 *   bound nothing. JSON length is what the WebSocket carries and tracks what a structured
 *   clone over a MessagePort costs. The client never measures; it echoes main's numbers.
 * - The client hands a batch to its subscriber (`onBatch` returns), adds `size` to that
 *   stream's unacknowledged total, and once the total reaches ACK_EVERY_BYTES it sends
 *   `{ t: 'ack', id, size: total }` and starts again from zero. Acks are coalesced this way
 *   (no timers): at 12 MB/s of logs that is ~12 acks a second, and a quiet stream never
 *   needs to ack at all because it never comes near the window.
 * - Main counts, per stream, bytes emitted (queued or sent) minus bytes acknowledged. It
 *   sends a batch only while the sent-but-unacknowledged bytes are below the window, so
 *   at most one batch beyond the window is ever in flight; otherwise it keeps queueing.
 *   Producers see the same count (`StreamSink.pending()/held()/writable()` in
 *   main/rpc/handler-types.ts) and hold back at the source: the log pump stops reading its
 *   ring (the ring laps and reports 'skipped'), resources.watch coalesces row diffs by uid.
 * - No deadlock: ACK_EVERY_BYTES < STREAM_WINDOW_BYTES, so once the client has handled
 *   everything sent, its unreported total is below the window and main may send again.
 * - An ack is validated like every other message; an ack for an id that is not a running
 *   stream (it ended, was cancelled, or never existed) is ignored, since acks race with
 *   the end of a stream; an ack larger than what is outstanding only brings it to zero.
 */
import { z } from 'zod';
import type { PilotErrorData } from './errors';

/** Streams are flushed at most this often, so a busy stream costs the UI ~20 renders/s. */
export const STREAM_FLUSH_MS = 50;

/**
 * Bytes (JSON length of events) one stream may have emitted and not had acknowledged.
 * 8 MiB: the log stream's hold-back before credits existed; at ~40,000 lines/s (twice the
 * log benchmark) a renderer that keeps up never reaches it.
 */
export const STREAM_WINDOW_BYTES = 8 * 1024 * 1024;

/** The client acknowledges a stream once it has handled this many bytes since its last ack. */
export const ACK_EVERY_BYTES = STREAM_WINDOW_BYTES / 8;

const id = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** What the renderer sends. Main parses it with this schema before anything else. */
export const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id, channel: z.string().max(200), input: z.unknown() }),
  z.object({ t: z.literal('sub'), id, channel: z.string().max(200), input: z.unknown() }),
  z.object({ t: z.literal('cancel'), id }),
  /** `size`: the sum of the `size`s of batches of stream `id` handled since the last ack. */
  z.object({
    t: z.literal('ack'),
    id,
    size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

/**
 * What main sends back. `batch` carries one or more stream events in order, and `size`,
 * about the length of `JSON.stringify(events)`, which the client acknowledges (see above).
 */
export type ServerMessage =
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number; error: PilotErrorData }
  | { t: 'batch'; id: number; events: unknown[]; size: number }
  | { t: 'end'; id: number };
