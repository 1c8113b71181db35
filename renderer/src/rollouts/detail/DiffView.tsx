import type { TemplateDiff } from '../../../../shared/contract/rollouts';
import { diffLines } from './diff-lines';

/** A unified diff, added lines green and removed ones red; the text is only ever text. */
export function DiffView({ diff }: { diff: TemplateDiff }) {
  if (diff.patch === '') {
    return (
      <p className="muted" aria-label="Diff">
        The pod templates of {diff.from} and {diff.to} are the same.
      </p>
    );
  }
  return (
    <>
      <pre className="rollout-diff" aria-label="Diff">
        {diffLines(diff.patch).map((line, i) => (
          <span key={i} className={`diff-${line.kind}`}>
            {line.text}
            {'\n'}
          </span>
        ))}
      </pre>
      {diff.truncated && <p className="muted">The diff is cut: it is longer than 256 KiB.</p>}
    </>
  );
}
