import type { RolloutRow } from '../../../shared/contract/rollouts';
import { progressText } from '../../../shared/rollouts/rollout-row';

/**
 * Old vs new revision as one bar: the new revision's pods, then the old revisions', against
 * what is desired (or more, while surging). Ready and available are totals in the status
 * (not per revision), so they are told in the text, not drawn. Screen readers get the
 * numbers as text: "3 of 5 updated, 4 ready, 4 available, 2 old".
 */
export function ProgressBar({ row }: { row: RolloutRow }) {
  const total = Math.max(row.desired, row.updated + row.old, 1);
  const pct = (n: number) => `${(100 * n) / total}%`;
  const text = progressText(row);
  return (
    <span className="rollout-progress" role="img" aria-label={text} title={text}>
      <span className="rollout-bar" aria-hidden="true">
        <span className="seg seg-new" style={{ width: pct(row.updated) }} />
        <span className="seg seg-old" style={{ width: pct(row.old) }} />
      </span>
      <span className="rollout-count" aria-hidden="true">
        {row.updated}/{row.desired}
        {row.old > 0 ? ` +${row.old} old` : ''}
      </span>
    </span>
  );
}
