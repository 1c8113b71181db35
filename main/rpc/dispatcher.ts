/**
 * Serves the contract over one connection (a WebSocket or an Electron MessagePort).
 * Every message is validated twice before a service sees it: the envelope against the
 * wire schema, the input against its channel's schema. Stream events are batched and
 * flushed at most every STREAM_FLUSH_MS, and only while the stream has credit: the
 * renderer acknowledges what it handled (flow control, see shared/contract/wire.ts), so
 * both transports hold back the same way. Nothing a renderer sends can crash main: every
 * call and stream gets exactly one terminal reply, and refusals (size, binary, duplicate
 * or reused ids, too many running, unknown channels and ids) are typed errors that leave
 * the connection's other calls and streams alone. The rules are at the top of wire.ts.
 */
import {
  channels,
  isChannelName,
  type RequestName,
  type StreamName,
} from '../../shared/contract/channels';
import type { Handlers, StreamSink } from './handler-types';
import {
  clientMessage,
  MAX_CALLS_IN_FLIGHT,
  MAX_STREAMS,
  STREAM_FLUSH_MS,
  STREAM_WINDOW_BYTES,
  type ServerMessage,
} from '../../shared/contract/wire';
import { StreamOutbox } from './stream-outbox';
import { PilotError, toErrorData } from '../../shared/contract/errors';
import { checkStructured, decodeFrame, echo, idOf, type Decoded } from './frame';
import { logger } from '../platform/logger';

const log = logger('rpc');

export interface Connection {
  /** Feeds one message that arrived decoded (a MessagePort's structured clone). */
  receive(raw: unknown): void;
  /** Feeds one frame of a byte transport (a WebSocket message), as the bytes came. */
  receiveFrame(data: Uint8Array, binary: boolean): void;
  /** The renderer went away: cancels every call and stream of this connection. */
  close(): void;
}

export interface ConnectionOptions {
  /** Per-stream window in bytes; STREAM_WINDOW_BYTES unless a test wants a small one. */
  windowBytes?: number;
  /** Calls running at once; MAX_CALLS_IN_FLIGHT unless a test wants a small limit. */
  maxCalls?: number;
  /** Streams open at once; MAX_STREAMS unless a test wants a small limit. */
  maxStreams?: number;
}

/** One running call or stream. `settle` ends it with `error` as its one reply. */
interface Run {
  kind: 'request' | 'stream';
  settle(error: PilotError): void;
}

export function serveConnection(
  handlers: Handlers,
  send: (message: ServerMessage) => void,
  options: ConnectionOptions = {},
): Connection {
  const windowBytes = options.windowBytes ?? STREAM_WINDOW_BYTES;
  const limits = {
    request: options.maxCalls ?? MAX_CALLS_IN_FLIGHT,
    stream: options.maxStreams ?? MAX_STREAMS,
  };
  const running = new Map<number, Run>();
  const counts = { request: 0, stream: 0 };
  /** The credit bookkeeping of each running stream, by id, for incoming acks. */
  const acks = new Map<number, (size: number) => void>();
  /** The highest call/sub id seen: ids must increase (wire.ts). */
  let lastId = -1;
  let closed = false;

  const reply = (message: ServerMessage) => {
    if (closed) return;
    try {
      send(message);
    } catch (error) {
      // A value the transport cannot carry (a BigInt, a cycle): the id still gets a reply.
      log.error(`could not send a ${message.t} for ${message.id}`, error);
      if (message.t === 'error' || message.id === null) return;
      const run = running.get(message.id);
      const failure = new PilotError('Internal', `main could not send its ${message.t}`);
      if (run) run.settle(failure);
      else if (message.t === 'result')
        reply({ t: 'error', id: message.id, error: failure.toData() });
    }
  };

  const fail = (id: number, error: unknown) => {
    const data = toErrorData(error);
    if (data.code === 'Internal') log.error(`call ${id} failed`, error);
    reply({ t: 'error', id, error: data });
  };

  /** Forgets `run` if it is still the one under `id`; true when it was. */
  const release = (id: number, run: Run): boolean => {
    if (running.get(id) !== run) return false;
    running.delete(id);
    counts[run.kind] -= 1;
    return true;
  };

  /** Answers a message main will not run; a running id ends with this as its one reply. */
  const refuse = (id: number | null, error: PilotError) => {
    log.warn(`refused a message${id === null ? '' : ` for ${id}`}: ${error.code}`);
    if (id === null) return reply({ t: 'error', id: null, error: error.toData() });
    // Answered, so used: a later call under it would get a second reply for one id.
    lastId = Math.max(lastId, id);
    const run = running.get(id);
    if (run) run.settle(error);
    else fail(id, error);
  };

  const parseInput = (channel: string, input: unknown, kind: 'request' | 'stream') => {
    if (!isChannelName(channel) || channels[channel].kind !== kind) {
      throw new PilotError('NotFound', `no ${kind} channel named "${echo(channel)}"`);
    }
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
      const what = echo(`${where}${issue?.message ?? 'invalid'}`);
      log.warn(`invalid input for ${channel}: ${what}`);
      throw new PilotError('Invalid', `invalid input for ${channel}: ${what}`);
    }
    return { channel, input: parsed.data };
  };

  function startCall(id: number, channelName: string, rawInput: unknown): void {
    let input: unknown;
    let handler: (input: unknown, signal: AbortSignal) => Promise<unknown>;
    try {
      // Validated on arrival: an invalid input is refused before anything runs, and before
      // a cancel that follows it on the wire.
      const parsed = parseInput(channelName, rawInput, 'request');
      input = parsed.input;
      handler = handlers[parsed.channel as RequestName] as typeof handler;
    } catch (error) {
      return fail(id, error);
    }
    const controller = new AbortController();
    const run: Run = {
      kind: 'request',
      settle(error) {
        if (!release(id, run)) return;
        fail(id, error);
        controller.abort();
      },
    };
    running.set(id, run);
    counts.request += 1;
    const call = async () => handler(input, controller.signal);
    call().then(
      (value) => {
        if (release(id, run)) reply({ t: 'result', id, value: value ?? null });
      },
      (error: unknown) => {
        if (release(id, run)) fail(id, error);
      },
    );
  }

  function startStream(id: number, channelName: string, rawInput: unknown): void {
    const controller = new AbortController();
    const outbox = new StreamOutbox(windowBytes);
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    const flush = () => {
      timer = undefined;
      if (controller.signal.aborted) return;
      // Without credit the events stay queued; the next ack schedules this again.
      const batch = outbox.take();
      if (batch) reply({ t: 'batch', id, events: batch.events, size: batch.size });
    };
    const schedule = () => {
      timer ??= setTimeout(flush, STREAM_FLUSH_MS);
    };
    const stop = () => {
      done = true;
      clearTimeout(timer);
      acks.delete(id);
      outbox.close();
    };
    /** The one end of this stream: `end`, or `error` (after what was emitted, if `flush`). */
    const finish = (error: unknown, flushQueued: boolean) => {
      if (done) return;
      // What was emitted before the end is delivered, credit or not: the stream is over and
      // its producer held back while it ran, so this is at most about one window.
      const batch = flushQueued && !controller.signal.aborted ? outbox.take(true) : undefined;
      if (batch) reply({ t: 'batch', id, events: batch.events, size: batch.size });
      stop();
      if (!release(id, run)) return;
      if (error === undefined) reply({ t: 'end', id });
      else fail(id, error);
      controller.abort();
    };
    // Cancelled, refused or closed: nothing queued is sent after the reply.
    const run: Run = { kind: 'stream', settle: (error) => finish(error, false) };
    running.set(id, run);
    counts.stream += 1;

    const sink: StreamSink<unknown> = {
      emit(event) {
        if (done || controller.signal.aborted) return;
        outbox.push(event);
        if (!outbox.blocked) schedule();
      },
      end: () => finish(undefined, true),
      fail: (error) => finish(error ?? new PilotError('Internal', 'stream failed'), true),
      pending: () => outbox.pending,
      held: () => outbox.held,
      writable: () => outbox.writable(),
      flush() {
        if (done || controller.signal.aborted) return;
        clearTimeout(timer);
        flush();
      },
    };
    acks.set(id, (size) => {
      outbox.ack(size);
      if (outbox.queued > 0 && !outbox.blocked) schedule();
    });
    controller.signal.addEventListener('abort', stop);

    try {
      const { channel, input } = parseInput(channelName, rawInput, 'stream');
      const handler = handlers[channel as StreamName] as (
        i: unknown,
        s: StreamSink<unknown>,
        a: AbortSignal,
      ) => void;
      handler(input, sink, controller.signal);
    } catch (error) {
      finish(error, true);
    }
  }

  function handle(raw: unknown): void {
    const parsed = clientMessage.safeParse(raw);
    if (!parsed.success) {
      // The renderer takes an error as the end of whatever runs under its id (say, after a
      // malformed ack), so that run ends with it rather than stream on to nobody.
      return refuse(idOf(raw), new PilotError('Invalid', 'malformed message'));
    }
    const message = parsed.data;
    if (message.t === 'ack') {
      // Acks race with a stream's end and cancel; for an id not streaming, they are moot.
      acks.get(message.id)?.(message.size);
      return;
    }
    if (message.t === 'cancel') {
      const run = running.get(message.id);
      if (run) return run.settle(new PilotError('Cancelled', 'cancelled'));
      return fail(
        message.id,
        new PilotError('NotFound', `no call or stream ${message.id} is running`),
      );
    }
    if (running.has(message.id) || message.id <= lastId) {
      const why = running.has(message.id) ? 'is still running' : 'was used before';
      return refuse(
        message.id,
        new PilotError('DuplicateId', `id ${message.id} ${why}; ids must increase`),
      );
    }
    lastId = message.id;
    const kind = message.t === 'call' ? 'request' : 'stream';
    if (counts[kind] >= limits[kind]) {
      const what = kind === 'request' ? 'calls' : 'streams';
      return refuse(
        message.id,
        new PilotError('TooMany', `${limits[kind]} ${what} are running; end one first`),
      );
    }
    if (kind === 'request') startCall(message.id, message.channel, message.input);
    else startStream(message.id, message.channel, message.input);
  }

  const take = (decoded: Decoded) => {
    if (closed) return;
    if (decoded.ok) handle(decoded.message);
    else refuse(decoded.id, decoded.error);
  };

  return {
    receive: (raw) => take(checkStructured(raw)),
    receiveFrame: (data, binary) => take(decodeFrame(data, binary)),
    close() {
      closed = true;
      for (const run of [...running.values()]) run.settle(new PilotError('Cancelled', 'closed'));
      running.clear();
      acks.clear();
    },
  };
}
