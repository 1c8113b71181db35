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
 *
 * Ids and replies (main/rpc/dispatcher.ts keeps these; main/rpc/dispatcher.test.ts and the
 * contract fuzz, e2e/integration/contract-fuzz.test.ts, check them):
 * - Every `call` and `sub` gets exactly ONE terminal reply under its id: `result` (calls),
 *   `end` (streams), or `error`. A stream's batches come before it; nothing comes after.
 * - Ids must increase on a connection (the client counts up from 1). A `call`/`sub` whose
 *   id is still running, or at or below the highest id seen, is refused with `DuplicateId`.
 *   If that id is still running, the run is stopped and the refusal is its one reply: both
 *   messages claim the id, and the client could not tell two replies apart. An id of a
 *   finished call is therefore never reused either; forbidding it costs one number per
 *   connection, not a set of every id ever seen.
 * - `cancel` of a running id: main replies `error` `Cancelled` at once (the id's one reply;
 *   the client already forgot the id and ignores it) and stops the work. `cancel` of an
 *   id not running (never used, finished, or cancelled already, including a cancel that
 *   crossed the end on the wire) gets `error` `NotFound` under that id, which the client
 *   ignores as well.
 * - At most MAX_CALLS_IN_FLIGHT calls and MAX_STREAMS streams run per connection; the next
 *   gets `TooMany` (its id counts as used); a finished, failed or cancelled one frees its
 *   slot at once.
 * - A message over MAX_MESSAGE_BYTES gets `TooLarge`, a binary frame, a frame that is not
 *   UTF-8 or JSON, or a bad envelope gets `Invalid`. Such a refusal goes under the message's
 *   id when main can read one (for a frame it cannot parse, from its first bytes, as the
 *   client writes them: `{"t":"call","id":N,`), and under `id: null` otherwise; when the id is
 *   running, that run ends with the refusal as its one reply, as for a duplicate id.
 *   Every id main refused a message under counts as used, like one that ran.
 *   Nothing else on the connection is disturbed.
 * - Below the messages, the transport may still close: browser mode's WebSocket closes with
 *   1009 (Message Too Big) for a frame over MAX_FRAME_BYTES (main/web/socket.ts), since ws
 *   holds a whole frame in memory before main sees it, and with 1002 for frames that break
 *   the WebSocket protocol itself (the byte stream cannot be resynchronised after them).
 */
import { z } from 'zod';
import type { PilotErrorData } from './errors';
import { ACK_EVERY_BYTES, STREAM_WINDOW_BYTES } from './values';

/**
 * Streams are flushed at most this often, so a busy stream costs the UI ~20 renders/s. A
 * producer that batches on its own clock may send sooner (StreamSink.flush in main: the
 * log stream's 25 ms batches), still within the stream's credits.
 */
export const STREAM_FLUSH_MS = 50;

// The window and the ack size are plain values (values.ts): the client imports them
// without this file's schemas.
export { ACK_EVERY_BYTES, STREAM_WINDOW_BYTES };

/**
 * The largest message the renderer may send (its JSON length in bytes, or the estimate of
 * it for a MessagePort's structured clone). A call or subscription is a few hundred bytes;
 * the largest legitimate input, a log query, is bounded at 4,000 characters by its schema.
 * 1 MiB is far above both and still cheap to parse and to refuse.
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Requests one connection may have running at once. The renderer has a handful in flight
 * (app.info, a context's namespaces and discovery, a detail panel's object and its owner
 * chain, an action); 64 leaves room for bursts while bounding what one connection can make
 * main hold (each request may hold a socket to an API server).
 */
export const MAX_CALLS_IN_FLIGHT = 64;

/**
 * Streams one connection may have open at once. The UI keeps about ten (kubeconfig,
 * connections, the open view's watches per kind, logs, feeds lingering 5 s after their
 * view); 256 is far above that and still bounds the watches, timers and credit windows a
 * single connection can make main keep (each stream may hold up to STREAM_WINDOW_BYTES).
 */
export const MAX_STREAMS = 256;

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
 * An `error` with `id: null` refuses a message main could not read an id from (see above).
 */
export type ServerMessage =
  | { t: 'result'; id: number; value: unknown }
  | { t: 'error'; id: number | null; error: PilotErrorData }
  | { t: 'batch'; id: number; events: unknown[]; size: number }
  | { t: 'end'; id: number };
