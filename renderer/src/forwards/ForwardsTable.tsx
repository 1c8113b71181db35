import { browserUrl, formatBytes, toneGlyph, type ForwardLine } from './forward-rows';

export interface RowActions {
  onCopy(line: ForwardLine): void;
  onStop(line: ForwardLine): void;
  onStart(line: ForwardLine): void;
  onRestart(line: ForwardLine): void;
  onRemove(line: ForwardLine): void;
  onAutostart(line: ForwardLine, autostart: boolean): void;
}

const columns = [
  'Local address',
  'Target',
  'Pod',
  'State',
  'Connections',
  'In',
  'Out',
  'Last error',
  'Actions',
] as const;

/**
 * The forwards as a plain table (there are tens, not thousands): one row per forward,
 * its actions in the last cell, each button naming the address it acts on. In a narrow
 * window each row becomes a card with labelled fields (forwards.css).
 */
export function ForwardsTable(props: { lines: readonly ForwardLine[]; actions: RowActions }) {
  return (
    <div className="forwards-scroll">
      <table className="forwards-table" aria-label="Port-forwards">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.lines.map((line) => (
            <ForwardRow key={line.id} line={line} actions={props.actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "team-a/svc/web:80" with a line-break opportunity after each slash. */
function breakable(text: string) {
  const parts = text.split('/').map((part, i, all) => (
    <span key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </span>
  ));
  // One element per cell: the narrow layout makes each cell a two-column grid.
  return <span>{parts}</span>;
}

function ForwardRow({ line, actions }: { line: ForwardLine; actions: RowActions }) {
  const url = line.running && line.tone === 'ok' ? browserUrl(line) : undefined;
  // The target names the row; the bound address, while there is one, tells twins apart.
  const name = line.address ? `${line.target} (${line.address})` : line.target;
  return (
    <tr aria-label={`Forward ${name}`} className={`forward-row forward-${line.tone}`}>
      <td data-label="Local address" className="mono forward-address">
        {line.address || <span className="muted">{line.localIp} · not listening</span>}
      </td>
      <td data-label="Target" className="mono wrap forward-target">
        {breakable(line.target)}
      </td>
      <td data-label="Pod" className="wrap">
        {line.pod || <span className="muted">–</span>}
      </td>
      <td data-label="State" className="forward-state-cell">
        <div>
          <span className={`tone tone-${line.tone} forward-state`} title={line.state}>
            <span aria-hidden="true" className="forward-glyph">
              {toneGlyph[line.tone]}
            </span>
            <span>{line.state}</span>
          </span>
          {line.warning && (
            <div className="forward-exposed" title={line.warning}>
              ⚠ {line.warning}
            </div>
          )}
        </div>
      </td>
      <td data-label="Connections" className="num">
        {line.connections}
      </td>
      <td data-label="In" className="num">
        {formatBytes(line.bytesIn)}
      </td>
      <td data-label="Out" className="num">
        {formatBytes(line.bytesOut)}
      </td>
      <td data-label="Last error" className="wrap forward-error">
        {line.lastError ? (
          <span className="clamp" title={line.lastError}>
            {line.lastError}
          </span>
        ) : (
          <span className="muted">–</span>
        )}
      </td>
      <td data-label="Actions">
        <div className="forward-actions" role="group" aria-label={`Actions for ${name}`}>
          {url && (
            <a
              className="button-link"
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={`Open ${line.address} in the browser`}
            >
              Open
            </a>
          )}
          {line.address && (
            <button
              type="button"
              aria-label={`Copy ${line.address}`}
              onClick={() => actions.onCopy(line)}
            >
              Copy
            </button>
          )}
          {line.savedId && (
            <label className="toggle forward-auto" title="Start when Pilothouse starts">
              <input
                type="checkbox"
                checked={line.autostart}
                aria-label={`Start ${name} automatically`}
                onChange={(e) => actions.onAutostart(line, e.target.checked)}
              />
              Auto
            </label>
          )}
          {line.running ? (
            <>
              <button
                type="button"
                aria-label={`Restart ${name}`}
                onClick={() => actions.onRestart(line)}
              >
                Restart
              </button>
              <button
                type="button"
                aria-label={`Stop ${name}`}
                onClick={() => actions.onStop(line)}
              >
                Stop
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                aria-label={`Start ${name}`}
                onClick={() => actions.onStart(line)}
              >
                Start
              </button>
              <button
                type="button"
                className="danger"
                aria-label={`Remove ${name}`}
                onClick={() => actions.onRemove(line)}
              >
                Remove
              </button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
