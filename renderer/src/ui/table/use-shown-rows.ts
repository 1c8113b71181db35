/**
 * The rows a table shows, filtered and sorted. What the user changes (the rows arriving,
 * the filter, the sort) is sorted in the render it causes. New values of a provided column
 * (CPU, Memory), while the table is sorted by it, are sorted in the provider's own task,
 * outside React, and drawn in the render React schedules for the next one: at 10,000 rows
 * the sort and the redraw of the rows in view, in one task, took a busy 2-core machine over
 * 50 ms at each metrics round.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Column, Row } from '../../../../shared/resources/rows';
import { providedSortColumn } from './column-providers';
import { RowSorter } from './kept-order';
import { filterAndSort, type SortState } from './row-order';

export function useShownRows(
  rows: Row[],
  columns: readonly Column[],
  text: string,
  status: string,
  sort: SortState,
): Row[] {
  const provided = providedSortColumn(columns, sort.column);
  // Keeps the last sort, from which the next starts when only some rows changed (sortRows).
  const [sorter] = useState(() => new RowSorter());
  const sorted = useMemo(
    () => sorter.sort(rows, columns, { text, status, sort }),
    [sorter, rows, columns, text, status, sort],
  );
  // A re-sort of `sorted`'s inputs with newer values; stale once those inputs change.
  const [resorted, setResorted] = useState<{ of: Row[]; rows: Row[] }>();
  useEffect(() => {
    if (!provided) return undefined;
    return provided.subscribe(() =>
      setResorted({ of: sorted, rows: filterAndSort(rows, columns, { text, status, sort }) }),
    );
  }, [provided, sorted, rows, columns, text, status, sort]);
  return resorted?.of === sorted ? resorted.rows : sorted;
}
