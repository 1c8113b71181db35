/**
 * A fake of our own client interface for the feed tests: it records every stream opened
 * and lets a test push batches and errors into it. Not an API server; no wire, no timing.
 */
import type { PilotApi, StreamHandlers } from '../../../shared/contract/api';
import type { Cancellation } from '../../../shared/contract/cancellation';
import type { PilotErrorData } from '../../../shared/contract/errors';

export interface FakeStream {
  channel: string;
  input: unknown;
  signal: Cancellation;
  batch(events: unknown[]): void;
  fail(error: PilotErrorData): void;
}

export interface FakeApi extends PilotApi {
  /** Every stream ever opened, in order. */
  readonly streams: FakeStream[];
  /** The streams not yet cancelled. */
  open(): FakeStream[];
  /** When set, subscribing fails at once with this error (a closed connection does). */
  failNextWith?: PilotErrorData;
}

export function fakeApi(): FakeApi {
  const streams: FakeStream[] = [];
  const api: FakeApi = {
    streams,
    open: () => streams.filter((s) => !s.signal.aborted),
    request: () => Promise.reject(new Error('no requests in this fake')),
    subscribe(channel, input, handlers, signal) {
      if (signal.aborted) return;
      const h = handlers as StreamHandlers<unknown>;
      streams.push({
        channel,
        input,
        signal,
        batch: (events) => h.onBatch(events),
        fail: (error) => h.onError?.(error),
      });
      if (api.failNextWith) {
        const error = api.failNextWith;
        api.failNextWith = undefined;
        h.onError?.(error);
      }
    },
  };
  return api;
}
