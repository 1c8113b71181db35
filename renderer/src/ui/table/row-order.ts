/**
 * Filtering and sorting of table rows: pure functions, so they are unit-tested and cheap
 * to memoise. Sort keys are computed once per row, then compared.
 */
import type { Column, Row } from '../../../../shared/resources/rows';
import { isProvided } from './column-providers';
import { numericOrder } from './numeric-order';
import { perRow } from './row-cache';

export interface SortState {
  column: string;
  direction: 'asc' | 'desc';
}

/**
 * A key that sorts "web-9" before "web-10" and ignores case with plain `<`: digit runs are
 * zero-padded. Computed once per row per sort; comparing keys is far cheaper than
 * Intl.Collator on 10,000 rows (it keeps a re-sort under churn below a frame budget).
 */
export function naturalKey(value: string): string {
  return value.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}

const nameKey = perRow((r) => naturalKey(r.name));
const tieKey = perRow((r) => naturalKey(`${r.namespace ?? ''}/${r.name}`));

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function cellValue(row: Row, column: Column): string | number | null {
  if (isProvided(column)) return column.sortValue(row);
  if (column.id === 'name') return row.name;
  if (column.id === 'namespace') return row.namespace ?? null;
  if (column.type === 'age')
    return column.id === 'age' ? (row.created ?? null) : (row.cells[column.id] ?? null);
  return row.cells[column.id] ?? null;
}

/**
 * Case-insensitive match on name, namespace, any cell, any hidden fact (a pod's pending
 * reason, a service's selector, an event's object) and labels ("app=web" works too).
 */
export function matchesText(row: Row, needle: string): boolean {
  if (!needle) return true;
  const n = needle.toLowerCase();
  if (row.name.toLowerCase().includes(n) || row.namespace?.toLowerCase().includes(n)) return true;
  for (const v of Object.values(row.cells))
    if (v !== null && String(v).toLowerCase().includes(n)) return true;
  if (row.facts)
    for (const v of Object.values(row.facts)) {
      const values = typeof v === 'object' ? Object.values(v) : [v];
      if (values.some((x) => String(x).toLowerCase().includes(n))) return true;
    }
  if (row.labels)
    for (const [k, v] of Object.entries(row.labels))
      if (`${k}=${v}`.toLowerCase().includes(n)) return true;
  return false;
}

/**
 * The rows in tie order (namespace/name, natural), cached per rows array. Sorting these
 * with a stable sort on the column's key alone gives the same order as comparing the key
 * and then the tie, without a string comparison per pair: a CPU column re-sorted at every
 * metrics round compares numbers only, while the rows themselves have not changed.
 */
const tieOrders = new WeakMap<Row[], Row[]>();
function inTieOrder(rows: Row[]): Row[] {
  let ordered = tieOrders.get(rows);
  if (!ordered) {
    ordered = [...rows].sort((a, b) => byKey(tieKey(a), tieKey(b)));
    tieOrders.set(rows, ordered);
  }
  return ordered;
}

type ShownOptions = { text: string; status: string; sort: SortState };

/** The column a table is sorted by (the first when the sort names none of them). */
const sortColumn = (columns: readonly Column[], options: ShownOptions) =>
  columns.find((c) => c.id === options.sort.column) ?? columns[0]!;

/** Whether a row passes the table's status and text filters. */
function keeps(options: { text: string; status: string }): (row: Row) => boolean {
  const text = options.text.trim();
  return (r) => (!options.status || r.status === options.status) && matchesText(r, text);
}

/** A result of {@link sortRows}: what went in, and the rows shown. */
export interface SortedRows {
  input: Row[];
  columns: readonly Column[];
  /** The options as a string, so that equal options compare equal. */
  options: string;
  shown: Row[];
}

/**
 * filterAndSort, kept from one call to the next. A store's rows keep their positions when
 * they are updated (a Map's order), new rows come at the end, and an update under churn (a
 * label, an annotation, a status) rarely changes the sort key. So the rows are compared
 * with last time's, place by place: a row with the same uid, key and filter verdict keeps
 * its place in the order; rows that came, went or changed key are taken out and put in
 * where they sort. At 50,000 rows, filtering and sorting them all again at each publish
 * took 50-140 ms of a busy 2-core machine's time, and one new pod (a CronJob's) was enough
 * to cause it (BENCHMARKS.md, "50,000 pods"). Columns whose values come from elsewhere
 * (CPU, memory) change without their rows: they are sorted in full, as is a change too
 * large to patch.
 */
export function sortRows(
  rows: Row[],
  columns: readonly Column[],
  options: ShownOptions,
  previous: SortedRows | undefined,
): SortedRows {
  const key = JSON.stringify([options.text, options.status, options.sort]);
  const column = sortColumn(columns, options);
  const shown =
    (previous && previous.options === key && previous.columns === columns && !isProvided(column)
      ? patched(previous, rows, column, options)
      : undefined) ?? filterAndSort(rows, columns, options);
  return { input: rows, columns, options: key, shown };
}

/** Rows that came, went or changed key beyond which a full sort is cheaper than patching. */
const patchLimit = (rows: number) => Math.max(64, rows >> 5);

/** What changed from `before` to `rows`, as {@link sortRows} sees it. */
interface RowChanges {
  /** Rows updated in place: same uid, sort key, tie and verdict. */
  replaced: Map<Row, Row>;
  /** Rows of `before` gone or changed in a way that can move them. */
  removed: Set<Row>;
  /** Their successors, and the rows that are new. */
  added: Row[];
}

/** The changes from `before` to `rows`, or undefined when there are too many to patch. */
function changes(
  before: Row[],
  rows: Row[],
  column: Column,
  keep: (row: Row) => boolean,
): RowChanges | undefined {
  const replaced = new Map<Row, Row>();
  const removed = new Set<Row>();
  const added: Row[] = [];
  const limit = patchLimit(rows.length);
  let i = 0;
  let j = 0;
  while (i < before.length && j < rows.length) {
    const a = before[i]!;
    const b = rows[j]!;
    if (a === b) {
      i++;
      j++;
    } else if (a.uid === b.uid) {
      const same =
        keep(a) === keep(b) && sortKey(a, column) === sortKey(b, column) && tieKey(a) === tieKey(b);
      if (same) replaced.set(a, b);
      else {
        removed.add(a);
        added.push(b);
      }
      i++;
      j++;
    } else {
      // Gone from here: deleted, or deleted and added again (then it comes as new).
      removed.add(a);
      i++;
    }
    if (removed.size + added.length > limit) return undefined;
  }
  while (i < before.length) removed.add(before[i++]!);
  while (j < rows.length) added.push(rows[j++]!);
  return removed.size + added.length > limit ? undefined : { replaced, removed, added };
}

/**
 * Last time's order with the changes applied, exactly as filterAndSort would order the
 * rows, or undefined where that is not certain: a row that ties another on key and on
 * namespace/name (filterAndSort then keeps the store's order), or a key that is NaN.
 */
function patched(
  previous: SortedRows,
  rows: Row[],
  column: Column,
  options: ShownOptions,
): Row[] | undefined {
  const keep = keeps(options);
  const diff = changes(previous.input, rows, column, keep);
  if (!diff) return undefined;
  const { replaced, removed, added } = diff;
  const base =
    removed.size === 0 && replaced.size === 0
      ? previous.shown
      : previous.shown.filter((r) => !removed.has(r)).map((r) => replaced.get(r) ?? r);
  const compare = rowComparator(column, options.sort.direction);
  const coming = added.filter(keep).sort(compare);
  if (coming.length === 0) return base;
  // Where each goes: before the first row that sorts after it.
  const places: number[] = [];
  for (let k = 0; k < coming.length; k++) {
    const row = coming[k]!;
    if (k > 0 && !(compare(coming[k - 1]!, row) < 0)) return undefined;
    let lo = k > 0 ? places[k - 1]! : 0;
    let hi = base.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compare(base[mid]!, row);
      if (Number.isNaN(c)) return undefined;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < base.length && !(compare(base[lo]!, row) > 0)) return undefined;
    places.push(lo);
  }
  const shown: Row[] = [];
  let from = 0;
  for (let k = 0; k < coming.length; k++) {
    for (; from < places[k]!; from++) shown.push(base[from]!);
    shown.push(coming[k]!);
  }
  for (; from < base.length; from++) shown.push(base[from]!);
  return shown;
}

/**
 * The order filterAndSort gives, as a comparison: the column's key (nulls last either way),
 * then namespace/name. NaN where a key is NaN.
 */
function rowComparator(column: Column, direction: SortState['direction']) {
  const sign = direction === 'asc' ? 1 : -1;
  const ageSign = column.type === 'age' ? -1 : 1;
  return (a: Row, b: Row): number =>
    compareKeys(sortKey(a, column), sortKey(b, column), sign, ageSign) ||
    byKey(tieKey(a), tieKey(b));
}

/** Two sort keys in the column's direction; ages newest first when ascending. */
function compareKeys(
  a: string | number | null,
  b: string | number | null,
  sign: number,
  ageSign: number,
): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * sign;
  return byKey(String(a), String(b)) * sign * ageSign;
}

/** sortRows with its last result kept, for a table that sorts again as its rows change. */
export class RowSorter {
  private last: SortedRows | undefined;

  sort(rows: Row[], columns: readonly Column[], options: ShownOptions): Row[] {
    this.last = sortRows(rows, columns, options, this.last);
    return this.last.shown;
  }
}

/** What a row is sorted by in `column` (besides the namespace/name tie). */
function sortKey(row: Row, column: Column): string | number | null {
  if (column.id === 'name') return nameKey(row);
  if (column.id === 'namespace') return tieKey(row);
  const value = cellValue(row, column);
  return typeof value === 'string' && column.type !== 'age' ? naturalKey(value) : value;
}

export function filterAndSort(
  rows: Row[],
  columns: readonly Column[],
  options: ShownOptions,
): Row[] {
  const column = sortColumn(columns, options);
  // By name, the key and the tie are both strings: one sort comparing both costs less than
  // sorting into tie order first. Every other column starts from the cached tie order.
  const byName = column.id === 'name';
  const kept = (byName ? rows : inTieOrder(rows)).filter(keeps(options));
  const keys = kept.map((row) => sortKey(row, column));
  // Numbers (restarts, CPU, memory) sort without a comparator: a table sorted by CPU
  // re-sorts every row at each metrics round. The kept rows are in tie order already.
  if (!byName && keys.every((k) => k === null || typeof k === 'number'))
    return Array.from(
      numericOrder(keys as (number | null)[], options.sort.direction),
      (i) => kept[i]!,
    );
  const sign = options.sort.direction === 'asc' ? 1 : -1;
  // Ages sort by timestamp: the newest (smallest age) first when ascending.
  const ageSign = column.type === 'age' ? -1 : 1;
  // Array.prototype.sort is stable: rows with equal keys keep the tie order they came in.
  const order = kept.map((_, i) => i);
  order.sort((i, j) => {
    const c = compareKeys(keys[i]!, keys[j]!, sign, ageSign);
    return c === 0 && byName ? byKey(tieKey(kept[i]!), tieKey(kept[j]!)) : c;
  });
  return order.map((i) => kept[i]!);
}

/** The distinct statuses present, most common first, for the status filter. */
export function statusCounts(rows: Row[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.status) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
