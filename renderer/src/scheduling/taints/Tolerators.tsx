import type { TaintsView } from '../../../../shared/contract/scheduling';
import { taintText } from '../nodes/node-dialogs';
import { tolerationsOfKey } from './taint-table';

/**
 * Who tolerates the taints of one key: per distinct taint (value and effect), the nodes
 * that carry it and the workloads (or bare pods) whose pods tolerate it.
 */
export function Tolerators(props: { view: TaintsView; taintKey: string; onClose(): void }) {
  const entries = tolerationsOfKey(props.view, props.taintKey);
  return (
    <section className="tolerators" aria-label={`Who tolerates ${props.taintKey}`}>
      <header className="tolerators-head">
        <h2>Who tolerates {props.taintKey}</h2>
        <button type="button" aria-label="Close tolerations" onClick={props.onClose}>
          ✕
        </button>
      </header>
      {entries.length === 0 && <p className="muted">No node carries this taint any more.</p>}
      {entries.map((e) => (
        <div key={taintText(e.taint)} className="tolerator">
          <h3>
            <code>{taintText(e.taint)}</code>{' '}
            <span className="muted">
              on {e.nodes.length === 1 ? 'node' : 'nodes'} {e.nodes.join(', ')}
            </span>
          </h3>
          {e.workloads.length === 0 ? (
            <p>No workload tolerates it.</p>
          ) : (
            <ul aria-label={`Tolerating ${taintText(e.taint)}`}>
              {e.workloads.map((w) => (
                <li key={`${w.kind}/${w.namespace}/${w.name}`}>
                  {w.kind} {w.namespace}/{w.name}
                </li>
              ))}
            </ul>
          )}
          {e.truncated && <p className="muted">More workloads tolerate it than are listed.</p>}
        </div>
      ))}
    </section>
  );
}
