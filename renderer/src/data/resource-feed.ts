/**
 * Live rows of one kind, kept from the `resources.watch` stream: a map by uid updated by
 * diffs, and a status per watched namespace. A snapshot object is replaced once per batch,
 * so React re-renders at most at the stream's flush rate.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { PilotApi } from '../../../shared/contract/api';
import type { AnyKind } from '../../../shared/contract/resources';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { ScopeStatus } from '../../../shared/contract/resources';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type { Row } from '../../../shared/resources/rows';

export interface FeedSnapshot {
  rows: Row[];
  statuses: Record<string, ScopeStatus>;
  /** Every watched scope has listed at least once. */
  loaded: boolean;
  error?: PilotErrorData;
}

const LARGE_LIST = 2000;
const LARGE_LIST_PUBLISH_MS = 250;

const emptySnapshot: FeedSnapshot = { rows: [], statuses: {}, loaded: false };

/**
 * Inert until its first subscriber (so React may create and drop instances freely during
 * render); the last subscriber leaving cancels the stream.
 */
export class ResourceFeed {
  private readonly byUid = new Map<string, Row>();
  private readonly statuses: Record<string, ScopeStatus> = {};
  private readonly listeners = new Set<() => void>();
  private controller: AbortController | undefined;
  private snapshot: FeedSnapshot = emptySnapshot;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: PilotApi,
    private readonly input: { context: string; kind: AnyKind; namespaces: NamespaceChoice },
  ) {}

  get = (): FeedSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.controller) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.controller?.abort();
        this.controller = undefined;
      }
    };
  };

  private start(): void {
    const controller = new AbortController();
    this.controller = controller;
    this.byUid.clear();
    for (const key of Object.keys(this.statuses)) delete this.statuses[key];
    this.snapshot = emptySnapshot;
    this.api.subscribe(
      'resources.watch',
      this.input,
      {
        onBatch: (events) => {
          if (controller.signal.aborted) return;
          for (const event of events) {
            if (event.type === 'upsert') for (const row of event.rows) this.byUid.set(row.uid, row);
            else if (event.type === 'delete') for (const uid of event.uids) this.byUid.delete(uid);
            else this.statuses[event.scope] = event.status;
          }
          this.schedulePublish();
        },
        onError: (error) => {
          this.snapshot = { ...this.snapshot, error };
          this.notify();
        },
      },
      controller.signal,
    );
  }

  /**
   * Small lists publish every batch (at most ~20/s). Large ones publish at most every
   * 250 ms: re-filtering and re-sorting 10,000 rows 20 times a second would cost the UI its
   * frames under churn, and nobody reads faster than that.
   */
  private schedulePublish(): void {
    if (this.publishTimer !== undefined) return;
    if (this.byUid.size < LARGE_LIST) return this.publish();
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      if (this.controller) this.publish();
    }, LARGE_LIST_PUBLISH_MS);
  }

  private publish(): void {
    const statuses = { ...this.statuses };
    const phases = Object.values(statuses).map((s) => s.phase);
    const loaded = phases.length > 0 && !phases.includes('loading');
    this.snapshot = { rows: [...this.byUid.values()], statuses, loaded };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Live rows while mounted; a change of context, kind or namespaces opens a new feed. */
export function useResourceFeed(
  api: PilotApi,
  context: string,
  kind: AnyKind,
  namespaces: NamespaceChoice,
): FeedSnapshot {
  const key = JSON.stringify([context, kind, namespaces]);
  // `key` captures context, kind and namespaces by value.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const feed = useMemo(() => new ResourceFeed(api, { context, kind, namespaces }), [api, key]);
  return useSyncExternalStore(feed.subscribe, feed.get);
}
