/**
 * The compact history of one pod or node: a fixed-size ring of samples in typed arrays
 * (times as whole seconds in a Uint32Array, values in a Float32Array, `columns` values per
 * sample), never an object per sample. 10,000 pods × 240 samples × 2 containers × 2
 * figures is 38 MB of floats plus 10 MB of times (BENCHMARKS.md, bench:metrics).
 *
 * - Wrap: the oldest sample is overwritten once the ring is full.
 * - Duplicates: a sample whose time is not after the newest one is refused (metrics-server
 *   answers the same sample until it scrapes again).
 * - Missing figures are NaN (a container without a sample this time), read back as null.
 * - Gaps (metrics-server away, a pod recreated under the same name) are kept as they are:
 *   readers put a break where two samples are further apart than two windows, and a
 *   `break` sample (all NaN) can be pushed to force one.
 * - Float32 keeps 7 significant digits: enough for charts; the exact newest figures
 *   (kubectl's) travel separately in the live samples.
 * - Grown as samples come (16 slots, doubling up to `capacity`): 10,000 pods that have just
 *   appeared hold a few minutes of samples, not an hour's worth of empty slots (29 MB).
 */

/** Slots a ring starts with: four minutes at metrics-server's 15 s. */
const INITIAL_SLOTS = 16;

export class SampleRing {
  private times: Uint32Array;
  private values: Float32Array;
  private head = 0;
  private count = 0;

  constructor(
    readonly capacity: number,
    private columnCount: number,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
    if (!Number.isInteger(columnCount) || columnCount < 1)
      throw new RangeError('columns must be >= 1');
    const slots = Math.min(capacity, INITIAL_SLOTS);
    this.times = new Uint32Array(slots);
    this.values = new Float32Array(slots * columnCount);
  }

  /** Slots allocated now; the ring wraps only once this has grown to `capacity`. */
  private get slots(): number {
    return this.times.length;
  }

  /** Doubles the slots (up to capacity). Only called when full and not yet wrapped, so the samples are in order from slot 0. */
  private grow(): void {
    const slots = Math.min(this.capacity, this.slots * 2);
    const times = new Uint32Array(slots);
    times.set(this.times);
    const values = new Float32Array(slots * this.columnCount);
    values.set(this.values);
    this.times = times;
    this.values = values;
    this.head = this.count;
  }

  get size(): number {
    return this.count;
  }

  get columns(): number {
    return this.columnCount;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.times.byteLength + this.values.byteLength;
  }

  /** Newest sample's time in seconds, undefined when empty. */
  newestSeconds(): number | undefined {
    if (this.count === 0) return undefined;
    return this.times[(this.head - 1 + this.slots) % this.slots];
  }

  /**
   * Appends a sample at `seconds` (whole seconds since the epoch). `row[i]` is column i;
   * missing columns are NaN. Returns false (and keeps nothing) when the sample is not newer
   * than the newest one.
   */
  push(seconds: number, row: ArrayLike<number>): boolean {
    const newest = this.newestSeconds();
    if (newest !== undefined && seconds <= newest) return false;
    if (this.count === this.slots && this.slots < this.capacity) this.grow();
    const at = this.head;
    this.times[at] = seconds;
    const base = at * this.columnCount;
    for (let c = 0; c < this.columnCount; c++) {
      const v = c < row.length ? row[c] : NaN;
      this.values[base + c] = v === undefined ? NaN : v;
    }
    this.head = (at + 1) % this.slots;
    if (this.count < this.capacity) this.count++;
    return true;
  }

  /** A break: one all-missing sample, so readers never join the samples around it. */
  pushBreak(seconds: number): boolean {
    return this.push(seconds, []);
  }

  /** Widens every sample to `columns` columns (new ones NaN): a pod showed a new container. */
  widen(columns: number): void {
    if (columns <= this.columnCount) return;
    const next = new Float32Array(this.slots * columns).fill(NaN);
    for (let i = 0; i < this.slots; i++) {
      next.set(this.values.subarray(i * this.columnCount, (i + 1) * this.columnCount), i * columns);
    }
    this.values = next;
    this.columnCount = columns;
  }

  /**
   * Visits the samples at or after `fromSeconds`, oldest first: `at(column)` reads a value
   * of the visited sample (null when missing).
   */
  forEach(
    fromSeconds: number,
    visit: (seconds: number, at: (column: number) => number | null) => void,
  ): void {
    const start = (this.head - this.count + this.slots) % this.slots;
    for (let k = 0; k < this.count; k++) {
      const index = (start + k) % this.slots;
      const seconds = this.times[index] ?? 0;
      if (seconds < fromSeconds) continue;
      const base = index * this.columnCount;
      visit(seconds, (column) => {
        if (column < 0 || column >= this.columnCount) return null;
        const v = this.values[base + column] ?? NaN;
        return Number.isNaN(v) ? null : v;
      });
    }
  }

  /**
   * The allocation-free form of forEach for hot loops (10,000 pods): `visit` gets the raw
   * value array and the offset of the sample's first column (NaN = missing).
   */
  scan(
    fromSeconds: number,
    visit: (seconds: number, values: Float32Array, base: number) => void,
  ): void {
    const start = (this.head - this.count + this.slots) % this.slots;
    for (let k = 0; k < this.count; k++) {
      const index = (start + k) % this.slots;
      const seconds = this.times[index] ?? 0;
      if (seconds >= fromSeconds) visit(seconds, this.values, index * this.columnCount);
    }
  }

  /** Oldest sample's time at or after `fromSeconds` (undefined when none). */
  oldestSince(fromSeconds: number): number | undefined {
    const start = (this.head - this.count + this.slots) % this.slots;
    for (let k = 0; k < this.count; k++) {
      const seconds = this.times[(start + k) % this.slots] ?? 0;
      if (seconds >= fromSeconds) return seconds;
    }
    return undefined;
  }

  /** Copies the samples at or after `fromSeconds` out: times and one array per column. */
  read(fromSeconds = 0): { times: number[]; columns: (number | null)[][] } {
    const times: number[] = [];
    const columns: (number | null)[][] = Array.from({ length: this.columnCount }, () => []);
    this.forEach(fromSeconds, (seconds, at) => {
      times.push(seconds);
      for (let c = 0; c < this.columnCount; c++) columns[c]?.push(at(c));
    });
    return { times, columns };
  }
}
