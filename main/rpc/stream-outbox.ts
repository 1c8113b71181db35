/**
 * Main's half of a stream's flow control (the scheme is described in
 * shared/contract/wire.ts): the events queued for the next batch and the credit count.
 * Pure bookkeeping, no timers or transport, so the dispatcher stays about scheduling.
 */

/**
 * About the `JSON.stringify` length of one event: strings count their length and quotes
 * (escapes aside), numbers their digits, keys their length and punctuation. For log lines
 * and table rows it is exact or within a few percent. Estimated rather than serialized: a
 * MessagePort never serializes to JSON, and stringifying 40,000 log lines a second only to
 * count them costs ~7% of a core, this walk under 1% (measured on a 2,000-line event).
 * Events are plain data (they cross the wire), so there are no cycles to guard against.
 */
export function jsonSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
      return String(value).length;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      // '[' then each item followed by ',' or ']'; '{' then each `"key":value` and ',' or '}'.
      let size = 1;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) size += jsonSize(item) + 1;
      } else {
        for (const [key, item] of Object.entries(value)) size += key.length + 4 + jsonSize(item);
      }
      return size === 1 ? 2 : size;
    }
    default:
      return 4; // undefined and functions become `null` in an array
  }
}

export interface Batch {
  events: unknown[];
  /** About `JSON.stringify(events).length` (see jsonSize), measured as events were queued. */
  size: number;
}

export class StreamOutbox {
  private queue: unknown[] = [];
  /** Σ (event length + 1): each event's text and its comma, or for the last, a bracket. */
  private queuedBytes = 0;
  /** Bytes sent and not yet acknowledged. */
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(readonly windowBytes: number) {}

  push(event: unknown): void {
    if (this.closed) return;
    this.queue.push(event);
    this.queuedBytes += jsonSize(event) + 1;
  }

  /** Emitted and not acknowledged: queued plus in flight. */
  get pending(): number {
    return this.inFlight + this.queuedBytes;
  }

  /** At or over the window. A closed outbox is never held: nobody should wait on it. */
  get held(): boolean {
    return !this.closed && this.pending >= this.windowBytes;
  }

  /** Events are queued but the window does not allow sending them. */
  get blocked(): boolean {
    return this.queue.length > 0 && this.inFlight >= this.windowBytes;
  }

  get queued(): number {
    return this.queue.length;
  }

  /**
   * The queued events as one batch, counted as in flight; undefined when nothing is queued
   * or the window is full. `force` (the stream is ending) sends regardless of the window.
   */
  take(force = false): Batch | undefined {
    if (this.queue.length === 0) return undefined;
    if (!force && this.inFlight >= this.windowBytes) return undefined;
    // '[' + events joined by ',' + ']' is Σ(length + 1) + 1.
    const batch = { events: this.queue, size: this.queuedBytes + 1 };
    this.queue = [];
    this.queuedBytes = 0;
    this.inFlight += batch.size;
    return batch;
  }

  /** The client handled `size` more bytes. More than is outstanding only brings it to 0. */
  ack(size: number): void {
    this.inFlight -= Math.min(Math.max(0, size), this.inFlight);
    if (!this.held) this.wake();
  }

  writable(): Promise<void> {
    if (!this.held) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The stream is over: drops the queue and releases every waiter. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.queuedBytes = 0;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
