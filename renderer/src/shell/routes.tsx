/**
 * The router: a table from view id to the component that shows it. Kind views list their
 * kind with the generic table unless a feature gives the view its own component (Events
 * groups repeats); views nobody has built yet say so. Adding a view is one entry.
 * Each feature's component comes from its own chunk (view-chunks.ts): the App renders a
 * view once its chunk is loaded, so these lazy components never suspend there.
 */
import type { ReactNode } from 'react';
import type {
  ConnectionState,
  ContextSummary,
  NamespaceChoice,
} from '../../../shared/contract/cluster';
import type { CustomKindRef } from '../../../shared/contract/resources';
import { customKindId } from '../../../shared/kube/kinds';
import type { Loadable } from '../data/workspace';
import { views, type Route, type ViewId } from '../data/route';
import { PlaceholderPage } from '../ui/PlaceholderPage';
import { lazyComponent } from '../ui/lazy';
import {
  eventsChunk,
  forwardsChunk,
  logsChunk,
  metricsChunk,
  overviewChunk,
  resourceChunk,
  rolloutsChunk,
  taintsChunk,
} from './view-chunks';

const OverviewPage = lazyComponent(overviewChunk, (m) => m.OverviewPage);
const ResourceView = lazyComponent(resourceChunk, (m) => m.ResourceView);
const EventsView = lazyComponent(eventsChunk, (m) => m.EventsView);
const LogsView = lazyComponent(logsChunk, (m) => m.LogsView);
const RolloutsView = lazyComponent(rolloutsChunk, (m) => m.RolloutsView);
const TaintsView = lazyComponent(taintsChunk, (m) => m.TaintsView);
const ForwardsView = lazyComponent(forwardsChunk, (m) => m.ForwardsView);
const MetricsView = lazyComponent(metricsChunk, (m) => m.MetricsView);

/** What every view may use: the route, the active context and the namespaces shown. */
export interface ViewProps {
  route: Route;
  context: ContextSummary;
  connection: ConnectionState | undefined;
  namespaces: NamespaceChoice;
  customKinds: Loadable<CustomKindRef[]> | undefined;
  onRetry(): void;
}

type ViewComponent = (props: ViewProps) => ReactNode;

/** Views with a component of their own; every other kind view is a ResourceView. */
const featureViews: Partial<Record<ViewId, ViewComponent>> = {
  overview: (p) => (
    <OverviewPage
      context={p.context}
      state={p.connection}
      namespaces={p.namespaces}
      route={p.route}
      onRetry={p.onRetry}
    />
  ),
  events: (p) => (
    <EventsView
      key={p.context.name}
      route={p.route}
      context={p.context.name}
      namespaces={p.namespaces}
    />
  ),
  logs: (p) => (
    <LogsView
      key={p.context.name}
      route={p.route}
      context={p.context.name}
      namespaces={p.namespaces}
    />
  ),
  rollouts: (p) => (
    <RolloutsView
      key={p.context.name}
      route={p.route}
      context={p.context.name}
      namespaces={p.namespaces}
    />
  ),
  taints: (p) => <TaintsView key={p.context.name} route={p.route} context={p.context.name} />,
  'port-forwards': (p) => (
    <ForwardsView route={p.route} context={p.context.name} namespaces={p.namespaces} />
  ),
  metrics: (p) => (
    <MetricsView
      key={p.context.name}
      route={p.route}
      context={p.context.name}
      namespaces={p.namespaces}
    />
  ),
  custom: (p) => <CustomResourceView {...p} />,
};

export const routes: Readonly<Record<ViewId, ViewComponent>> = Object.fromEntries(
  views.map((view): [ViewId, ViewComponent] => {
    const own = featureViews[view.id];
    if (own) return [view.id, own];
    const { kind } = view;
    if (kind)
      return [
        view.id,
        (p) => (
          <ResourceView
            key={`${p.context.name}/${kind}`}
            route={p.route}
            context={p.context.name}
            kind={kind}
            namespaces={p.namespaces}
          />
        ),
      ];
    return [view.id, () => <PlaceholderPage title={view.label} />];
  }),
) as Record<ViewId, ViewComponent>;

/** One discovered custom resource, named by the route's `crd` (group/version/plural). */
function CustomResourceView(p: ViewProps) {
  const state = p.customKinds;
  const kind =
    state?.status === 'ready'
      ? state.value.find((k) => customKindId(k) === p.route.crd)
      : undefined;
  if (kind)
    return (
      <ResourceView
        key={`${p.context.name}/${p.route.crd}`}
        route={p.route}
        context={p.context.name}
        kind={kind}
        namespaces={p.namespaces}
      />
    );
  return (
    <PlaceholderPage title="Custom resource">
      {state?.status === 'error' ? (
        <p role="alert">{state.error.message}</p>
      ) : state?.status === 'ready' ? (
        <p>This cluster offers no custom resource “{p.route.crd}”.</p>
      ) : (
        <p className="muted">Discovering custom resources…</p>
      )}
    </PlaceholderPage>
  );
}
