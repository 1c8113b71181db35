/** Orderings and grouping of event rows, shared by the Events view, the Overview and the detail panel. */
import type { Row } from '../../../shared/resources/rows';

const lastSeen = (row: Row) => String(row.cells['lastSeen'] ?? '');

/** Newest first (ISO timestamps compare as strings). */
export function newestFirst(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => lastSeen(b).localeCompare(lastSeen(a)));
}

/** Repeats of the same reason and message on the same object, as one row with summed counts. */
export function groupRepeats(rows: Row[]): Row[] {
  const groups = new Map<string, Row>();
  for (const row of rows) {
    const key = JSON.stringify([
      row.namespace,
      row.cells['involvedUid'] ?? row.cells['object'],
      row.cells['reason'],
      row.cells['message'],
    ]);
    const seen = groups.get(key);
    if (!seen) {
      groups.set(key, row);
      continue;
    }
    const newer =
      String(row.cells['lastSeen'] ?? '') > String(seen.cells['lastSeen'] ?? '') ? row : seen;
    groups.set(key, {
      ...newer,
      cells: {
        ...newer.cells,
        count: Number(seen.cells['count'] ?? 1) + Number(row.cells['count'] ?? 1),
      },
    });
  }
  return [...groups.values()];
}
