/**
 * One list+watch of a kind in one scope, holding projected rows only (never full objects,
 * so 10,000 pods stay small). Lists are paginated. 410 Gone relists; network errors and
 * apiserver restarts reconnect with backoff and relist, reporting "reconnecting" until the
 * rows are exact again; 401/403 report a status and retry slowly. resourceVersion is
 * opaque: compared for equality only.
 */
import type { KindDef } from '../../shared/kube/kinds';
import type { KubeObject } from '../../shared/kube/object-types';
import type { ScopeStatus } from '../../shared/contract/resources';
import { PilotError } from '../../shared/contract/errors';
import { classifyKubeError } from '../platform/classify-error';
import { HttpError, type ApiTransport, type WatchEvent } from '../platform/http';
import { collectionPath } from '../platform/api-paths';
import { logger } from '../platform/logger';
import { backoffMs, DENIED_RETRY_MS, jittered, MAX_BACKOFF_MS, sleep } from '../platform/retry';

const log = logger('watch');
/**
 * Objects per list request when a cache is paged, and rows per upsert while a list loads.
 * Caches of the registry list unpaged (UNPAGED): see WatchRegistry.
 */
export const PAGE_SIZE = 500;
/**
 * A page size meaning one request for the whole collection, its items streamed and parsed
 * one by one. The API server answers it from its watch cache, as it does
 * `kubectl get --raw`; the continue pages of a paged list are read from etcd instead.
 */
export const UNPAGED = 0;
/** 1 s, 2 s, 4 s, ... up to 15 s between attempts after errors that may pass by themselves. */
const WATCH_BACKOFF = { baseMs: 500, capMs: MAX_BACKOFF_MS, maxExponent: 6 };

/**
 * Where a kind lives and what each object is reduced to. Tables project to rows; the log
 * engine projects pods to their containers' states. `id` names the projection, so two
 * projections of one kind are two caches.
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

interface Entry<R> {
  row: R;
  rv: string;
}

class Gone extends Error {}

export class WatchCache<R extends Projected> {
  private entries = new Map<string, Entry<R>>();
  private readonly listeners = new Set<CacheListener<R>>();
  private statusNow: ScopeStatus = { phase: 'loading' };
  private readonly controller = new AbortController();
  private resourceVersion = '';
  private started = false;

  constructor(
    private readonly api: ApiTransport,
    readonly kind: Projection<R>,
    readonly namespace: string | undefined,
    private readonly describe: string,
    /** Objects per list request, or UNPAGED. */
    private readonly pageSize: number = PAGE_SIZE,
  ) {}

  /** Adds a listener and replays the current rows and status to it. */
  addListener(listener: CacheListener<R>): () => void {
    this.listeners.add(listener);
    const rows = [...this.entries.values()].map((e) => e.row);
    for (let i = 0; i < rows.length; i += PAGE_SIZE) listener.upsert(rows.slice(i, i + PAGE_SIZE));
    listener.status(this.statusNow);
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    return () => this.listeners.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.size;
  }

  size(): number {
    return this.entries.size;
  }

  stop(): void {
    this.controller.abort();
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        await this.relist(signal);
        failures = 0;
        this.setStatus({ phase: 'ready' });
        // Re-watch from the last resourceVersion until the server says it is too old.
        for (;;) {
          await this.watchOnce(signal);
          if (signal.aborted) return;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof Gone) continue; // 410: relist at once
        const problem = classifyKubeError(error, {
          action: `list ${this.kind.plural}${this.where()}`,
        });
        failures++;
        let wait = backoffMs(failures, WATCH_BACKOFF);
        if (problem.code === 'Forbidden' || problem.code === 'Unauthorized') {
          this.setStatus({ phase: 'forbidden', message: problem.message });
          wait = DENIED_RETRY_MS;
        } else if (problem.code === 'Unreachable' || this.statusNow.phase !== 'loading') {
          this.setStatus({ phase: 'reconnecting', message: problem.message });
        } else {
          this.setStatus({ phase: 'error', message: problem.message });
        }
        log.warn(`${this.describe}: ${problem.message}; retrying in ${Math.round(wait / 1000)} s`);
        await sleep(jittered(wait), signal);
      }
    }
  }

  /**
   * Lists every page, then replaces the rows, telling listeners only what changed. The
   * first load shows rows as they come (every PAGE_SIZE objects parsed), so a huge list
   * fills in progressively; those rows are entries at once, so that a list that breaks
   * half-way (an expired continue token, a network error) and starts again still deletes
   * what went in the meantime, and a listener that joins during the load is given the rows
   * shown so far. Items are projected as they stream in; the objects are not kept.
   */
  private async relist(signal: AbortSignal): Promise<void> {
    const path = collectionPath(this.kind, this.namespace);
    const progressive = this.entries.size === 0;
    const fresh = new Map<string, Entry<R>>();
    const changed: R[] = [];
    const onItem = (item: unknown) => {
      const entry = this.project(item as KubeObject);
      fresh.set(entry.row.uid, entry);
      if (this.entries.get(entry.row.uid)?.rv === entry.rv) return;
      changed.push(entry.row);
      if (!progressive) return;
      this.entries.set(entry.row.uid, entry);
      if (changed.length >= PAGE_SIZE) this.emitUpsert(changed.splice(0));
    };
    let token: string | undefined;
    let resourceVersion = '';
    do {
      const query =
        this.pageSize === UNPAGED ? {} : { limit: String(this.pageSize), continue: token };
      let head;
      try {
        head = await this.api.listItems(path, query, onItem, signal);
      } catch (error) {
        // An expired continue token: start the list again from the beginning.
        if (error instanceof HttpError && error.code === 410 && token) throw new Gone();
        throw error;
      }
      if (progressive && changed.length > 0) this.emitUpsert(changed.splice(0));
      token = this.pageSize === UNPAGED ? undefined : head.continue || undefined;
      resourceVersion = head.resourceVersion ?? resourceVersion;
    } while (token);

    const gone = [...this.entries.keys()].filter((uid) => !fresh.has(uid));
    this.entries = fresh;
    this.resourceVersion = resourceVersion;
    if (changed.length > 0) this.emitUpsert(changed);
    if (gone.length > 0) for (const l of this.listeners) l.delete(gone);
  }

  private async watchOnce(signal: AbortSignal): Promise<void> {
    const query = {
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: 'true',
      // Like client-go: a randomised server-side timeout spreads reconnections out.
      timeoutSeconds: String(300 + Math.floor(Math.random() * 300)),
    };
    await this.api.watch(
      collectionPath(this.kind, this.namespace),
      query,
      (e) => this.apply(e),
      signal,
    );
  }

  private apply(event: WatchEvent): void {
    if (event.type === 'ERROR') {
      const code = (event.object as { code?: number }).code;
      if (code === 410) throw new Gone();
      throw new PilotError(
        'Internal',
        `watch error: ${JSON.stringify(event.object).slice(0, 300)}`,
      );
    }
    const object = event.object as KubeObject;
    const rv = object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'DELETED') {
      const uid = object.metadata?.uid;
      if (uid && this.entries.delete(uid)) for (const l of this.listeners) l.delete([uid]);
      return;
    }
    const entry = this.project(object);
    if (this.entries.get(entry.row.uid)?.rv === entry.rv) return;
    this.entries.set(entry.row.uid, entry);
    this.emitUpsert([entry.row]);
  }

  private project(object: KubeObject): Entry<R> {
    return { row: this.kind.project(object), rv: object.metadata?.resourceVersion ?? '' };
  }

  private emitUpsert(rows: R[]): void {
    for (const l of this.listeners) l.upsert(rows);
  }

  private setStatus(status: ScopeStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.statusNow)) return;
    this.statusNow = status;
    for (const l of this.listeners) l.status(status);
  }

  private where(): string {
    return this.namespace
      ? ` in namespace ${this.namespace}`
      : this.kind.namespaced
        ? ' in all namespaces'
        : '';
  }
}
