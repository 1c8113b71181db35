/**
 * Everything the Logs view shows, kept outside React: the retained lines (a Ring, as in
 * the engine), the rows that pass the live filters, search matches, sources and scope
 * statuses. Work per batch is proportional to the batch (new lines are filtered and
 * searched once, on arrival); only a change of filters or search walks everything again.
 * Listeners hear of changes at most once per scheduled tick (an animation frame in the
 * browser), through a snapshot whose `version` grows with each change.
 *
 * Over 300 lines on purpose: the retained ring, the index of rows that pass the filters and
 * the search matches are three views of one sequence that every batch, trim, filter change
 * and clear must move together; split across files, each would have to expose the others'
 * invariants. Pure helpers (filters, entries, ANSI, JSON) already live in their own files.
 */
import type { LogSource, LogStreamEvent } from '../../../shared/contract/logs';
import { DEFAULT_LOG_BUFFER_LINES } from '../../../shared/contract/values';
import type { ScopeStatus } from '../../../shared/contract/resources';
import { Ring } from '../../../shared/logs/ring';
import { compileFilters, noFilters, type LinePredicate, type ViewFilters } from './line-filter';
import { lineEntry, markerEntry, type LogEntry } from './log-entry';

export interface LogSnapshot {
  version: number;
  /** Rows in the list (lines passing the filters, and markers). */
  rowCount: number;
  /** Matching lines that arrived while paused, shown on resume. */
  pendingCount: number;
  paused: boolean;
  /** Lines (and markers) held in the buffer, filtered or not. */
  retained: number;
  capacity: number;
  /** Old lines the full buffer let go since the last clear. */
  dropped: number;
  /** Rows removed from the top of the list so far, so a reader's scroll can compensate. */
  trimmed: number;
  /** The kubelet time of the newest line in the list. */
  newestTime: string | undefined;
  sources: readonly LogSource[];
  scopes: Readonly<Record<string, ScopeStatus>>;
  filters: ViewFilters;
  search: SearchState;
}

export interface SearchState {
  /** Lower-cased; '' when not searching. */
  needle: string;
  count: number;
  /** 1-based position of the current match among all, 0 when none is current. */
  position: number;
  /** The row of the current match. */
  row: number | undefined;
}

const COMPACT_AT = 4096;

export class LogStore {
  private ring: Ring<LogEntry>;
  private readonly sourceMap = new Map<number, LogSource>();
  private readonly lineCounts = new Map<number, number>();
  private sourceList: readonly LogSource[] = [];
  private scopes: Record<string, ScopeStatus> = {};
  /** The list: rows[head…] are shown; the front is cut lazily so trims stay O(1). */
  private rows: LogEntry[] = [];
  private head = 0;
  private pending: LogEntry[] = [];
  private pendingHead = 0;
  private paused = false;
  /** The ring sequence when the pause began: later lines wait in `pending`. */
  private pauseSeq = 0;
  private trimmed = 0;
  /** The ring sequence at the last clear: lines before it were cleared, not dropped. */
  private clearedAt = 0;
  private filters: ViewFilters = noFilters;
  private predicate: LinePredicate = () => true;
  private needle = '';
  /** Sequences of matching rows, ascending, from matchHead on. */
  private matches: number[] = [];
  private matchHead = 0;
  private current: number | undefined;
  private version = 0;
  private snapshot: LogSnapshot;
  private scheduled = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly capacity = DEFAULT_LOG_BUFFER_LINES,
    /** Runs a publish later; the browser passes requestAnimationFrame. */
    private readonly schedule: (publish: () => void) => void = (fn) => fn(),
  ) {
    this.ring = new Ring(capacity);
    this.snapshot = this.build();
  }

  get = (): LogSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * The row at a list index (0 = oldest shown). Pass the snapshot's `trimmed` to read
   * rows as that snapshot numbered them: batches may trim the top between publishes, and
   * a render in between must not show shifted rows.
   */
  row(index: number, trimmedAt = this.trimmed): LogEntry | undefined {
    const at = this.head + index - (this.trimmed - trimmedAt);
    return at >= this.head ? this.rows[at] : undefined;
  }

  /** The list index of the row with this sequence, or of the next one; -1 once trimmed. */
  indexOf(seq: number): number {
    if (this.head >= this.rows.length || seq < this.rows[this.head]!.seq) return -1;
    return lowerBound(this.rows, this.head, seq, (e) => e.seq) - this.head;
  }

  source(id: number): LogSource | undefined {
    return this.sourceMap.get(id);
  }

  /** Lines received from a source since the stream (re)started or the last clear. */
  lineCount(id: number): number {
    return this.lineCounts.get(id) ?? 0;
  }

  /** Every retained entry, oldest first, filters ignored (for downloads). */
  *retained(): Generator<LogEntry> {
    for (let seq = this.ring.start; seq < this.ring.end; seq++) yield this.ring.at(seq)!;
  }

  apply(events: readonly LogStreamEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'lines':
          for (const line of event.lines) {
            this.ingest(lineEntry(this.ring.end, line));
            this.lineCounts.set(line[0], (this.lineCounts.get(line[0]) ?? 0) + 1);
          }
          break;
        case 'skipped':
          this.ingest(markerEntry(this.ring.end, event.count));
          break;
        case 'sources':
          for (const source of event.sources) this.sourceMap.set(source.id, source);
          this.sourceList = [...this.sourceMap.values()].sort(bySource);
          break;
        case 'scope':
          this.scopes = { ...this.scopes, [event.namespace]: event.status };
          break;
      }
    }
    this.trim();
    this.changed(false);
  }

  setFilters(filters: ViewFilters): void {
    this.predicate = compileFilters(filters);
    this.filters = filters;
    this.refilter();
    this.changed(true);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (paused) this.pauseSeq = this.ring.end;
    else {
      for (let i = this.pendingHead; i < this.pending.length; i++) this.appendRow(this.pending[i]!);
      this.pending = [];
      this.pendingHead = 0;
      this.trim();
    }
    this.changed(true);
  }

  setSearch(text: string): void {
    const needle = text.toLowerCase();
    if (needle === this.needle) return;
    this.needle = needle;
    this.rematch();
    this.changed(true);
  }

  /**
   * Makes the next (or previous) match current and returns its row. Without a current
   * match, starts from `anchor` (the first row on screen going down, the last going up).
   */
  moveMatch(direction: 1 | -1, anchor = 0): number | undefined {
    const count = this.matches.length - this.matchHead;
    if (count === 0) return undefined;
    let at: number;
    if (this.current === undefined) {
      const anchorSeq = this.row(Math.min(anchor, this.rowCount() - 1))?.seq ?? 0;
      at = lowerBound(this.matches, this.matchHead, anchorSeq);
      if (direction < 0 && this.matches[at] !== anchorSeq) at--;
    } else {
      at = lowerBound(this.matches, this.matchHead, this.current) + direction;
    }
    // Wrap around, as a browser's find does.
    if (at >= this.matches.length) at = this.matchHead;
    if (at < this.matchHead) at = this.matches.length - 1;
    this.current = this.matches[at];
    this.changed(true);
    return this.snapshot.search.row;
  }

  /** Forgets every line (sources and their states stay). */
  clear(): void {
    this.ring.clear();
    this.clearedAt = this.ring.end;
    this.rows = [];
    this.head = 0;
    this.pending = [];
    this.pendingHead = 0;
    this.matches = [];
    this.matchHead = 0;
    this.current = undefined;
    this.lineCounts.clear();
    this.changed(true);
  }

  /** A new stream: its source ids mean other containers, so nothing old may stay. */
  reset(): void {
    this.sourceMap.clear();
    this.sourceList = [];
    this.scopes = {};
    this.filters = { ...this.filters, hidden: new Set() };
    this.predicate = compileFilters(this.filters);
    this.clear();
  }

  private rowCount(): number {
    return this.rows.length - this.head;
  }

  private ingest(entry: LogEntry): void {
    this.ring.push(entry);
    if (!this.predicate(entry)) return;
    if (this.paused) this.pending.push(entry);
    else this.appendRow(entry);
  }

  private appendRow(entry: LogEntry): void {
    this.rows.push(entry);
    if (this.needle && entry.plain.toLowerCase().includes(this.needle))
      this.matches.push(entry.seq);
  }

  /**
   * Drops rows the ring no longer holds. A paused list keeps its rows (they stay reachable
   * through the list until resume), so it does not move under the reader.
   */
  private trim(): void {
    const start = this.ring.start;
    while (this.pendingHead < this.pending.length && this.pending[this.pendingHead]!.seq < start)
      this.pendingHead++;
    if (this.paused) return;
    const before = this.head;
    while (this.head < this.rows.length && this.rows[this.head]!.seq < start) this.head++;
    this.trimmed += this.head - before;
    while (this.matchHead < this.matches.length && this.matches[this.matchHead]! < start)
      this.matchHead++;
    if (this.current !== undefined && this.current < start) this.current = undefined;
    if (this.head > COMPACT_AT && this.head * 2 > this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
    if (this.matchHead > COMPACT_AT && this.matchHead * 2 > this.matches.length) {
      this.matches = this.matches.slice(this.matchHead);
      this.matchHead = 0;
    }
  }

  /** Filters changed: every retained line is judged again. A paused list stays paused. */
  private refilter(): void {
    const pauseAt = this.paused ? this.pauseSeq : Infinity;
    this.rows = [];
    this.head = 0;
    this.pending = [];
    this.pendingHead = 0;
    for (const entry of this.retained()) {
      if (!this.predicate(entry)) continue;
      if (entry.seq < pauseAt) this.rows.push(entry);
      else this.pending.push(entry);
    }
    this.rematch();
  }

  private rematch(): void {
    this.matches = [];
    this.matchHead = 0;
    this.current = undefined;
    if (!this.needle) return;
    for (let i = this.head; i < this.rows.length; i++) {
      const entry = this.rows[i]!;
      if (entry.plain.toLowerCase().includes(this.needle)) this.matches.push(entry.seq);
    }
  }

  /** User actions publish at once; stream batches wait for the scheduler. */
  private changed(now: boolean): void {
    if (now) return this.publish();
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.publish();
    });
  }

  private publish(): void {
    this.version++;
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): LogSnapshot {
    const count = this.matches.length - this.matchHead;
    const currentIndex =
      this.current === undefined ? -1 : lowerBound(this.matches, this.matchHead, this.current);
    let newestTime: string | undefined;
    for (let i = this.rows.length - 1; i >= this.head && newestTime === undefined; i--)
      if (this.rows[i]!.skipped === undefined) newestTime = this.rows[i]!.time;
    return {
      version: this.version,
      rowCount: this.rowCount(),
      pendingCount: this.pending.length - this.pendingHead,
      paused: this.paused,
      retained: this.ring.size,
      capacity: this.capacity,
      dropped: Math.max(0, this.ring.start - this.clearedAt),
      trimmed: this.trimmed,
      newestTime,
      sources: this.sourceList,
      scopes: this.scopes,
      filters: this.filters,
      search: {
        needle: this.needle,
        count,
        position: currentIndex < 0 ? 0 : currentIndex - this.matchHead + 1,
        row:
          this.current === undefined
            ? undefined
            : lowerBound(this.rows, this.head, this.current, (e) => e.seq) - this.head,
      },
    };
  }
}

/** writer-2 before writer-10, as people count. */
const names = new Intl.Collator('en', { numeric: true });

function bySource(a: LogSource, b: LogSource): number {
  return (
    names.compare(a.namespace, b.namespace) ||
    names.compare(a.pod, b.pod) ||
    Number(b.init) - Number(a.init) ||
    names.compare(a.container, b.container)
  );
}

/** The first index ≥ from whose key is ≥ target, in an ascending array. */
function lowerBound<T>(
  items: readonly T[],
  from: number,
  target: number,
  key: (item: T) => number = (item) => item as number,
): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]!) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
