import { memo, type CSSProperties } from 'react';
import type { LogSource, LogSourceState } from '../../../shared/contract/logs';
import { sourceLabel } from '../../../shared/logs/format-line';
import type { LogStore } from './log-store';
import { sourceHue } from './source-color';
import { useNow } from '../data/clock';

const tone: Record<LogSourceState, string> = {
  streaming: 'ok',
  waiting: 'warn',
  reconnecting: 'warn',
  terminated: 'muted',
  ended: 'muted',
  forbidden: 'bad',
  error: 'bad',
};
const stateLabel: Record<LogSourceState, string> = {
  streaming: 'Streaming',
  waiting: 'Waiting for container',
  reconnecting: 'Reconnecting',
  terminated: 'Terminated',
  ended: 'Ended',
  forbidden: 'Forbidden',
  error: 'Error',
};

/**
 * The containers the query matched, with their state and a checkbox each to show or hide
 * their lines (a live filter: nothing restarts). Memoised: new lines do not re-render it;
 * only the per-source counts tick, once a second.
 */
export const SourcePanel = memo(function SourcePanel(props: {
  store: LogStore;
  sources: readonly LogSource[];
  hidden: ReadonlySet<number>;
  onHidden(hidden: ReadonlySet<number>): void;
}) {
  const { sources, hidden } = props;
  const namespaces = new Set(sources.map((s) => s.namespace)).size > 1;
  const toggle = (id: number, show: boolean) => {
    const next = new Set(hidden);
    if (show) next.delete(id);
    else next.add(id);
    props.onHidden(next);
  };
  return (
    <section className="log-sources" aria-label="Sources">
      <div className="log-sources-head">
        <h2>
          Sources <span className="muted">{sources.length}</span>
        </h2>
        {hidden.size > 0 && (
          <button type="button" className="link" onClick={() => props.onHidden(new Set())}>
            Show all
          </button>
        )}
      </div>
      {sources.length === 0 ? (
        <p className="muted">No containers yet.</p>
      ) : (
        <ul className="source-list">
          {sources.map((s) => {
            const label = sourceLabel(s);
            return (
              <li key={s.id} className="source-item">
                <label className="source-toggle" title={label}>
                  <input
                    type="checkbox"
                    aria-label={label}
                    checked={!hidden.has(s.id)}
                    onChange={(e) => toggle(s.id, e.target.checked)}
                  />
                  <span
                    className="source-swatch"
                    style={{ '--hue': sourceHue(label) } as CSSProperties}
                  />
                  <span className="source-name">
                    {namespaces && <span className="muted">{s.namespace}/</span>}
                    {s.pod}
                  </span>
                </label>
                <span className="source-state">
                  <span className="source-container">
                    {s.container}
                    {s.init ? ' (init)' : ''}
                  </span>
                  <span className={`tone tone-${tone[s.state]}`}>
                    <span className="dot" aria-hidden="true" />
                    {stateLabel[s.state]}
                  </span>
                  <LineCount store={props.store} id={s.id} />
                </span>
                {s.message && (
                  <span className="source-message" title={s.message}>
                    {s.message}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});

/** Lines received from one source, refreshed by the shared one-second clock. */
function LineCount(props: { store: LogStore; id: number }) {
  useNow();
  return (
    <span className="muted source-lines" title="lines received">
      {props.store.lineCount(props.id).toLocaleString('en-US')}
    </span>
  );
}
