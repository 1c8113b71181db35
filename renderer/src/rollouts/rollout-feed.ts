/**
 * Live Rollouts rows from the `rollouts.watch` stream: rows by uid updated by diffs, and
 * the state of each list+watch behind them, keyed "namespace (resource)" so the banners
 * say which kind a viewer may not list where. Shared by key like every feed.
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type { ScopeStatus } from '../../../shared/contract/resources';
import type { RolloutRow, RolloutStreamEvent } from '../../../shared/contract/rollouts';
import type { FeedModel, FeedSpec } from '../data/feed';
import { useFeed } from '../data/feed-registry';

export interface RolloutSnapshot {
  rows: RolloutRow[];
  /** Per watch: "team-a (statefulsets)", or "(statefulsets)" for all namespaces. */
  statuses: Record<string, ScopeStatus>;
  /** Every watch has listed at least once (or failed). */
  loaded: boolean;
  error?: PilotErrorData;
}

const emptySnapshot: RolloutSnapshot = { rows: [], statuses: {}, loaded: false };

export class RolloutRows implements FeedModel<RolloutStreamEvent, RolloutSnapshot> {
  private readonly byUid = new Map<string, RolloutRow>();
  private readonly statuses: Record<string, ScopeStatus> = {};

  apply(events: RolloutStreamEvent[]): number {
    for (const event of events) {
      if (event.type === 'upsert') for (const row of event.rows) this.byUid.set(row.uid, row);
      else if (event.type === 'delete') for (const uid of event.uids) this.byUid.delete(uid);
      else
        this.statuses[event.scope ? `${event.scope} (${event.resource})` : `(${event.resource})`] =
          event.status;
    }
    return 0;
  }

  snapshot(): RolloutSnapshot {
    const statuses = { ...this.statuses };
    const phases = Object.values(statuses).map((s) => s.phase);
    return {
      rows: [...this.byUid.values()],
      statuses,
      loaded: phases.length > 0 && !phases.includes('loading'),
    };
  }
}

export function rolloutFeedSpec(
  context: string,
  namespaces: NamespaceChoice,
): FeedSpec<'rollouts.watch', RolloutSnapshot> {
  const choice: NamespaceChoice = namespaces.all
    ? { all: true }
    : { all: false, namespaces: [...new Set(namespaces.namespaces)].sort() };
  return {
    channel: 'rollouts.watch',
    key: JSON.stringify([context, choice]),
    input: { context, namespaces: choice },
    empty: emptySnapshot,
    createModel: () => new RolloutRows(),
  };
}

export function useRolloutFeed(
  api: PilotApi,
  context: string,
  namespaces: NamespaceChoice,
): RolloutSnapshot {
  return useFeed(api, rolloutFeedSpec(context, namespaces));
}
