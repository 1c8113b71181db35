/**
 * One projection's share of a WatchCache: its rows by uid, its listeners and their status.
 * Several projections of one collection (the pods table's rows and the metrics feature's
 * pod facts) share one list and one watch, each object parsed once and projected once per
 * projection, instead of listing the same 10,000 pods twice at the same moment.
 */
import type { KubeObject } from '../../shared/kube/object-types';
import type { ScopeStatus } from '../../shared/contract/resources';
import type { KindDef } from '../../shared/kube/kinds';

/**
 * Where a kind lives and what each object is reduced to. Tables project to rows; the log
 * engine projects pods to their containers' states. `id` names the projection: projections
 * of one collection share its cache, each with its own rows.
 */
export type Projection<R extends Projected> = Pick<
  KindDef,
  'id' | 'group' | 'version' | 'plural' | 'namespaced'
> & { project(object: KubeObject): R };

export interface Projected {
  uid: string;
}

export interface CacheListener<R extends Projected> {
  upsert(rows: R[]): void;
  delete(uids: string[]): void;
  status(status: ScopeStatus): void;
}

export interface Entry<R> {
  row: R;
  rv: string;
}

export class ProjectionView<R extends Projected> {
  entries = new Map<string, Entry<R>>();
  readonly listeners = new Set<CacheListener<R>>();
  status: ScopeStatus = { phase: 'loading' };
  /**
   * Joined while a list was past its first object: its rows come from the next list, and
   * until then it takes no part in lists or watch events and stays 'loading'.
   */
  behind = false;
  /** Drops this projection's rows a grace period after its last listener left. */
  dropTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly projection: Projection<R>) {}

  project(object: KubeObject): Entry<R> {
    return { row: this.projection.project(object), rv: object.metadata?.resourceVersion ?? '' };
  }

  /** Gives a new listener the rows so far (in groups of `group`) and the status. */
  replay(listener: CacheListener<R>, group: number): void {
    const rows = [...this.entries.values()].map((e) => e.row);
    for (let i = 0; i < rows.length; i += group) listener.upsert(rows.slice(i, i + group));
    listener.status(this.status);
  }

  upsert(rows: R[]): void {
    for (const l of this.listeners) l.upsert(rows);
  }

  delete(uids: string[]): void {
    for (const l of this.listeners) l.delete(uids);
  }

  setStatus(status: ScopeStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.status)) return;
    this.status = status;
    for (const l of this.listeners) l.status(status);
  }

  /** A watch event for this projection: tells listeners only what changed. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: KubeObject): void {
    if (type === 'DELETED') {
      const uid = object.metadata?.uid;
      if (uid && this.entries.delete(uid)) this.delete([uid]);
      return;
    }
    const entry = this.project(object);
    if (this.entries.get(entry.row.uid)?.rv === entry.rv) return;
    this.entries.set(entry.row.uid, entry);
    this.upsert([entry.row]);
  }
}
