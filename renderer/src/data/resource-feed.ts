/**
 * Live rows of one kind, kept from the `resources.watch` stream: a map by uid updated by
 * diffs, and a status per watched namespace. A snapshot object is replaced once per batch,
 * so React re-renders at most at the stream's flush rate. Every component asking for the
 * same kind in the same namespaces shares one stream and one store (see feed-registry.ts).
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { AnyKind, ResourceStreamEvent, ScopeStatus } from '../../../shared/contract/resources';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { PilotErrorData } from '../../../shared/contract/errors';
import { resolveKind } from '../../../shared/kube/kinds';
import type { Row } from '../../../shared/resources/rows';
import type { FeedModel, FeedSpec } from './feed';
import { useFeed } from './feed-registry';

export interface FeedSnapshot {
  rows: Row[];
  statuses: Record<string, ScopeStatus>;
  /** Every watched scope has listed at least once. */
  loaded: boolean;
  error?: PilotErrorData;
}

/** From this many rows on, snapshots are taken at most every LARGE_LIST_PUBLISH_MS. */
const LARGE_LIST_ROWS = 2000;
const LARGE_LIST_PUBLISH_MS = 250;

const emptySnapshot: FeedSnapshot = { rows: [], statuses: {}, loaded: false };

/** The rows and scope statuses of one opening of the stream. */
export class ResourceRows implements FeedModel<ResourceStreamEvent, FeedSnapshot> {
  private readonly byUid = new Map<string, Row>();
  private readonly statuses: Record<string, ScopeStatus> = {};

  /**
   * Small lists publish every batch (at most ~20/s). Large ones publish at most every
   * 250 ms: re-filtering and re-sorting 10,000 rows 20 times a second would cost the UI its
   * frames under churn, and nobody reads faster than that. A change of status (the list
   * is complete, a scope failed) publishes at once: the complete table is not held back.
   */
  apply(events: ResourceStreamEvent[]): number {
    let statusChanged = false;
    for (const event of events) {
      if (event.type === 'upsert') for (const row of event.rows) this.byUid.set(row.uid, row);
      else if (event.type === 'delete') for (const uid of event.uids) this.byUid.delete(uid);
      else {
        statusChanged ||= this.statuses[event.scope]?.phase !== event.status.phase;
        this.statuses[event.scope] = event.status;
      }
    }
    return this.byUid.size < LARGE_LIST_ROWS || statusChanged ? 0 : LARGE_LIST_PUBLISH_MS;
  }

  snapshot(): FeedSnapshot {
    const statuses = { ...this.statuses };
    const phases = Object.values(statuses).map((s) => s.phase);
    const loaded = phases.length > 0 && !phases.includes('loading');
    return { rows: [...this.byUid.values()], statuses, loaded };
  }
}

/**
 * The spec of a kind's feed, with the namespace choice normalised so that equal streams
 * get equal keys: namespaces sorted and without repeats, and "all" for cluster-scoped
 * kinds (main watches those cluster-wide whatever the choice).
 */
export function resourceFeedSpec(
  context: string,
  kind: AnyKind,
  namespaces: NamespaceChoice,
): FeedSpec<'resources.watch', FeedSnapshot> {
  const def = resolveKind(kind);
  const choice: NamespaceChoice =
    namespaces.all || def?.namespaced === false
      ? { all: true }
      : { all: false, namespaces: [...new Set(namespaces.namespaces)].sort() };
  return {
    channel: 'resources.watch',
    key: JSON.stringify([context, def?.id ?? kind, choice]),
    input: { context, kind, namespaces: choice },
    empty: emptySnapshot,
    createModel: () => new ResourceRows(),
  };
}

/** Live rows while mounted; a change of context, kind or namespaces reads another feed. */
export function useResourceFeed(
  api: PilotApi,
  context: string,
  kind: AnyKind,
  namespaces: NamespaceChoice,
): FeedSnapshot {
  return useFeed(api, resourceFeedSpec(context, kind, namespaces));
}
