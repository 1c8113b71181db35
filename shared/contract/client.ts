/**
 * A {@link PilotApi} over any message pipe that speaks the wire protocol. Used by the
 * browser-mode WebSocket and by Electron's preload over a MessagePort. It also keeps the
 * client's half of flow control: acknowledging batches once handed over (see wire.ts).
 */
import type { PilotApi, StreamHandlers } from './api';
import type { ClientMessage, ServerMessage } from './wire';
import { ACK_EVERY_BYTES } from './values';
import { isErrorData, type PilotErrorData } from './errors';

export interface MessagePipe {
  send(message: ClientMessage): void;
  /** Registers the one receiver of everything main sends. */
  onMessage(receive: (message: ServerMessage) => void): void;
  /** Called once when the pipe is gone for good. */
  onClose(closed: (reason: string) => void): void;
}

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: PilotErrorData): void;
}

export interface ClientOptions {
  /** Acknowledge a stream after handling this many bytes; tests use small values. */
  ackEveryBytes?: number;
}

export function createClient(pipe: MessagePipe, options: ClientOptions = {}): PilotApi {
  const ackEvery = options.ackEveryBytes ?? ACK_EVERY_BYTES;
  let nextId = 1;
  let closedReason: string | undefined;
  const calls = new Map<number, PendingCall>();
  const streams = new Map<number, StreamHandlers<unknown>>();
  /** Per stream, bytes handed to the subscriber and not yet acknowledged to main. */
  const unacked = new Map<number, number>();

  const handled = (id: number, size: number) => {
    // A stream cancelled here (or ended) needs no credit: main has forgotten it.
    if (!streams.has(id) || !Number.isSafeInteger(size) || size <= 0) return;
    const total = (unacked.get(id) ?? 0) + size;
    if (total < ackEvery) return void unacked.set(id, total);
    unacked.set(id, 0);
    pipe.send({ t: 'ack', id, size: total });
  };

  pipe.onMessage((message) => {
    switch (message.t) {
      case 'result':
        calls.get(message.id)?.resolve(message.value);
        calls.delete(message.id);
        return;
      case 'batch':
        try {
          streams.get(message.id)?.onBatch(message.events);
        } finally {
          // Handed over, even if the subscriber threw: a stuck credit would stall the stream.
          handled(message.id, message.size);
        }
        return;
      case 'end':
        streams.get(message.id)?.onEnd?.();
        streams.delete(message.id);
        unacked.delete(message.id);
        return;
      case 'error': {
        // A refusal of a message main could not read an id from: this client never sends
        // one (it writes well-formed messages), so there is no call to settle.
        if (message.id === null) return;
        const error = isErrorData(message.error)
          ? message.error
          : { code: 'Internal' as const, message: 'malformed error from main' };
        calls.get(message.id)?.reject(error);
        calls.delete(message.id);
        streams.get(message.id)?.onError?.(error);
        streams.delete(message.id);
        unacked.delete(message.id);
        return;
      }
    }
  });

  pipe.onClose((reason) => {
    closedReason = reason;
    const error: PilotErrorData = { code: 'Unreachable', message: reason };
    for (const call of calls.values()) call.reject(error);
    for (const stream of streams.values()) stream.onError?.(error);
    calls.clear();
    streams.clear();
    unacked.clear();
  });

  const closedError = (): PilotErrorData => ({
    code: 'Unreachable',
    message: closedReason ?? 'not connected',
  });

  return {
    request(channel, input, signal) {
      return new Promise((resolve, reject) => {
        if (closedReason !== undefined) return reject(closedError());
        if (signal?.aborted) return reject({ code: 'Cancelled', message: 'cancelled' });
        const id = nextId++;
        const onAbort = () => {
          if (!calls.delete(id)) return;
          pipe.send({ t: 'cancel', id });
          reject({ code: 'Cancelled', message: 'cancelled' });
        };
        calls.set(id, {
          resolve: (value) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(value as never);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        pipe.send({ t: 'call', id, channel, input });
      });
    },

    subscribe(channel, input, handlers, signal) {
      if (signal.aborted) return;
      if (closedReason !== undefined) return handlers.onError?.(closedError());
      const id = nextId++;
      streams.set(id, handlers as StreamHandlers<unknown>);
      signal.addEventListener(
        'abort',
        () => {
          unacked.delete(id);
          if (streams.delete(id)) pipe.send({ t: 'cancel', id });
        },
        { once: true },
      );
      pipe.send({ t: 'sub', id, channel, input });
    },
  };
}
