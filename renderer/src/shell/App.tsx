import './shell.css';
import { Suspense, useEffect } from 'react';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import { useStore } from '../data/store';
import type { Workspace } from '../data/workspace';
import { pickActiveContext } from '../data/active-context';
import { navigate, useRoute } from '../data/use-route';
import { ContextSwitcher } from './ContextSwitcher';
import { ConnectionBadge } from '../ui/ConnectionStatus';
import { NamespacePicker } from './NamespacePicker';
import { Sidebar } from './Sidebar';
import { FirstRun } from './FirstRun';
import { KubeconfigProblems } from './KubeconfigProblems';
import { WorkspaceContext } from '../data/workspace-context';
import { DetailSectionsContext } from '../ui/detail/detail-sections';
import { StatusBar } from './StatusBar';
import { routes } from './routes';
import { columnProviders, detailSections } from './composition';
import { ColumnProvidersContext } from '../ui/table/column-providers';
import { LoadBoundary, QuietFallback } from '../ui/lazy';
import { useShownRoute } from './use-shown-route';
import { prefetchAfterFirstView } from './prefetch';

const everything: NamespaceChoice = { all: true };

export function App({ workspace }: { workspace: Workspace }) {
  const state = useStore(workspace.state);
  const route = useRoute();
  const shownRoute = useShownRoute(route);
  const firstViewShown = shownRoute !== undefined;
  const snapshot = state.kubeconfig;
  const active =
    snapshot && state.info
      ? pickActiveContext(snapshot, route.context, state.info.lastContext)
      : undefined;
  const prefs = active ? state.preferences[active] : undefined;
  // A link's namespaces win; otherwise the choice remembered for the context, once known.
  const urlChoice = route.context === active ? route.namespaces : undefined;
  const knownChoice = urlChoice ?? prefs?.choice;
  const choice = knownChoice ?? everything;

  // The URL always names the context and namespaces shown, so the view can be shared.
  useEffect(() => {
    if (!active) return;
    void workspace.selectContext(active);
    if (!knownChoice) return;
    if (route.context !== active || !route.namespaces) {
      navigate({ ...route, context: active, namespaces: knownChoice });
    }
  }, [active, knownChoice, route, workspace]);

  // Someone who may not list namespaces cannot watch "all namespaces" either: start them
  // on the namespaces they can name (the context's own and those added by hand).
  const namespaceList = active ? state.namespaces[active] : undefined;
  useEffect(() => {
    if (!active || !knownChoice?.all || namespaceList?.status !== 'ready') return;
    if (namespaceList.value.listable) return;
    const own: NamespaceChoice = { all: false, namespaces: namespaceList.value.namespaces };
    void workspace.chooseNamespaces(active, own);
    navigate({ ...route, context: active, namespaces: own });
  }, [active, knownChoice, namespaceList, route, workspace]);

  // The other views' chunks, fetched while idle once the first view is on screen.
  useEffect(() => {
    if (firstViewShown) prefetchAfterFirstView();
  }, [firstViewShown]);

  if (state.backendLost && !snapshot) {
    return (
      <main className="first-run">
        <h1>Pilothouse cannot reach its backend</h1>
        <p role="alert">{state.backendLost}</p>
      </main>
    );
  }
  if (!snapshot || !state.info) {
    return (
      <main className="first-run" aria-busy="true">
        <p className="muted">Starting Pilothouse…</p>
      </main>
    );
  }
  if (snapshot.contexts.length === 0 || !active) {
    return (
      <>
        <KubeconfigProblems files={snapshot.files} />
        <FirstRun snapshot={snapshot} />
      </>
    );
  }

  const context = snapshot.contexts.find((c) => c.name === active)!;
  const connection = state.connections[active];
  const customKindsState = state.customKinds[active];
  const customKinds = customKindsState?.status === 'ready' ? customKindsState.value : [];
  const View = shownRoute ? routes[shownRoute.view] : undefined;
  const unknownLinkedContext =
    route.context && route.context !== active ? route.context : undefined;

  const selectContext = (name: string) => {
    const nextPrefs = state.preferences[name];
    navigate(
      { view: route.view, context: name, ...(nextPrefs ? { namespaces: nextPrefs.choice } : {}) },
      true,
    );
  };
  const chooseNamespaces = (next: NamespaceChoice) => {
    void workspace.chooseNamespaces(active, next);
    navigate({ ...route, context: active, namespaces: next });
  };

  return (
    <WorkspaceContext.Provider value={workspace}>
      <DetailSectionsContext.Provider value={detailSections}>
        <ColumnProvidersContext.Provider value={columnProviders}>
          <div className="shell">
            <header className="top-bar">
              <span className="brand" aria-hidden="true">
                ⎈ Pilothouse
              </span>
              <ContextSwitcher
                contexts={snapshot.contexts}
                active={active}
                connections={state.connections}
                onSelect={selectContext}
              />
              <ConnectionBadge state={connection} />
              <NamespacePicker
                list={state.namespaces[active]}
                choice={choice}
                added={prefs?.addedNamespaces ?? []}
                onChoose={chooseNamespaces}
                onEditAdded={(ns, op) => workspace.editAddedNamespace(active, ns, op)}
              />
            </header>
            <Sidebar
              route={{ ...route, context: active, namespaces: choice }}
              customKinds={customKinds}
            />
            <div className="content">
              <KubeconfigProblems files={snapshot.files} />
              {unknownLinkedContext && (
                <p role="alert" className="banner banner-warning">
                  The link named context “{unknownLinkedContext}”, which is not in your kubeconfig;
                  showing {active}.
                </p>
              )}
              {!knownChoice ? (
                <p className="muted">Loading…</p>
              ) : !shownRoute || !View ? (
                <QuietFallback />
              ) : (
                // Keyed by view: a view that failed to load or render leaves with it.
                <LoadBoundary key={shownRoute.view}>
                  <Suspense fallback={<QuietFallback />}>
                    <View
                      route={shownRoute}
                      context={context}
                      connection={connection}
                      namespaces={choice}
                      customKinds={customKindsState}
                      onRetry={() => void workspace.selectContext(active, true)}
                    />
                  </Suspense>
                </LoadBoundary>
              )}
            </div>
            <StatusBar
              version={state.info.version}
              mode={state.info.mode}
              {...(state.backendLost ? { backendLost: state.backendLost } : {})}
              {...(state.lastError ? { lastError: state.lastError } : {})}
            />
          </div>
        </ColumnProvidersContext.Provider>
      </DetailSectionsContext.Provider>
    </WorkspaceContext.Provider>
  );
}
