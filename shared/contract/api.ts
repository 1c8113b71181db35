/**
 * The contract as the renderer uses it: two shapes only, a cancellable call and a
 * disposable subscription. Browser mode and Electron each provide one of these.
 */
import type { Cancellation } from './cancellation';
import type { InputOf, OutputOf, EventOf, RequestName, StreamName } from './channels';
import type { PilotErrorData } from './errors';

export interface StreamHandlers<Event> {
  /** Events in the order main emitted them, a batch at a time. */
  onBatch(events: Event[]): void;
  /** The stream failed; no more batches follow. */
  onError?(error: PilotErrorData): void;
  /** Main ended the stream; no more batches follow. */
  onEnd?(): void;
}

export interface PilotApi {
  /** Resolves with the answer, or rejects with a {@link PilotErrorData}. */
  request<K extends RequestName>(
    channel: K,
    input: InputOf<K>,
    signal?: Cancellation,
  ): Promise<OutputOf<K>>;
  /** Subscribes until `signal` aborts, or the stream ends or fails. */
  subscribe<K extends StreamName>(
    channel: K,
    input: InputOf<K>,
    handlers: StreamHandlers<EventOf<K>>,
    signal: Cancellation,
  ): void;
}
