/**
 * What a feature's handlers look like, apart from any transport: services and handlers
 * import these types from here, never from the dispatcher, so imports point down only.
 */
import type {
  EventOf,
  OutputOf,
  ParsedInputOf,
  RequestName,
  StreamName,
} from '../../shared/contract/channels';

/** What a stream handler writes to. After `end` or `fail`, further calls are ignored. */
export interface StreamSink<Event> {
  emit(event: Event): void;
  end(): void;
  fail(error: unknown): void;
  /**
   * Bytes (about their JSON length) this stream emitted that the renderer has not
   * acknowledged: queued here, on the way, or handled but not yet acked (the client acks
   * every ACK_EVERY_BYTES, so a keeping-up renderer leaves up to that). See wire.ts.
   */
  pending(): number;
  /**
   * True while pending() has reached the stream's window (STREAM_WINDOW_BYTES). Streams
   * that can outrun a renderer (logs, resource diffs) hold back at the source meanwhile
   * instead of piling up memory.
   */
  held(): boolean;
  /** Resolves once the stream is no longer held (at once if it is not), or is over. */
  writable(): Promise<void>;
  /**
   * Sends what was emitted now, within the stream's credits, instead of at the next
   * STREAM_FLUSH_MS tick: for a producer that batches on its own clock (the log pump), so
   * its lines do not wait for a second batching interval. Optional: test sinks omit it.
   */
  flush?(): void;
}

export type RequestHandlers = {
  [K in RequestName]: (input: ParsedInputOf<K>, signal: AbortSignal) => Promise<OutputOf<K>>;
};
/** A stream runs until it calls end/fail or `signal` aborts (the renderer unsubscribed). */
export type StreamHandlers = {
  [K in StreamName]: (
    input: ParsedInputOf<K>,
    sink: StreamSink<EventOf<K>>,
    signal: AbortSignal,
  ) => void;
};
export type Handlers = RequestHandlers & StreamHandlers;

/** The handlers of one feature: exactly the channels it declares (`keyof typeof xChannels`). */
export type HandlersFor<Names extends keyof Handlers> = Pick<Handlers, Names>;
