/**
 * Which chunk holds each view (issue 15: load only the shell and the current view before
 * the first view). Every feature's view is a dynamic import, so vite makes it a chunk with
 * whatever only it uses (the log engine, the what-if form, the forwards tables…); the
 * shell's own chunk keeps React, the contract client, the kind registry and the frame.
 * `main.tsx` starts loading the chunk of the view in the URL before the backend answers,
 * and once the first view is on screen the other chunks are fetched while the page is idle
 * (prefetch.ts), so switching views stays instant.
 */
import type { ViewId } from '../data/route';
import { lazyModule, type LazyModule } from '../ui/lazy';

export const overviewChunk = lazyModule(() => import('../cluster/OverviewPage'));
export const resourceChunk = lazyModule(() => import('../resources/ResourceView'));
export const eventsChunk = lazyModule(() => import('../resources/EventsView'));
export const logsChunk = lazyModule(() => import('../logs/LogsView'));
export const rolloutsChunk = lazyModule(() => import('../rollouts/RolloutsView'));
export const taintsChunk = lazyModule(() => import('../scheduling/taints/TaintsView'));
export const forwardsChunk = lazyModule(() => import('../forwards/ForwardsView'));
export const metricsChunk = lazyModule(() => import('../metrics/MetricsView'));

/** Views with a chunk of their own; every other view is a kind's table (ResourceView). */
const chunkOfFeatureView: Partial<Record<ViewId, LazyModule<unknown>>> = {
  overview: overviewChunk,
  events: eventsChunk,
  logs: logsChunk,
  rollouts: rolloutsChunk,
  taints: taintsChunk,
  'port-forwards': forwardsChunk,
  metrics: metricsChunk,
};

/** The chunk a view needs before it can render. */
export function chunkOfView(view: ViewId): LazyModule<unknown> {
  return chunkOfFeatureView[view] ?? resourceChunk;
}

/** Starts loading the chunk of a view (the one in the URL, as early as the page starts). */
export function preloadView(view: ViewId): void {
  chunkOfView(view)
    .load()
    .catch(() => undefined); // the view shows the failure when it renders
}

/**
 * The view chunks worth having before they are asked for, most likely first (prefetch.ts):
 * the tables every sidebar link but a few opens, then the other views.
 */
export const prefetchOrder: readonly LazyModule<unknown>[] = [
  resourceChunk,
  overviewChunk,
  logsChunk,
  eventsChunk,
  rolloutsChunk,
  metricsChunk,
  forwardsChunk,
  taintsChunk,
];
