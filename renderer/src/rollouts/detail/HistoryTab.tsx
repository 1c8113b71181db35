import { useEffect, useState } from 'react';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type {
  DiffSide,
  RevisionRow,
  RolloutKind,
  TemplateDiff,
} from '../../../../shared/contract/rollouts';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';
import { Age } from '../../ui/table/ResourceTable';
import { useRolloutHistory } from './use-rollout-history';
import { RollbackDialog } from './RollbackDialog';
import { DiffView } from './DiffView';
import { rolloutKindOf } from './rollout-kind';
import './rollouts.css';

/**
 * The History tab: one row per revision as `kubectl rollout history` lists them, with
 * images, age and the pods on each (live), a "Roll back to revision N" button per row, and
 * a diff between any two revisions or a revision and the live template.
 */
export function HistoryTab(props: SummarySectionProps) {
  const kind = rolloutKindOf(props.target.kind);
  const namespace = props.target.namespace;
  if (!kind || !namespace) return null;
  return <History {...props} kind={kind} namespace={namespace} />;
}

function History({
  api,
  target,
  report,
  kind,
  namespace,
}: SummarySectionProps & { kind: RolloutKind; namespace: string }) {
  const state = useRolloutHistory(api, {
    context: target.context,
    kind,
    namespace,
    name: target.name,
  });
  const [rollbackTo, setRollbackTo] = useState<number>();
  if (state.status === 'loading') return <p className="muted">Loading the history…</p>;
  if (state.status !== 'ready') {
    return (
      <p role="alert" className="banner banner-bad">
        {state.message}
      </p>
    );
  }
  const { revisions, uid } = state.history;
  return (
    <section aria-label="Rollout history">
      {state.problem && <p className="banner banner-warning">{state.problem}</p>}
      {revisions.length === 0 ? (
        <p className="muted">No rollout history found.</p>
      ) : (
        <table className="mini-table history-table" aria-label="Revisions">
          <thead>
            <tr>
              <th>Revision</th>
              <th>Change-cause</th>
              <th>Images</th>
              <th>Created</th>
              <th>Pods</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.revision} aria-label={`Revision ${r.revision}`}>
                <td>
                  {r.revision}
                  {r.current && <span className="badge"> current</span>}
                </td>
                <td className="change-cause">{r.changeCause || '<none>'}</td>
                <td className="images">
                  {r.images.map((image, i) => (
                    <div key={i}>{image}</div>
                  ))}
                </td>
                <td>{r.created ? <Age at={r.created} /> : '—'}</td>
                <td>{r.pods}</td>
                <td>
                  <button type="button" onClick={() => setRollbackTo(r.revision)}>
                    Roll back to revision {r.revision}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revisions.length > 0 && (
        <RevisionDiff
          api={api}
          refs={{ context: target.context, kind, namespace, name: target.name }}
          revisions={revisions}
        />
      )}
      {rollbackTo !== undefined && (
        <RollbackDialog
          api={api}
          target={target}
          kind={kind}
          namespace={namespace}
          revision={rollbackTo}
          uid={uid}
          report={report}
          onClose={() => setRollbackTo(undefined)}
        />
      )}
    </section>
  );
}

function sideValue(side: DiffSide): string {
  return String(side);
}
function parseSide(value: string): DiffSide {
  return value === 'live' ? 'live' : Number(value);
}

/** Two pickers (a revision or "live") and the unified diff of their pod templates. */
function RevisionDiff(props: {
  api: SummarySectionProps['api'];
  refs: { context: string; kind: RolloutKind; namespace: string; name: string };
  revisions: RevisionRow[];
}) {
  const numbers = props.revisions.map((r) => r.revision);
  const [from, setFrom] = useState<DiffSide>(numbers.at(-2) ?? numbers[0] ?? 'live');
  const [to, setTo] = useState<DiffSide>(numbers.at(-1) ?? 'live');
  const { api, refs } = props;
  // Refetched when the pickers change, or the history does (a rollback adds a revision);
  // a result is shown only for the request it answers.
  const requestKey = JSON.stringify([from, to, numbers]);
  const [answer, setAnswer] = useState<{ key: string; diff?: TemplateDiff; error?: string }>();
  const result: { diff?: TemplateDiff; error?: string } = answer?.key === requestKey ? answer : {};
  useEffect(() => {
    const controller = new AbortController();
    api.request('rollout.diff', { ...refs, from, to }, controller.signal).then(
      (diff) => setAnswer({ key: requestKey, diff }),
      (e: PilotErrorData) => {
        if (!controller.signal.aborted) setAnswer({ key: requestKey, error: e.message });
      },
    );
    return () => controller.abort();
    // refs' fields are listed one by one: the object is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, refs.context, refs.kind, refs.namespace, refs.name, from, to, requestKey]);

  const options = [
    ...numbers.map((n) => ({ value: String(n), label: `revision ${n}` })),
    { value: 'live', label: 'live' },
  ];
  return (
    <section aria-label="Revision diff" className="revision-diff">
      <h3>Diff</h3>
      <div className="diff-pickers">
        <label>
          From{' '}
          <select
            aria-label="Diff from"
            value={sideValue(from)}
            onChange={(e) => setFrom(parseSide(e.target.value))}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          To{' '}
          <select
            aria-label="Diff to"
            value={sideValue(to)}
            onChange={(e) => setTo(parseSide(e.target.value))}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.error && (
        <p role="alert" className="banner banner-bad">
          {result.error}
        </p>
      )}
      {!result.error && !result.diff && <p className="muted">Loading the diff…</p>}
      {result.diff && <DiffView diff={result.diff} />}
    </section>
  );
}
