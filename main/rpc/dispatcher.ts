/**
 * Serves the contract over one connection (a WebSocket or an Electron MessagePort).
 * Every message is validated twice before a service sees it: the envelope against the
 * wire schema, the input against its channel's schema. Stream events are batched and
 * flushed at most every STREAM_FLUSH_MS. Nothing a renderer sends can crash main.
 */
import {
  channels,
  isChannelName,
  type RequestName,
  type StreamName,
} from '../../shared/contract/channels';
import type { Handlers, StreamSink } from './handler-types';
import { clientMessage, STREAM_FLUSH_MS, type ServerMessage } from '../../shared/contract/wire';
import { PilotError, toErrorData } from '../../shared/contract/errors';
import { logger } from '../platform/logger';

const log = logger('rpc');

export interface Connection {
  /** Feeds one decoded message from the renderer. */
  receive(raw: unknown): void;
  /** The renderer went away: cancels every call and stream of this connection. */
  close(): void;
}

export function serveConnection(
  handlers: Handlers,
  send: (message: ServerMessage) => void,
  backlog: () => number = () => 0,
): Connection {
  const running = new Map<number, AbortController>();
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
    let queue: unknown[] = [];
    let timer: NodeJS.Timeout | undefined;
    let done = false;

    const flush = () => {
      timer = undefined;
      if (queue.length === 0 || controller.signal.aborted) return;
      const events = queue;
      queue = [];
      reply({ t: 'batch', id, events });
    };
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      flush();
      if (!running.delete(id)) return;
      controller.abort();
      if (error === undefined) reply({ t: 'end', id });
      else fail(id, error);
    };
    const sink: StreamSink<unknown> = {
      emit(event) {
        if (done || controller.signal.aborted) return;
        queue.push(event);
        timer ??= setTimeout(flush, STREAM_FLUSH_MS);
      },
      end: () => finish(),
      fail: (error) => finish(error ?? new PilotError('Internal', 'stream failed')),
      backlog,
    };
    controller.signal.addEventListener('abort', () => {
      done = true;
      clearTimeout(timer);
    });

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
        if (typeof id === 'number') fail(id, new PilotError('Invalid', 'malformed message'));
        return;
      }
      const message = parsed.data;
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
    },
  };
}
