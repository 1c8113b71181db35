/**
 * A fixed-size ring of items numbered by a sequence that only grows. Readers keep a cursor
 * (the next sequence they want); when the writer laps a reader, the reader learns exactly
 * how many items it missed instead of losing them silently.
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  /** Sequence number of the oldest retained item. */
  private first = 0;
  /** Sequence number the next pushed item gets. */
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
    // Grows as items come (appends until full, then overwrites): a renderer may ask for up
    // to 1,000,000 slots per stream, which preallocated would cost 8 MB before any line.
    this.items = [];
  }

  push(item: T): void {
    this.items[this.next % this.capacity] = item;
    this.next++;
    if (this.next - this.first > this.capacity) this.first = this.next - this.capacity;
  }

  get size(): number {
    return this.next - this.first;
  }

  /** The sequence of the oldest retained item and the one after the newest. */
  get start(): number {
    return this.first;
  }

  get end(): number {
    return this.next;
  }

  at(seq: number): T | undefined {
    return seq >= this.first && seq < this.next ? this.items[seq % this.capacity] : undefined;
  }

  /**
   * Up to `max` items from `cursor` on. `skipped` counts items that were overwritten
   * before this reader got to them; `cursor` is where to read next time.
   */
  read(cursor: number, max = Infinity): { items: T[]; skipped: number; cursor: number } {
    const skipped = Math.max(0, this.first - cursor);
    const from = Math.max(cursor, this.first);
    const to = Math.min(this.next, from + max);
    const items: T[] = [];
    for (let seq = from; seq < to; seq++) items.push(this.items[seq % this.capacity] as T);
    return { items, skipped, cursor: to };
  }

  clear(): void {
    this.items.fill(undefined);
    this.first = this.next;
  }
}
