/**
 * The URL's hash holds the view, the context and the namespaces, so every view can be
 * bookmarked and shared: `#/pods?context=pilothouse-admin&ns=team-a,team-b` (`ns=all`).
 */
import type { NamespaceChoice } from '../../../shared/contract/model';

export const views = [
  { id: 'overview', label: 'Overview' },
  { id: 'workloads', label: 'Workloads' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'logs', label: 'Logs' },
  { id: 'events', label: 'Events' },
  { id: 'port-forwards', label: 'Port-forwards' },
  { id: 'rollouts', label: 'Rollouts' },
] as const;

export type ViewId = (typeof views)[number]['id'];

export interface Route {
  view: ViewId;
  context?: string;
  namespaces?: NamespaceChoice;
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
  return route;
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams();
  if (route.context) params.set('context', route.context);
  if (route.namespaces) {
    params.set('ns', route.namespaces.all ? 'all' : route.namespaces.namespaces.join(','));
  }
  const query = params.toString().replace(/%2C/g, ',');
  return `#/${route.view}${query ? `?${query}` : ''}`;
}
