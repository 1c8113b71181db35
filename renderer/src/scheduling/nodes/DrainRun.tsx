import { useEffect, useRef, useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import { applyDrainEvents, drainCounts, drainStart, type DrainProgress } from './drain-progress';
import { drainStateIcon, drainStateText } from './node-dialogs';

/**
 * One drain, live: subscribes to `node.drain` on mount and lists each pod with its state
 * (waiting, evicting, waiting on a PodDisruptionBudget with the API's message, done).
 * Cancel unsubscribes, which stops the drain in main; the node stays cordoned, as after
 * kubectl drain is interrupted.
 */
export function DrainRun(props: {
  api: PilotApi;
  context: string;
  node: string;
  uid: string;
  force: boolean;
  onClose(): void;
}) {
  const { api, context, node, uid, force } = props;
  const [state, setState] = useState<DrainProgress>(drainStart);
  const current = useRef<AbortController>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    current.current = controller;
    api.subscribe(
      'node.drain',
      { context, node, uid, ...(force ? { force } : {}) },
      {
        onBatch: (events) => setState((s) => applyDrainEvents(s, events)),
        onError: (error: PilotErrorData) =>
          setState((s) =>
            error.code === 'Cancelled'
              ? { ...s, phase: 'cancelled' }
              : { ...s, phase: 'failed', message: error.message },
          ),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, context, node, uid, force]);
  const running = state.phase === 'starting' || state.phase === 'draining';
  return (
    <section className="drain-run" aria-label={`Drain of ${node}`}>
      <h4>
        Drain of {node}:{' '}
        <span aria-label="Drain state">
          {state.phase === 'starting' && 'cordoning and listing pods…'}
          {state.phase === 'draining' && drainCounts(state)}
          {state.phase === 'drained' && `✓ ${state.message || `node/${node} drained`}`}
          {state.phase === 'cancelled' && 'cancelled; the node stays cordoned'}
          {state.phase === 'failed' && '✗ failed'}
        </span>
      </h4>
      {state.phase === 'failed' && (
        <p role="alert" className="banner banner-bad">
          {state.message}
        </p>
      )}
      {state.warnings.map((w) => (
        <p key={w} className="banner banner-warning">
          {w}
        </p>
      ))}
      {state.pods.length > 0 && (
        <ol className="drain-list" aria-label="Drain progress">
          {state.pods.map((p) => (
            <li key={p.uid} className={`drain-${p.state}`} aria-label={`${p.namespace}/${p.name}`}>
              <span aria-hidden="true">{drainStateIcon[p.state]} </span>
              <span className="drain-pod">
                {p.namespace}/{p.name}
              </span>{' '}
              <span className="drain-state">{drainStateText(p)}</span>
            </li>
          ))}
        </ol>
      )}
      {state.phase === 'draining' && state.pods.length === 0 && (
        <p className="muted">No pod to evict.</p>
      )}
      {state.skipped.length > 0 && (
        <details>
          <summary>{state.skipped.length} pod(s) left alone</summary>
          <ul>
            {state.skipped.map((s) => (
              <li key={`${s.namespace}/${s.name}`}>
                {s.namespace}/{s.name}: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="dialog-actions">
        {running ? (
          <button
            type="button"
            onClick={() => {
              current.current?.abort();
              setState((s) => ({ ...s, phase: 'cancelled' }));
            }}
          >
            Cancel drain
          </button>
        ) : (
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        )}
      </div>
    </section>
  );
}
