import { useId } from 'react';
import { analyzeQuery, removeChip, splitAtError, type QueryAnalysis } from './query-input';

/**
 * The kail-syntax filter bar. Enter applies it; while only include/exclude differ from
 * the running query, each keystroke applies them live (no restart). A bad token is
 * highlighted under the field with the parser's message; the running stream goes on.
 */
export function QueryBar(props: {
  text: string;
  onText(text: string): void;
  /** Analysis of the applied query (the one in the URL). */
  applied: QueryAnalysis;
  onApply(text: string, restart: boolean): void;
}) {
  const errorId = useId();
  const hintId = useId();
  const analysis = analyzeQuery(props.text);
  const appliedEngine = props.applied.ok ? props.applied.engineQuery : undefined;
  const waiting = analysis.ok && analysis.engineQuery !== appliedEngine;

  const change = (text: string) => {
    props.onText(text);
    const next = analyzeQuery(text);
    if (next.ok && next.engineQuery === appliedEngine && appliedEngine !== '')
      props.onApply(text, false);
  };

  const apply = (text: string) => {
    const next = analyzeQuery(text);
    if (next.ok) props.onApply(text.trim(), next.engineQuery !== appliedEngine);
  };

  return (
    <form
      className="query-bar"
      role="search"
      aria-label="Log query"
      onSubmit={(e) => {
        e.preventDefault();
        apply(props.text);
      }}
    >
      <div className="query-row">
        <input
          type="text"
          className="query-input"
          aria-label="Log query"
          placeholder="deploy:web ns:team-a label:tier=api since:10m -exclude:healthz"
          spellCheck={false}
          autoComplete="off"
          value={props.text}
          aria-invalid={!analysis.ok}
          aria-describedby={analysis.ok ? hintId : errorId}
          onChange={(e) => change(e.target.value)}
        />
        <button type="submit" className="primary" disabled={!analysis.ok}>
          Follow
        </button>
      </div>
      {analysis.ok ? (
        <div className="query-meta">
          {analysis.chips.length > 0 && (
            <ul className="chips" aria-label="Query parts">
              {analysis.chips.map((chip) => (
                <li
                  key={`${chip.index}:${chip.source}`}
                  className={`chip query-chip${chip.live ? ' live' : ''}`}
                >
                  <span className="chip-kind">{chip.kind}</span>
                  {chip.value && <span className="chip-value">{chip.value}</span>}
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${chip.source}`}
                    onClick={() => {
                      const text = removeChip(props.text, chip);
                      props.onText(text);
                      apply(text);
                    }}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          )}
          <span id={hintId} className="muted query-hint">
            {waiting ? 'Press Enter to follow this query.' : ''}
          </span>
        </div>
      ) : (
        <div className="query-error">
          <div className="query-mirror" aria-hidden="true">
            {(() => {
              const [before, bad, after] = splitAtError(props.text, analysis);
              return (
                <>
                  {before}
                  <mark>{bad || ' '}</mark>
                  {after}
                </>
              );
            })()}
          </div>
          <p id={errorId} role="alert" className="error-text">
            {analysis.message}
            {props.applied.ok && appliedEngine !== undefined && (
              <span className="muted"> The running query goes on until this one is fixed.</span>
            )}
          </p>
        </div>
      )}
    </form>
  );
}
