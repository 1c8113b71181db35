/** Orderings and grouping of event rows, shared by the Events view, the Overview and the detail panel. */
import type { Row } from '../../../shared/resources/rows';
import { eventCells, withEventCells } from '../../../shared/resources/cluster';

const lastSeen = (row: Row) => eventCells(row).lastSeen ?? '';

/** Newest first (ISO timestamps compare as strings). */
export function newestFirst(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => lastSeen(b).localeCompare(lastSeen(a)));
}

/** Repeats of the same reason and message on the same object, as one row with summed counts. */
export function groupRepeats(rows: Row[]): Row[] {
  const groups = new Map<string, Row>();
  for (const row of rows) {
    const e = eventCells(row);
    const key = JSON.stringify([
      row.namespace,
      row.facts?.involved?.uid ?? e.object,
      e.reason,
      e.message,
    ]);
    const seen = groups.get(key);
    if (!seen) {
      groups.set(key, row);
      continue;
    }
    const newer = lastSeen(row) > lastSeen(seen) ? row : seen;
    groups.set(key, withEventCells(newer, { count: eventCells(seen).count + e.count }));
  }
  return [...groups.values()];
}
