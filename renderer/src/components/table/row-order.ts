/**
 * Filtering and sorting of table rows: pure functions, so they are unit-tested and cheap
 * to memoise. Sort keys are computed once per row, then compared.
 */
import type { Column, Row } from '../../../../shared/resources/rows';

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function cellValue(row: Row, column: Column): string | number | null {
  if (column.id === 'name') return row.name;
  if (column.id === 'namespace') return row.namespace ?? null;
  if (column.type === 'age')
    return column.id === 'age' ? (row.created ?? null) : (row.cells[column.id] ?? null);
  return row.cells[column.id] ?? null;
}

/** Case-insensitive match on name, namespace, any cell, and labels ("app=web" works too). */
export function matchesText(row: Row, needle: string): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  if (row.name.toLowerCase().includes(n) || row.namespace?.toLowerCase().includes(n)) return true;
  for (const v of Object.values(row.cells))
    if (v !== null && String(v).toLowerCase().includes(n)) return true;
  if (row.labels)
    for (const [k, v] of Object.entries(row.labels))
      if (`${k}=${v}`.toLowerCase().includes(n)) return true;
  return false;
}

export function filterAndSort(
  rows: Row[],
  columns: Column[],
  options: { text: string; status: string; sort: SortState },
): Row[] {
  const column = columns.find((c) => c.id === options.sort.column) ?? columns[0]!;
  const kept = rows.filter(
    (r) => (!options.status || r.status === options.status) && matchesText(r, options.text.trim()),
  );
  const keyed = kept.map((row) => ({ row, key: cellValue(row, column) }));
  const sign = options.sort.direction === 'asc' ? 1 : -1;
  // Ages sort by timestamp: the newest (smallest age) first when ascending.
  const ageSign = column.type === 'age' ? -1 : 1;
  keyed.sort((a, b) => {
    let c: number;
    if (a.key === null || b.key === null) c = a.key === b.key ? 0 : a.key === null ? 1 : -1;
    else if (typeof a.key === 'number' && typeof b.key === 'number') c = (a.key - b.key) * sign;
    else c = collator.compare(String(a.key), String(b.key)) * sign * ageSign;
    if (c === 0)
      c =
        collator.compare(a.row.namespace ?? '', b.row.namespace ?? '') ||
        collator.compare(a.row.name, b.row.name);
    return c;
  });
  return keyed.map((k) => k.row);
}

/** The distinct statuses present, most common first, for the status filter. */
export function statusCounts(rows: Row[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.status) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
