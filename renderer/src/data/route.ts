/**
 * The URL's hash holds the view, the context, the namespaces and the selected object, so
 * every view can be bookmarked and shared:
 * `#/pods?context=pilothouse-admin&ns=team-a,team-b&object=team-a/web-1` (`ns=all`).
 * The Logs view keeps its query there too: `#/logs?context=…&ns=team-a&q=deploy:web`.
 */
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { KindId } from '../../../shared/contract/resources';

interface ViewDef {
  id: string;
  label: string;
  section: 'Cluster' | 'Workloads' | 'Network' | 'Config' | 'Tools' | 'Custom';
  /** The resource kind a table view lists. */
  kind?: KindId;
}

export const views = [
  { id: 'overview', label: 'Overview', section: 'Cluster' },
  { id: 'nodes', label: 'Nodes', section: 'Cluster', kind: 'nodes' },
  { id: 'namespaces', label: 'Namespaces', section: 'Cluster', kind: 'namespaces' },
  { id: 'events', label: 'Events', section: 'Cluster', kind: 'events' },
  { id: 'pods', label: 'Pods', section: 'Workloads', kind: 'pods' },
  { id: 'deployments', label: 'Deployments', section: 'Workloads', kind: 'deployments' },
  { id: 'replicasets', label: 'ReplicaSets', section: 'Workloads', kind: 'replicasets' },
  { id: 'statefulsets', label: 'StatefulSets', section: 'Workloads', kind: 'statefulsets' },
  { id: 'daemonsets', label: 'DaemonSets', section: 'Workloads', kind: 'daemonsets' },
  { id: 'jobs', label: 'Jobs', section: 'Workloads', kind: 'jobs' },
  { id: 'cronjobs', label: 'CronJobs', section: 'Workloads', kind: 'cronjobs' },
  { id: 'services', label: 'Services', section: 'Network', kind: 'services' },
  { id: 'ingresses', label: 'Ingresses', section: 'Network', kind: 'ingresses' },
  { id: 'configmaps', label: 'ConfigMaps', section: 'Config', kind: 'configmaps' },
  { id: 'secrets', label: 'Secrets', section: 'Config', kind: 'secrets' },
  { id: 'logs', label: 'Logs', section: 'Tools' },
  { id: 'port-forwards', label: 'Port-forwards', section: 'Tools' },
  { id: 'rollouts', label: 'Rollouts', section: 'Tools' },
  /** One custom resource kind, named by the `crd` parameter (group/version/plural). */
  { id: 'custom', label: 'Custom resource', section: 'Custom' },
] as const satisfies readonly ViewDef[];

export type ViewId = (typeof views)[number]['id'];

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

/** The view that lists a kind (for links to an owner or an involved object). */
export function viewOfKind(kind: string): ViewId | undefined {
  const id = kind.toLowerCase() + 's';
  return views.find((v) => 'kind' in v && v.kind === (id === 'ingresss' ? 'ingresses' : id))?.id;
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
