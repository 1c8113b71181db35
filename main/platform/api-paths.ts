import type { KindDef } from '../../shared/kube/kinds';

/** The collection URL of a kind, cluster-wide or in one namespace. */
export function collectionPath(
  kind: Pick<KindDef, 'group' | 'version' | 'plural' | 'namespaced'>,
  namespace?: string,
): string {
  const prefix = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  const ns = kind.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${prefix}${ns}/${kind.plural}`;
}

/** The URL of one object. */
export function objectPath(
  kind: Pick<KindDef, 'group' | 'version' | 'plural' | 'namespaced'>,
  namespace: string | undefined,
  name: string,
): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}
