/**
 * The latest usage of every object a table shows, keyed by uid, outside React. A metric
 * update replaces values in place and wakes only the cells that are mounted for the uids
 * that changed (the ~40 visible rows of a virtualized table), never the table: 10,000 pods
 * updating at once cost 10,000 map writes and a few dozen cell renders. Sorting by a metric
 * column is the one reader of everything: it listens to {@link UsageStore.subscribeAll},
 * which fires once per burst of publishes, {@link SORT_SETTLE_MS} after the first: a
 * round of 10,000 pods arrives as several messages (main sends 500 samples per turn of
 * its event loop, so no single message costs the page a long task), and the 10,000 rows
 * are re-sorted once for the round, not once per message.
 */

/** How long the sorters wait for the rest of a round after its first part. */
export const SORT_SETTLE_MS = 150;

/** One object's usage at one sample: what a CPU or Memory cell shows. */
export interface Usage {
  /** CPU in millicores, rounded up as kubectl top rounds. */
  cpuMilli: number;
  /** Memory in bytes. */
  memoryBytes: number;
  /** The share of the requests (pods, workloads) or of allocatable (nodes), 0..∞; absent when unknown. */
  cpuShare?: number | undefined;
  memoryShare?: number | undefined;
  /** What the share is of, for the bar's accessible text: "requests", "allocatable". */
  shareOf?: string | undefined;
  /** When metrics-server took the sample (ms since epoch). */
  sampledAt: number;
  /** The sample's window in ms (metrics-server's `window`). */
  windowMs: number;
}

type Listener = () => void;

export class UsageStore {
  private readonly values = new Map<string, Usage>();
  private readonly keyListeners = new Map<string, Set<Listener>>();
  private readonly allListeners = new Set<Listener>();
  private readonly changed = new Set<string>();
  private sortTimer: ReturnType<typeof setTimeout> | undefined;

  get(uid: string): Usage | undefined {
    return this.values.get(uid);
  }

  get size(): number {
    return this.values.size;
  }

  /** Stages a value; nobody is told until {@link publish}. Equal values are not changes. */
  set(uid: string, usage: Usage): void {
    const old = this.values.get(uid);
    if (old && sameUsage(old, usage)) return;
    this.values.set(uid, usage);
    this.changed.add(uid);
  }

  delete(uid: string): void {
    if (this.values.delete(uid)) this.changed.add(uid);
  }

  /** Drops every uid not in `keep` (objects gone from the stream's last full sample). */
  retain(keep: ReadonlySet<string>): void {
    for (const uid of this.values.keys()) if (!keep.has(uid)) this.delete(uid);
  }

  /**
   * Wakes the mounted cells of the changed uids now, and the whole-store listeners once
   * when the burst this publish belongs to has settled.
   */
  publish(): number {
    if (this.changed.size === 0) return 0;
    const changed = [...this.changed];
    this.changed.clear();
    for (const uid of changed) {
      const listeners = this.keyListeners.get(uid);
      if (listeners) for (const l of listeners) l();
    }
    this.sortTimer ??= setTimeout(() => {
      this.sortTimer = undefined;
      for (const l of this.allListeners) l();
    }, SORT_SETTLE_MS);
    return changed.length;
  }

  subscribeKey(uid: string, listener: Listener): () => void {
    let set = this.keyListeners.get(uid);
    if (!set) {
      set = new Set();
      this.keyListeners.set(uid, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.keyListeners.get(uid) === set) this.keyListeners.delete(uid);
    };
  }

  subscribeAll = (listener: Listener): (() => void) => {
    this.allListeners.add(listener);
    return () => this.allListeners.delete(listener);
  };

  /** How many uids have a mounted cell listening, for tests and the benchmark. */
  get listenedKeys(): number {
    return this.keyListeners.size;
  }
}

function sameUsage(a: Usage, b: Usage): boolean {
  return (
    a.cpuMilli === b.cpuMilli &&
    a.memoryBytes === b.memoryBytes &&
    a.cpuShare === b.cpuShare &&
    a.memoryShare === b.memoryShare &&
    a.sampledAt === b.sampledAt &&
    a.windowMs === b.windowMs &&
    a.shareOf === b.shareOf
  );
}
