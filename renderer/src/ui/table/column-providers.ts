/**
 * Columns a feature adds to other features' tables (metrics adds CPU and Memory to the
 * Pods, Nodes and workload tables) without either importing the other: the shell composes
 * the providers (shell/composition.ts) and hands them down through
 * `ColumnProvidersContext`; a table view asks which apply to its kind and holds them while
 * it is mounted. A provided column's values live outside the rows (in the provider's own
 * store): its cells read them per visible row, and sorting by it asks `sortValue`.
 */
import { createContext, useContext, type ComponentType } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { NamespaceChoice } from '../../../../shared/contract/cluster';
import type { AnyKind } from '../../../../shared/contract/resources';
import type { Column, Row } from '../../../../shared/resources/rows';

/** One column a provider adds, with how to draw and sort it. */
export interface ProvidedColumn extends Column {
  /** Draws the cell; it subscribes to its own row's value, so updates skip the table. */
  Cell: ComponentType<{ row: Row }>;
  /** The number to sort by; null sorts last. */
  sortValue(row: Row): number | null;
  /** Fires when sort values may have changed; the table re-sorts only while sorted by this column. */
  subscribe(listener: () => void): () => void;
}

/** What a table view tells a provider: the scope it lists. */
export interface ColumnScope {
  api: PilotApi;
  context: string;
  kind: AnyKind;
  namespaces: NamespaceChoice;
}

export interface ColumnProvider {
  /** Unique across providers; a handle for tests. */
  id: string;
  /** Whether it adds columns to this kind's table (checked before `open`). */
  applies(kind: AnyKind): boolean;
  /**
   * The columns for this scope: cheap and side-effect free (the same scope gives columns
   * reading the same store), so a view may compute them while rendering.
   */
  columns(scope: ColumnScope): readonly ProvidedColumn[];
  /**
   * Starts whatever feeds the columns while a view shows them (from an effect); returns
   * the release. Shared by scope inside the provider.
   */
  hold(scope: ColumnScope): () => void;
  /**
   * Where the columns go: before the column with this id (Status, Age), or at the end when
   * the table has no such column.
   */
  before?: readonly string[];
}

export const ColumnProvidersContext = createContext<readonly ColumnProvider[]>([]);

export function useColumnProviders(kind: AnyKind): readonly ColumnProvider[] {
  return useContext(ColumnProvidersContext).filter((p) => p.applies(kind));
}

/** The table's columns with each provider's added in its place. */
export function placeColumns(
  columns: readonly Column[],
  provided: readonly { before?: readonly string[] | undefined; columns: readonly Column[] }[],
): Column[] {
  const out = [...columns];
  for (const p of provided) {
    const at = out.findIndex((c) => p.before?.includes(c.id));
    out.splice(at < 0 ? out.length : at, 0, ...p.columns);
  }
  return out;
}

export function isProvided(column: Column): column is ProvidedColumn {
  return 'Cell' in column && 'sortValue' in column;
}

/** The provided column a table is sorted by, if it is sorted by one. */
export function providedSortColumn(
  columns: readonly Column[],
  sortColumn: string,
): ProvidedColumn | undefined {
  const column = columns.find((c) => c.id === sortColumn);
  return column && isProvided(column) ? column : undefined;
}
