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
   * Bytes the transport has accepted but not yet delivered to the renderer. Streams that
   * can outrun a renderer (logs) hold back while this is high instead of piling up memory.
   */
  backlog(): number;
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
