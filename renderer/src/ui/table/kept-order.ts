/**
 * A table's order kept from one publish to the next: a publish that changes a few rows
 * patches the last order instead of filtering and sorting every row again (row-order.ts
 * does that, and is what this must always agree with).
 */
import type { Column, Row } from '../../../../shared/resources/rows';
import { isProvided } from './column-providers';
import {
  filterAndSort,
  keeps,
  rowComparator,
  sortColumn,
  sortKey,
  tieKey,
  type ShownOptions,
} from './row-order';

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
 * namespace/name (filterAndSort then keeps the store's order).
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
    if (k > 0 && compare(coming[k - 1]!, row) === 0) return undefined;
    let lo = k > 0 ? places[k - 1]! : 0;
    let hi = base.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(base[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo < base.length && compare(base[lo]!, row) === 0) return undefined;
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

/** sortRows with its last result kept, for a table that sorts again as its rows change. */
export class RowSorter {
  private last: SortedRows | undefined;

  sort(rows: Row[], columns: readonly Column[], options: ShownOptions): Row[] {
    this.last = sortRows(rows, columns, options, this.last);
    return this.last.shown;
  }
}
