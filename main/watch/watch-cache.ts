/**
 * One list+watch of a collection in one scope, holding projected rows only (never full
 * objects, so 10,000 pods stay small), for every projection that asked for it (see
 * projection-view.ts): each object is parsed once and projected once per projection.
 * Lists are one streamed request (or paged, see UNPAGED). 410 Gone relists; network errors and
 * apiserver restarts reconnect with backoff and relist, reporting "reconnecting" until the
 * rows are exact again; 401/403 report a status and retry slowly. resourceVersion is
 * opaque: compared for equality only.
 */
import type { KubeObject } from '../../shared/kube/object-types';
import type { ScopeStatus } from '../../shared/contract/resources';
import { PilotError } from '../../shared/contract/errors';
import { classifyKubeError } from '../platform/classify-error';
import { HttpError, type ApiTransport, type WatchEvent } from '../platform/http';
import { collectionPath } from '../platform/api-paths';
import { logger } from '../platform/logger';
import { backoffMs, DENIED_RETRY_MS, jittered, MAX_BACKOFF_MS, sleep } from '../platform/retry';
import {
  ProjectionView,
  type CacheListener,
  type Entry,
  type Projected,
  type Projection,
} from './projection-view';

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
/** How long a projection's rows are kept after its last listener left (the registry's grace). */
export const VIEW_GRACE_MS = 15_000;
/** 1 s, 2 s, 4 s, ... up to 15 s between attempts after errors that may pass by themselves. */
const WATCH_BACKOFF = { baseMs: 500, capMs: MAX_BACKOFF_MS, maxExponent: 6 };

export type { CacheListener, Projected, Projection } from './projection-view';

class Gone extends Error {}
/** A projection joined after the list had begun: list again, now, for it. */
class Relist extends Error {}

export class WatchCache<R extends Projected> {
  private readonly views = new Map<string, ProjectionView<Projected>>();
  private statusNow: ScopeStatus = { phase: 'loading' };
  private readonly controller = new AbortController();
  private resourceVersion = '';
  private started = false;
  /** Objects handed over by the list under way; undefined while no list runs. */
  private listed: number | undefined;
  /** Aborts the watch under way, so that a projection that joined gets its list. */
  private watchAbort: AbortController | undefined;

  constructor(
    private readonly api: ApiTransport,
    readonly kind: Projection<R>,
    readonly namespace: string | undefined,
    private readonly describe: string,
    /** Objects per list request, or UNPAGED. */
    private readonly pageSize: number = PAGE_SIZE,
  ) {}

  /** Adds a listener of the cache's own projection; see addProjectionListener. */
  addListener(listener: CacheListener<R>): () => void {
    return this.addProjectionListener(this.kind, listener);
  }

  /**
   * Adds a listener of `projection` (of this cache's collection) and replays its current
   * rows and status to it. A projection new to the cache joins the list under way if that
   * list has not handed over an object yet; otherwise it gets a list of its own right away
   * (the watch is restarted after it), and says 'loading' until then.
   */
  addProjectionListener<P extends Projected>(
    projection: Projection<P>,
    listener: CacheListener<P>,
  ): () => void {
    let view = this.views.get(projection.id) as ProjectionView<P> | undefined;
    if (!view) {
      view = new ProjectionView(projection);
      this.views.set(projection.id, view as unknown as ProjectionView<Projected>);
      if (this.started && this.listed !== 0) {
        view.behind = true;
        this.watchAbort?.abort();
      }
    }
    view.listeners.add(listener);
    view.replay(listener, PAGE_SIZE);
    if (!this.started) {
      this.started = true;
      void this.run();
    }
    clearTimeout(view.dropTimer);
    const current = view;
    return () => {
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      // Kept a while, like the registry keeps a cache, so that coming back does not relist.
      clearTimeout(current.dropTimer);
      current.dropTimer = setTimeout(() => {
        if (current.listeners.size === 0 && this.views.get(projection.id) === current)
          this.views.delete(projection.id);
      }, VIEW_GRACE_MS);
      current.dropTimer.unref?.();
    };
  }

  listenerCount(): number {
    let count = 0;
    for (const view of this.views.values()) count += view.listeners.size;
    return count;
  }

  /** Objects held: the rows of the projection that holds the most. */
  size(): number {
    let size = 0;
    for (const view of this.views.values()) size = Math.max(size, view.entries.size);
    return size;
  }

  stop(): void {
    this.controller.abort();
    for (const view of this.views.values()) clearTimeout(view.dropTimer);
  }

  private async run(): Promise<void> {
    const signal = this.controller.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        // Projections that joined while a list was under way are listed for at once.
        do await this.relist(signal);
        while ([...this.views.values()].some((v) => v.behind) && !signal.aborted);
        failures = 0;
        this.setStatus({ phase: 'ready' });
        // Re-watch from the last resourceVersion until the server says it is too old.
        for (;;) {
          await this.watchOnce(signal);
          if (signal.aborted) return;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof Gone || error instanceof Relist) continue; // relist at once
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
   * Lists every page, then replaces each projection's rows, telling its listeners only
   * what changed. The first load shows rows as they come (every PAGE_SIZE objects), so a
   * huge list fills in progressively; those rows are entries at once, so that a list that
   * breaks half-way (an expired continue token, a network error) and starts again still
   * deletes what went in the meantime, and a listener that joins during the load is given
   * the rows shown so far. Items are projected as they stream in; objects are not kept.
   * Projections that are `behind` when the first object arrives wait for the next list.
   */
  private async relist(signal: AbortSignal): Promise<void> {
    const path = collectionPath(this.kind, this.namespace);
    type Pass = { view: ProjectionView<Projected>; fresh: Map<string, Entry<Projected>> } & {
      changed: Projected[];
      progressive: boolean;
    };
    let passes: Pass[] | undefined;
    const onItem = (item: unknown) => {
      passes ??= [...this.views.values()]
        .filter((view) => !view.behind)
        .map((view) => ({ view, fresh: new Map(), changed: [], progressive: !view.entries.size }));
      this.listed = (this.listed ?? 0) + 1;
      const object = item as KubeObject;
      for (const pass of passes) {
        const { view, fresh, changed } = pass;
        const entry = view.project(object);
        fresh.set(entry.row.uid, entry);
        if (view.entries.get(entry.row.uid)?.rv === entry.rv) continue;
        changed.push(entry.row);
        if (!pass.progressive) continue;
        view.entries.set(entry.row.uid, entry);
        if (changed.length >= PAGE_SIZE) view.upsert(changed.splice(0));
      }
    };
    let token: string | undefined;
    let resourceVersion = '';
    // Every projection takes part in a list from its start, those that were behind too.
    for (const view of this.views.values()) view.behind = false;
    this.listed = 0;
    try {
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
        for (const pass of passes ?? [])
          if (pass.progressive && pass.changed.length > 0) pass.view.upsert(pass.changed.splice(0));
        token = this.pageSize === UNPAGED ? undefined : head.continue || undefined;
        resourceVersion = head.resourceVersion ?? resourceVersion;
      } while (token);
    } finally {
      this.listed = undefined;
    }

    // An empty list: every projection that is not behind takes part.
    passes ??= [...this.views.values()]
      .filter((view) => !view.behind)
      .map((view) => ({ view, fresh: new Map(), changed: [], progressive: true }));
    this.resourceVersion = resourceVersion;
    for (const { view, fresh, changed } of passes) {
      const gone = [...view.entries.keys()].filter((uid) => !fresh.has(uid));
      view.entries = fresh;
      if (changed.length > 0) view.upsert(changed);
      if (gone.length > 0) view.delete(gone);
    }
    // Projections that joined during the list are behind now: the run loop lists again.
    for (const view of this.views.values())
      if (!passes.some((p) => p.view === view)) view.behind = true;
    for (const { view } of passes) view.behind = false;
    // Listed: ready now, even if a projection that joined late makes the run loop list again.
    this.setStatus({ phase: 'ready' });
  }

  private async watchOnce(signal: AbortSignal): Promise<void> {
    const query = {
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: 'true',
      // Like client-go: a randomised server-side timeout spreads reconnections out.
      timeoutSeconds: String(300 + Math.floor(Math.random() * 300)),
    };
    const joined = new AbortController();
    this.watchAbort = joined;
    // A projection that joined meanwhile may have aborted already: list for it first.
    if ([...this.views.values()].some((v) => v.behind)) throw new Relist();
    try {
      await this.api.watch(
        collectionPath(this.kind, this.namespace),
        query,
        (e) => this.apply(e),
        AbortSignal.any([signal, joined.signal]),
      );
    } catch (error) {
      if (joined.signal.aborted && !signal.aborted) throw new Relist();
      throw error;
    } finally {
      this.watchAbort = undefined;
    }
    if (joined.signal.aborted && !signal.aborted) throw new Relist();
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
    for (const view of this.views.values()) if (!view.behind) view.apply(event.type, object);
  }

  /** The cache's status, for every projection; one that is behind is not 'ready' yet. */
  private setStatus(status: ScopeStatus): void {
    this.statusNow = status;
    for (const view of this.views.values())
      if (status.phase !== 'ready' || !view.behind) view.setStatus(status);
  }

  private where(): string {
    return this.namespace
      ? ` in namespace ${this.namespace}`
      : this.kind.namespaced
        ? ' in all namespaces'
        : '';
  }
}
