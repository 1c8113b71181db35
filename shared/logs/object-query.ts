/**
 * The selector that opens the Logs view on one object from another view: its qualified
 * name (`deploy:team-a/web`) also puts its namespace in scope, whatever the top bar says.
 */
import type { AnyKind } from '../contract/resources';

const selectorOfKind: Partial<Record<string, string>> = {
  pods: 'pod',
  deployments: 'deploy',
  statefulsets: 'sts',
  daemonsets: 'ds',
  replicasets: 'rs',
  jobs: 'job',
  services: 'svc',
  ingresses: 'ing',
  nodes: 'node',
};

/** The query for an object's logs, or undefined for kinds that have none. */
export function logQueryFor(
  kind: AnyKind,
  namespace: string | undefined,
  name: string,
): string | undefined {
  if (typeof kind !== 'string') return undefined;
  const selector = selectorOfKind[kind];
  if (!selector) return undefined;
  if (kind === 'nodes') return `node:${name}`;
  return namespace ? `${selector}:${namespace}/${name}` : undefined;
}
