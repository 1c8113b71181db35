/**
 * Orders a batch of lines by their kubelet timestamps. Containers stream independently, so
 * the lines of one batch arrive grouped by container (the tail of each, one after another);
 * sorting each batch interleaves them as they happened. Stable, so each container's own
 * order is never changed (its timestamps only grow; untimed lines keep their place).
 */
import type { LogLine } from '../../shared/contract/logs';
import { timeKey } from './resume';

export function sortByTime(lines: LogLine[]): LogLine[] {
  if (lines.length < 2) return lines;
  let last = '';
  const keyed = lines.map((line) => {
    const key = timeKey(line[1]) || last;
    last = key;
    return { line, key };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.line);
}
