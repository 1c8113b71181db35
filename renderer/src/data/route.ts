/**
 * The URL's hash holds the view, the context, the namespaces and the selected object, so
 * every view can be bookmarked and shared:
 * `#/pods?context=pilothouse-admin&ns=team-a,team-b&object=team-a/web-1` (`ns=all`).
 * The Logs view keeps its query there too: `#/logs?context=…&ns=team-a&q=deploy:web`.
 */
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import {
  builtinKindNamed,
  builtinKinds,
  type KindId,
  type KindSection,
} from '../../../shared/kube/kinds';

export type SectionName = KindSection | 'Tools' | 'Custom';

interface ViewDef<Id extends string = string> {
  id: Id;
  label: string;
  section: SectionName;
  /** The resource kind a table view lists. */
  kind?: KindId;
}

/**
 * The views that are not one kind's table. `before` ones precede the kinds in the sidebar
 * (Overview heads the Cluster section); the others follow them.
 */
const featureViewsBefore = [{ id: 'overview', label: 'Overview', section: 'Cluster' }] as const;
const featureViewsAfter = [
  /** Listed in the Cluster section, after Nodes and the other cluster kinds. */
  { id: 'taints', label: 'Taints & labels', section: 'Cluster' },
  { id: 'logs', label: 'Logs', section: 'Tools' },
  { id: 'port-forwards', label: 'Port-forwards', section: 'Tools' },
  { id: 'rollouts', label: 'Rollouts', section: 'Tools' },
  { id: 'metrics', label: 'Metrics', section: 'Tools' },
  /** One custom resource kind, named by the `crd` parameter (group/version/plural). */
  { id: 'custom', label: 'Custom resource', section: 'Custom' },
] as const;

type FeatureViewId = (typeof featureViewsBefore | typeof featureViewsAfter)[number]['id'];
export type ViewId = FeatureViewId | KindId;

/** Every view, in sidebar order: the feature views and one table view per registry kind. */
export const views: readonly ViewDef<ViewId>[] = [
  ...featureViewsBefore,
  ...builtinKinds.map((k) => ({ id: k.id, label: k.label, section: k.section, kind: k.id })),
  ...featureViewsAfter,
];

/** The sidebar's sections, in order of their first view (custom resources are listed apart). */
export const sidebarSections: readonly SectionName[] = [
  ...new Set(views.map((v) => v.section)),
].filter((s) => s !== 'Custom');

export interface Route {
  view: ViewId;
  context?: string;
  namespaces?: NamespaceChoice;
  /** The object open in the detail panel: "namespace/name", or "name" if cluster-scoped. */
  object?: string;
  /** The custom resource of the `custom` view: "group/version/plural". */
  crd?: string;
  /** The Logs view's query, in kail syntax (shared/logs/query.ts). */
  query?: string;
}

/** The `object` parameter of a namespaced or cluster-scoped object. */
export function objectParam(namespace: string | null | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

/** The view that lists a kind, by its real Kind name (an owner's, an event's object's). */
export function viewOfKind(kind: string): ViewId | undefined {
  return builtinKindNamed(kind)?.id;
}

export function parseRoute(hash: string): Route {
  const [pathPart = '', query = ''] = hash.replace(/^#/, '').split('?');
  const id = pathPart.replace(/^\//, '');
  const view = views.find((v) => v.id === id)?.id ?? 'overview';
  const params = new URLSearchParams(query);
  const route: Route = { view };
  const context = params.get('context');
  if (context) route.context = context;
  const ns = params.get('ns');
  if (ns === 'all') route.namespaces = { all: true };
  else if (ns) route.namespaces = { all: false, namespaces: ns.split(',').filter(Boolean) };
  const object = params.get('object');
  if (object) route.object = object;
  const crd = params.get('crd');
  if (crd) route.crd = crd;
  const logQuery = params.get('q');
  if (logQuery) route.query = logQuery;
  return route;
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.context) params.set('context', route.context);
  if (route.namespaces) {
    params.set('ns', route.namespaces.all ? 'all' : route.namespaces.namespaces.join(','));
  }
  if (route.crd) params.set('crd', route.crd);
  if (route.object) params.set('object', route.object);
  if (route.query) params.set('q', route.query);
  // Commas, slashes and colons read better unescaped, and are safe in a fragment.
  const query = params.toString().replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':');
  return `#/${route.view}${query ? `?${query}` : ''}`;
}
