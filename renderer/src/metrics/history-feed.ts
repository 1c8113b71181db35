/**
 * The history of one target (pod, node, workload, overview) from `metrics.history`: main
 * keeps it (a bounded ring per object) and sends it whole each time a sample arrives, so
 * this model only keeps the latest copy and the metrics state. Shared by key like every
 * feed, so the chart and its table fallback read one stream.
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type {
  HistoryTarget,
  MetricsHistory,
  MetricsHistoryEvent,
  MetricsResource,
  MetricsState,
} from '../../../shared/contract/metrics';
import type { FeedModel, FeedSpec } from '../data/feed';
import { useFeed } from '../data/feed-registry';

export interface HistorySnapshot {
  history?: MetricsHistory;
  /** The state of the target's resource: pods (pod, workload, overview) or nodes. */
  states: Partial<Record<MetricsResource, MetricsState>>;
  error?: PilotErrorData;
}

const emptySnapshot: HistorySnapshot = { states: {} };

export class HistoryModel implements FeedModel<MetricsHistoryEvent, HistorySnapshot> {
  private current: HistorySnapshot = emptySnapshot;

  apply(events: MetricsHistoryEvent[]): number {
    let next = this.current;
    for (const event of events) {
      if (event.type === 'history') next = { ...next, history: event.history };
      else next = { ...next, states: { ...next.states, [event.resource]: event.state } };
    }
    this.current = next;
    return 0;
  }

  snapshot(): HistorySnapshot {
    return this.current;
  }
}

export function historyFeedSpec(
  context: string,
  target: HistoryTarget,
): FeedSpec<'metrics.history', HistorySnapshot> {
  return {
    channel: 'metrics.history',
    key: JSON.stringify([context, target]),
    input: { context, target },
    empty: emptySnapshot,
    createModel: () => new HistoryModel(),
  };
}

export function useMetricsHistory(
  api: PilotApi,
  context: string,
  target: HistoryTarget,
): HistorySnapshot {
  return useFeed(api, historyFeedSpec(context, target));
}
