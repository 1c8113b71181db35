/**
 * One live stream and the store kept from it, outside React. It opens its stream on the
 * first subscriber, shares what it holds with every later one, and closes a linger time
 * after the last one leaves, so a view that unmounts and mounts again (a route change,
 * StrictMode's double effects) finds its rows still there instead of reopening the stream.
 * What a channel's events mean is the {@link FeedModel}'s business; this file knows only
 * streams, listeners and timers. The {@link FeedRegistry} shares one Feed per key.
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { EventOf, InputOf, StreamName } from '../../../shared/contract/channels';
import type { PilotErrorData } from '../../../shared/contract/errors';

/** What every feed snapshot carries besides its model's data: the stream's failure. */
export interface FeedFailure {
  error?: PilotErrorData;
}

/** Folds a stream's events into a store and snapshots it; one instance per opening. */
export interface FeedModel<Event, Snapshot> {
  /**
   * Folds one batch in. Returns how long publishing may wait, in ms: 0 publishes at once,
   * more lets later batches join the same snapshot (for stores too big to copy each batch).
   */
  apply(events: Event[]): number;
  /** A new immutable snapshot of everything folded in so far. */
  snapshot(): Snapshot;
}

/** How to open one shareable stream. Specs with equal `channel` and `key` are one stream. */
export interface FeedSpec<K extends StreamName, Snapshot extends FeedFailure> {
  channel: K;
  /** Identity of the input: inputs that mean the same stream have the same key. */
  key: string;
  input: InputOf<K>;
  /** The snapshot before any data: one constant, so React sees a stable value. */
  empty: Snapshot;
  createModel(): FeedModel<EventOf<K>, Snapshot>;
}

export class Feed<K extends StreamName, Snapshot extends FeedFailure> {
  private readonly listeners = new Set<() => void>();
  /** Set while a stream is open; cleared when it fails or is closed. */
  private controller: AbortController | undefined;
  private model: FeedModel<EventOf<K>, Snapshot> | undefined;
  private current: Snapshot;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: PilotApi,
    private readonly spec: FeedSpec<K, Snapshot>,
    /** How long, in ms, the stream stays open after its last subscriber left. */
    private readonly lingerMs: number,
    /** Called once the feed has closed for lack of subscribers. */
    private readonly onClosed: () => void,
  ) {
    this.current = spec.empty;
  }

  get = (): Snapshot => this.current;

  /** True while nobody listens and the linger time runs. */
  get lingering(): boolean {
    return this.lingerTimer !== undefined;
  }

  /** True when the stream failed; the next subscriber (or {@link retry}) opens it again. */
  get failed(): boolean {
    return this.current.error !== undefined && !this.controller;
  }

  /**
   * Adds a listener; opens the stream if none is open (the first subscriber, or any
   * subscriber after a failure, so mounting a view again retries a failed stream).
   */
  subscribe = (listener: () => void): (() => void) => {
    this.cancelLinger();
    this.listeners.add(listener);
    if (!this.controller) this.open();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.linger();
    };
  };

  /** Opens a failed stream again for the subscribers it still has. */
  retry(): void {
    if (this.failed && this.listeners.size > 0) this.open();
  }

  /** Closes the stream now, whoever listens (the registry being dropped). */
  close(): void {
    this.cancelLinger();
    this.stopStream();
    this.onClosed();
  }

  private open(): void {
    this.stopStream();
    const controller = new AbortController();
    const model = this.spec.createModel();
    this.controller = controller;
    this.model = model;
    if (this.current !== this.spec.empty) {
      this.current = this.spec.empty;
      this.notify();
    }
    this.api.subscribe(
      this.spec.channel,
      this.spec.input,
      {
        onBatch: (events) => {
          if (controller.signal.aborted) return;
          this.schedulePublish(model.apply(events));
        },
        onError: (error) => {
          if (controller.signal.aborted) return;
          // The stream is over: keep what it had, with the error, until it is opened again.
          this.stopStream();
          this.current = { ...model.snapshot(), error };
          this.notify();
        },
      },
      controller.signal,
    );
  }

  private schedulePublish(delayMs: number): void {
    // At once: also when a later publish was already scheduled (it would only come late).
    if (delayMs <= 0) {
      clearTimeout(this.publishTimer);
      this.publishTimer = undefined;
      return this.publish();
    }
    if (this.publishTimer !== undefined) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.publish();
    }, delayMs);
  }

  private publish(): void {
    if (!this.model) return;
    this.current = this.model.snapshot();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private linger(): void {
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.listeners.size > 0) return;
      this.close();
    }, this.lingerMs);
  }

  private cancelLinger(): void {
    clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  private stopStream(): void {
    clearTimeout(this.publishTimer);
    this.publishTimer = undefined;
    this.controller?.abort();
    this.controller = undefined;
    this.model = undefined;
  }
}
