import { useMemo, useState } from 'react';
import { stringify } from 'yaml';
import type { FitAnswer, FitKind, FitSubject } from '../../../../shared/contract/scheduling';
import type { SummarySectionProps } from '../../ui/detail/detail-sections';
import { FitMatrix, PreferenceScores } from '../FitMatrix';
import { matrixOf } from '../fit-view';
import { useFit, useWhatIf, type FitState } from '../use-fit';
import { applyFragment, fragmentOf, type WhatIfFragment } from '../what-if';
import { WhatIfForm } from '../WhatIfForm';
import { fitKindOf } from './fit-kind';
import '../scheduling.css';

/**
 * The Scheduling tab of a pod, and of a Deployment's, StatefulSet's, DaemonSet's or Job's
 * pod template: the summary line (kube-scheduler's wording), the scheduler's own latest
 * FailedScheduling message beside it for a Pending pod (marked when they differ), what the
 * engine cannot judge, the matrix, the preference scores; and What-if, which edits a copy
 * of the spec and shows the matrix for it (nothing is created).
 */
export function SchedulingTab(props: SummarySectionProps) {
  const kind = fitKindOf(props.target.kind);
  const namespace = props.target.namespace;
  if (!kind || !namespace) return null;
  // Keyed by the object: another object starts without the last one's what-if edits.
  return (
    <Scheduling
      key={JSON.stringify([props.target.context, kind, namespace, props.target.name])}
      {...props}
      kind={kind}
      namespace={namespace}
    />
  );
}

function Scheduling(props: SummarySectionProps & { kind: FitKind; namespace: string }) {
  const { api, target, object, kind, namespace } = props;
  const [refreshes, setRefreshes] = useState(0);
  const version = `${object.metadata?.resourceVersion ?? ''}/${refreshes}`;
  const fit = useFit(api, { context: target.context, kind, namespace, name: target.name }, version);
  const [fragment, setFragment] = useState<WhatIfFragment>();
  const [resets, setResets] = useState(0);
  const subject = fit.status === 'ready' ? fit.answer.subject : undefined;
  const manifest = useMemo(
    () => (subject && fragment ? whatIfManifest(subject, fragment) : undefined),
    [subject, fragment],
  );
  const whatIf = useWhatIf(api, target.context, namespace, manifest);
  const [lastWhatIf, setLastWhatIf] = useState<FitAnswer>();
  if (whatIf?.status === 'ready' && whatIf.answer !== lastWhatIf) setLastWhatIf(whatIf.answer);

  const editing = fragment !== undefined;
  return (
    <section aria-label="Scheduling" className="scheduling-tab">
      <div className="scheduling-bar">
        <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
          Refresh
        </button>
        <button
          type="button"
          aria-pressed={editing}
          disabled={!subject}
          onClick={() => {
            if (editing) setFragment(undefined);
            else if (subject) setFragment(fragmentOf(subject.spec));
            setLastWhatIf(undefined);
          }}
        >
          {editing ? 'Close what-if' : 'What if…'}
        </button>
        {kind !== 'pods' && (
          <span className="muted">The pod its controller would create from the template.</span>
        )}
      </div>
      {fit.status === 'loading' && <p className="muted">Judging every node…</p>}
      {fit.status === 'error' && (
        <p role="alert" className="banner banner-bad">
          {fit.message}
        </p>
      )}
      {fit.status === 'ready' && editing && subject && (
        <>
          <WhatIfForm
            key={resets}
            fragment={fragment}
            onChange={setFragment}
            onReset={() => {
              setFragment(fragmentOf(subject.spec));
              setResets((n) => n + 1);
            }}
          />
          <WhatIfResult state={whatIf} last={lastWhatIf} />
        </>
      )}
      {fit.status === 'ready' && !editing && <FitAnswerView answer={fit.answer} />}
    </section>
  );
}

/** The what-if answer; while a newer one is asked, the last stays shown (marked as updating). */
function WhatIfResult({
  state,
  last,
}: {
  state: FitState | undefined;
  last: FitAnswer | undefined;
}) {
  return (
    <div className="what-if-result" aria-busy={state?.status === 'loading'}>
      <p className="banner banner-warning">
        What-if: the edited pod is judged against the cluster as it is; nothing is created.
      </p>
      {state?.status === 'error' && (
        <p role="alert" className="banner banner-bad">
          {state.message}
        </p>
      )}
      {last ? (
        <FitAnswerView answer={last} whatIf />
      ) : (
        state?.status === 'loading' && <p className="muted">Judging the edited pod…</p>
      )}
    </div>
  );
}

/** The summary, the scheduler's message, notes, the matrix and the preference scores. */
export function FitAnswerView({ answer, whatIf }: { answer: FitAnswer; whatIf?: boolean }) {
  const model = useMemo(() => matrixOf(answer.result), [answer.result]);
  const scheduler = whatIf ? null : answer.scheduler;
  return (
    <>
      <div className="fit-verdicts">
        <div className="fit-verdict">
          <h3>{whatIf ? 'Pilothouse (what-if)' : 'Pilothouse'}</h3>
          <p className="fit-summary" aria-label="Fit summary">
            <span aria-hidden="true">{model.feasible.length > 0 ? '✓ ' : '✗ '}</span>
            {model.summary}
          </p>
          {model.feasible.length > 0 && (
            <p className="muted" aria-label="Feasible nodes">
              Fits on {model.feasible.length === 1 ? 'node' : 'nodes'}{' '}
              {model.feasible.slice(0, 20).join(', ')}
              {model.feasible.length > 20 ? ` and ${model.feasible.length - 20} more` : ''}
            </p>
          )}
        </div>
        {scheduler && (
          <div className={`fit-verdict scheduler ${scheduler.differs ? 'differs' : 'same'}`}>
            <h3>kube-scheduler</h3>
            <p className="fit-summary" aria-label="Scheduler message">
              {scheduler.message}
            </p>
            <p className="fit-agreement" aria-label="Agreement">
              {scheduler.differs
                ? '⚠ Differs from Pilothouse: the cluster may have changed since, or the engine misjudges (see the notes).'
                : '✓ Same as Pilothouse (the preemption part left aside).'}
              {scheduler.count > 1 ? ` Said ${scheduler.count} times.` : ''}
            </p>
          </div>
        )}
      </div>
      {(model.notes.length > 0 || answer.warnings.length > 0) && (
        <ul className="fit-notes" aria-label="Cannot judge">
          {model.notes.map((n) => (
            <li key={n}>
              <span aria-hidden="true">? </span>Cannot judge: {n}
            </li>
          ))}
          {answer.warnings.map((w) => (
            <li key={w}>
              <span aria-hidden="true">⚠ </span>
              {w}
            </li>
          ))}
        </ul>
      )}
      {model.rows.length === 0 ? (
        <p className="empty-state">This cluster has no nodes: nothing can be scheduled.</p>
      ) : (
        <FitMatrix model={model} />
      )}
      {model.feasible.length > 0 && (
        <>
          <h3>Preferences of the nodes that fit</h3>
          <PreferenceScores model={model} />
        </>
      )}
    </>
  );
}

/** The edited pod as a Pod manifest for `scheduling.whatIf`: same namespace and labels. */
export function whatIfManifest(subject: FitSubject, fragment: WhatIfFragment): string {
  return stringify(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: subject.name || 'what-if',
        namespace: subject.namespace,
        labels: subject.labels,
      },
      spec: applyFragment(subject.spec, fragment),
    },
    { lineWidth: 0 },
  );
}
