/**
 * The CPU and Memory columns the metrics feature adds to the Pods, Nodes and workload
 * tables, through the table's column providers (ui/table/column-providers.ts): the
 * resources feature never imports metrics. Cells read the usage store per visible row;
 * sorting reads it for every row, only while sorted by one of these columns.
 */
import { createElement } from 'react';
import type { AnyKind } from '../../../shared/contract/resources';
import type { MetricsInclude } from '../../../shared/contract/metrics';
import { workloadKindIds } from '../../../shared/contract/values';
import type { Row } from '../../../shared/resources/rows';
import type { ColumnProvider, ColumnScope, ProvidedColumn } from '../ui/table/column-providers';
import { perRow } from '../ui/table/row-cache';
import { holdUsage, nodeKey, podKey, usageFeedSpec, workloadKey } from './usage-feed';
import { UsageCell, type UsageResource } from './UsageCell';
import type { UsageStore } from './usage-store';

/** What a kind's rows map to in the metrics stream, or undefined for kinds without usage. */
export function usageKindOf(
  kind: AnyKind,
): { include: MetricsInclude; keyOf(row: Row): string } | undefined {
  if (typeof kind !== 'string') return undefined;
  if (kind === 'pods') return { include: 'pods', keyOf: (r) => podKey(r.namespace ?? '', r.name) };
  if (kind === 'nodes') return { include: 'nodes', keyOf: (r) => nodeKey(r.name) };
  if ((workloadKindIds as readonly string[]).includes(kind))
    return { include: 'workloads', keyOf: (r) => workloadKey(kind, r.namespace ?? '', r.name) };
  return undefined;
}

// Columns per feed key and kind: the same scope gives the same column objects (and so the
// same Cell components), so a re-render never remounts every cell.
const built = new WeakMap<UsageStore, Map<string, readonly ProvidedColumn[]>>();

function usageColumn(
  store: UsageStore,
  storeKey: (row: Row) => string,
  resource: UsageResource,
  label: string,
): ProvidedColumn {
  const Cell = ({ row }: { row: Row }) =>
    createElement(UsageCell, { store, storeKey: storeKey(row), resource });
  Cell.displayName = `UsageCell(${resource})`;
  return {
    id: resource === 'cpu' ? 'cpu-usage' : 'memory-usage',
    label,
    type: 'number',
    width: 1.3,
    align: 'end',
    Cell,
    sortValue: (row) => {
      const usage = store.get(storeKey(row));
      if (!usage) return null;
      return resource === 'cpu' ? usage.cpuMilli : usage.memoryBytes;
    },
    subscribe: store.subscribeAll,
  };
}

/**
 * The benchmark's baseline (e2e/bench/metrics.ts) measures the same tables without these
 * columns: `localStorage['pilothouse.metricColumns'] = 'off'` leaves them out. No UI sets it.
 */
function columnsEnabled(): boolean {
  try {
    return globalThis.localStorage?.getItem('pilothouse.metricColumns') !== 'off';
  } catch {
    return true;
  }
}

export const metricColumnProvider: ColumnProvider = {
  id: 'metrics',
  applies: (kind) => columnsEnabled() && usageKindOf(kind) !== undefined,
  // Before the age and the node's allocatable figures, after the status.
  before: ['cpu', 'age'],
  columns(scope: ColumnScope) {
    const of = usageKindOf(scope.kind)!;
    const { store } = usageFeedSpec(scope.api, scope.context, of.include, scope.namespaces).empty;
    let byKind = built.get(store);
    if (!byKind) built.set(store, (byKind = new Map()));
    const id = String(scope.kind);
    let columns = byKind.get(id);
    if (!columns) {
      // Nodes already show allocatable CPU and Memory: their usage columns say "usage".
      const suffix = of.include === 'nodes' ? ' usage' : '';
      // Built once per row: sorting by a usage column looks every row up at each round.
      const keyOf = perRow(of.keyOf);
      columns = [
        usageColumn(store, keyOf, 'cpu', `CPU${suffix}`),
        usageColumn(store, keyOf, 'memory', `Memory${suffix}`),
      ];
      byKind.set(id, columns);
    }
    return columns;
  },
  hold(scope) {
    const of = usageKindOf(scope.kind)!;
    return holdUsage(
      scope.api,
      usageFeedSpec(scope.api, scope.context, of.include, scope.namespaces),
    );
  },
};
