/**
 * A table view's columns with the ones other features provide for its kind (see
 * column-providers.ts): holds each applying provider's data while the view is mounted and
 * releases it when the view or its scope changes.
 *
 * The providers' data is held only once the table's own list is in (`listed`): their
 * streams (metrics: a second watch of every pod and a PodMetrics list) would otherwise be
 * parsed by the same process at the same time as the list the user waits for, which made
 * 10,000 pods take 5.0 s instead of 3.2 s (BENCHMARKS.md, "Views"). Their columns show
 * from the start, empty until the data comes.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Column } from '../../../../shared/resources/rows';
import { placeColumns, useColumnProviders, type ColumnScope } from './column-providers';

export function useProvidedColumns(
  scope: ColumnScope,
  own: readonly Column[],
  listed: boolean,
): readonly Column[] {
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
  // Latched per scope: a relist later (a reconnect) does not release what is held.
  const [listedScope, setListedScope] = useState<ColumnScope | undefined>(undefined);
  if (listed && listedScope !== stableScope) setListedScope(stableScope);
  const hold = listedScope === stableScope;
  useEffect(() => {
    if (!hold) return;
    const releases = providers.map((p) => p.hold(stableScope));
    return () => {
      for (const release of releases) release();
    };
    // providerKey stands for the providers (the composed list is constant per app).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stableScope, providerKey, hold]);
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
