/**
 * A table view's columns with the ones other features provide for its kind (see
 * column-providers.ts): holds each applying provider's data while the view is mounted and
 * releases it when the view or its scope changes.
 */
import { useEffect, useMemo } from 'react';
import type { Column } from '../../../../shared/resources/rows';
import { placeColumns, useColumnProviders, type ColumnScope } from './column-providers';

export function useProvidedColumns(scope: ColumnScope, own: readonly Column[]): readonly Column[] {
  const providers = useColumnProviders(scope.kind);
  const { api, context } = scope;
  // Kinds of custom resources and namespace choices are objects: keyed by value, so a new
  // but equal object neither reopens a feed nor rebuilds the columns.
  const kindKey = JSON.stringify(scope.kind);
  const nsKey = JSON.stringify(scope.namespaces);
  const providerKey = providers.map((p) => p.id).join(',');
  const stableScope = useMemo(
    (): ColumnScope => ({
      api,
      context,
      kind: JSON.parse(kindKey) as ColumnScope['kind'],
      namespaces: JSON.parse(nsKey) as ColumnScope['namespaces'],
    }),
    [api, context, kindKey, nsKey],
  );
  useEffect(() => {
    const releases = providers.map((p) => p.hold(stableScope));
    return () => {
      for (const release of releases) release();
    };
    // providerKey stands for the providers (the composed list is constant per app).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stableScope, providerKey]);
  return useMemo(
    () =>
      providers.length === 0
        ? own
        : placeColumns(
            own,
            providers.map((p) => ({ before: p.before, columns: p.columns(stableScope) })),
          ),
    // providerKey stands for the providers, as above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [own, stableScope, providerKey],
  );
}
