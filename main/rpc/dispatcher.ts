/**
 * Serves the contract over one connection (a WebSocket or an Electron MessagePort).
 * Every message is validated twice before a service sees it: the envelope against the
 * wire schema, the input against its channel's schema. Stream events are batched and
 * flushed at most every STREAM_FLUSH_MS, and only while the stream has credit: the
 * renderer acknowledges what it handled (flow control, see shared/contract/wire.ts), so
 * both transports hold back the same way. Nothing a renderer sends can crash main.
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
  STREAM_FLUSH_MS,
  STREAM_WINDOW_BYTES,
  type ServerMessage,
} from '../../shared/contract/wire';
import { StreamOutbox } from './stream-outbox';
import { PilotError, toErrorData } from '../../shared/contract/errors';
import { logger } from '../platform/logger';

const log = logger('rpc');

export interface Connection {
  /** Feeds one decoded message from the renderer. */
  receive(raw: unknown): void;
  /** The renderer went away: cancels every call and stream of this connection. */
  close(): void;
}

export interface ConnectionOptions {
  /** Per-stream window in bytes; STREAM_WINDOW_BYTES unless a test wants a small one. */
  windowBytes?: number;
}

export function serveConnection(
  handlers: Handlers,
  send: (message: ServerMessage) => void,
  options: ConnectionOptions = {},
): Connection {
  const windowBytes = options.windowBytes ?? STREAM_WINDOW_BYTES;
  const running = new Map<number, AbortController>();
  /** The credit bookkeeping of each running stream, by id, for incoming acks. */
  const acks = new Map<number, (size: number) => void>();
  let closed = false;

  const reply = (message: ServerMessage) => {
    if (!closed) send(message);
  };

  const fail = (id: number, error: unknown) => {
    const data = toErrorData(error);
    if (data.code === 'Internal') log.error(`call ${id} failed`, error);
    reply({ t: 'error', id, error: data });
  };

  const parseInput = (channel: string, input: unknown, kind: 'request' | 'stream') => {
    if (!isChannelName(channel) || channels[channel].kind !== kind) {
      throw new PilotError('NotFound', `no ${kind} channel named "${channel}"`);
    }
    const parsed = channels[channel].input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      log.warn(`invalid input for ${channel}: ${where}${issue?.message ?? ''}`);
      throw new PilotError(
        'Invalid',
        `invalid input for ${channel}: ${where}${issue?.message ?? 'invalid'}`,
      );
    }
    return { channel, input: parsed.data };
  };

  function startCall(id: number, channelName: string, rawInput: unknown): void {
    const controller = new AbortController();
    running.set(id, controller);
    const run = async () => {
      const { channel, input } = parseInput(channelName, rawInput, 'request');
      const handler = handlers[channel as RequestName] as (
        i: unknown,
        s: AbortSignal,
      ) => Promise<unknown>;
      return handler(input, controller.signal);
    };
    run().then(
      (value) => {
        if (running.delete(id)) reply({ t: 'result', id, value: value ?? null });
      },
      (error: unknown) => {
        if (running.delete(id)) fail(id, error);
      },
    );
  }

  function startStream(id: number, channelName: string, rawInput: unknown): void {
    const controller = new AbortController();
    running.set(id, controller);
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
    const finish = (error?: unknown) => {
      if (done) return;
      // What was emitted before the end is delivered, credit or not: the stream is over and
      // its producer held back while it ran, so this is at most about one window.
      const batch = controller.signal.aborted ? undefined : outbox.take(true);
      if (batch) reply({ t: 'batch', id, events: batch.events, size: batch.size });
      stop();
      if (!running.delete(id)) return;
      controller.abort();
      if (error === undefined) reply({ t: 'end', id });
      else fail(id, error);
    };
    const sink: StreamSink<unknown> = {
      emit(event) {
        if (done || controller.signal.aborted) return;
        outbox.push(event);
        if (!outbox.blocked) schedule();
      },
      end: () => finish(),
      fail: (error) => finish(error ?? new PilotError('Internal', 'stream failed')),
      pending: () => outbox.pending,
      held: () => outbox.held,
      writable: () => outbox.writable(),
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
      finish(error);
    }
  }

  return {
    receive(raw) {
      if (closed) return;
      const parsed = clientMessage.safeParse(raw);
      if (!parsed.success) {
        log.warn('dropped a malformed message from the renderer');
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id !== 'number') return;
        // The renderer takes this error as the end of whatever runs under `id` (say, after
        // a malformed ack), so main stops it too rather than stream on to nobody.
        const controller = running.get(id);
        running.delete(id);
        controller?.abort();
        fail(id, new PilotError('Invalid', 'malformed message'));
        return;
      }
      const message = parsed.data;
      if (message.t === 'ack') {
        // Acks race with a stream's end and cancel; for an id not streaming, they are moot.
        acks.get(message.id)?.(message.size);
        return;
      }
      if (message.t === 'cancel') {
        const controller = running.get(message.id);
        running.delete(message.id);
        controller?.abort();
        return;
      }
      if (running.has(message.id)) {
        fail(message.id, new PilotError('Invalid', `id ${message.id} is already in use`));
        return;
      }
      if (message.t === 'call') startCall(message.id, message.channel, message.input);
      else startStream(message.id, message.channel, message.input);
    },
    close() {
      closed = true;
      for (const controller of running.values()) controller.abort();
      running.clear();
      acks.clear();
    },
  };
}
