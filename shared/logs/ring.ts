/**
 * A fixed-size ring of items numbered by a sequence that only grows. Readers keep a cursor
 * (the next sequence they want); when the writer laps a reader, the reader learns exactly
 * how many items it missed instead of losing them silently.
 *
 * Optionally bounded by weight too (`weigh`, e.g. a log line's length, and `maxWeight`):
 * a count alone does not bound memory when an item can be 64 KiB, so the oldest items go
 * early while the total is over (the newest always stays), and readers are told as for a
 * lap. `read` can stop at a weight, so one chunk stays a size a consumer takes at once.
 */
export interface RingWeight<T> {
  weigh(item: T): number;
  maxWeight: number;
}

export class Ring<T> {
  private readonly items: (T | undefined)[];
  private readonly weights: number[] | undefined;
  private weight = 0;
  /** Sequence number of the oldest retained item. */
  private first = 0;
  /** Sequence number the next pushed item gets. */
  private next = 0;

  constructor(
    readonly capacity: number,
    private readonly bound?: RingWeight<T>,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1');
    // Grow as items come (append until full, then overwrite): a renderer may ask for up to
    // 1,000,000 slots per stream, which preallocated would cost 8 MB before any line.
    this.items = [];
    if (bound) this.weights = [];
  }

  push(item: T): void {
    if (this.next - this.first === this.capacity) this.dropOldest();
    const slot = this.next % this.capacity;
    this.items[slot] = item;
    this.next++;
    if (this.weights && this.bound) {
      const w = this.bound.weigh(item);
      this.weights[slot] = w;
      this.weight += w;
      while (this.weight > this.bound.maxWeight && this.next - this.first > 1) this.dropOldest();
    }
  }

  private dropOldest(): void {
    const slot = this.first % this.capacity;
    if (this.weights) {
      this.weight -= this.weights[slot]!;
      this.weights[slot] = 0;
    }
    this.items[slot] = undefined;
    this.first++;
  }

  /** The total weight retained (0 without a weight bound). */
  get retainedWeight(): number {
    return this.weight;
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
   * Up to `max` items from `cursor` on, stopping once they weigh `maxWeight` (at least one
   * item is read). `skipped` counts items that were dropped before this reader got to
   * them; `cursor` is where to read next time.
   */
  read(
    cursor: number,
    max = Infinity,
    maxWeight = Infinity,
  ): { items: T[]; skipped: number; cursor: number } {
    const skipped = Math.max(0, this.first - cursor);
    const from = Math.max(cursor, this.first);
    const to = Math.min(this.next, from + max);
    const items: T[] = [];
    let weight = 0;
    let seq = from;
    for (; seq < to && (weight < maxWeight || items.length === 0); seq++) {
      items.push(this.items[seq % this.capacity] as T);
      if (this.weights) weight += this.weights[seq % this.capacity]!;
    }
    return { items, skipped, cursor: seq };
  }

  clear(): void {
    this.items.fill(undefined);
    this.weights?.fill(0);
    this.weight = 0;
    this.first = this.next;
  }
}
