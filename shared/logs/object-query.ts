/**
 * The selector that opens the Logs view on one object from another view: its qualified
 * name (`deploy:team-a/web`) also puts its namespace in scope, whatever the top bar says.
 * Which kinds have logs, and their kail selector, is the kind registry's `logs`.
 */
import type { AnyKind } from '../contract/resources';
import { resolveKind } from '../kube/kinds';

/** The query for an object's logs, or undefined for kinds that have none. */
export function logQueryFor(
  kind: AnyKind,
  namespace: string | undefined,
  name: string,
): string | undefined {
  const def = typeof kind === 'string' ? resolveKind(kind) : undefined;
  if (!def?.logs) return undefined;
  if (!def.namespaced) return `${def.logs}:${name}`;
  return namespace ? `${def.logs}:${namespace}/${name}` : undefined;
}
