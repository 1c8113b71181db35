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
 */

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
    this.times = new Uint32Array(capacity);
    this.values = new Float32Array(capacity * columnCount);
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
    return this.times[(this.head - 1 + this.capacity) % this.capacity];
  }

  /**
   * Appends a sample at `seconds` (whole seconds since the epoch). `row[i]` is column i;
   * missing columns are NaN. Returns false (and keeps nothing) when the sample is not newer
   * than the newest one.
   */
  push(seconds: number, row: ArrayLike<number>): boolean {
    const newest = this.newestSeconds();
    if (newest !== undefined && seconds <= newest) return false;
    const at = this.head;
    this.times[at] = seconds;
    const base = at * this.columnCount;
    for (let c = 0; c < this.columnCount; c++) {
      const v = c < row.length ? row[c] : NaN;
      this.values[base + c] = v === undefined ? NaN : v;
    }
    this.head = (at + 1) % this.capacity;
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
    const next = new Float32Array(this.capacity * columns).fill(NaN);
    for (let i = 0; i < this.capacity; i++) {
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
    const start = (this.head - this.count + this.capacity) % this.capacity;
    for (let k = 0; k < this.count; k++) {
      const index = (start + k) % this.capacity;
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
