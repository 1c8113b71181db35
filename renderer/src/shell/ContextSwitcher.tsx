import type { ConnectionState, ContextSummary } from '../../../shared/contract/cluster';
import type { Keyed } from '../data/keyed';

/** The "Context" combobox: every context with its cluster, user and namespace. */
export function ContextSwitcher(props: {
  contexts: ContextSummary[];
  active: string | undefined;
  connections: Keyed<ConnectionState>;
  onSelect(context: string): void;
}) {
  return (
    <label className="field">
      <span className="field-label">Context</span>
      <select
        aria-label="Context"
        value={props.active ?? ''}
        onChange={(event) => props.onSelect(event.target.value)}
      >
        {props.contexts.map((c) => (
          <option key={c.name} value={c.name} title={describe(c)}>
            {c.name} — {c.cluster || '?'} · {c.user || 'no user'}
            {c.namespace ? ` · ${c.namespace}` : ''}
            {marker(props.connections[c.name])}
          </option>
        ))}
      </select>
    </label>
  );
}

function describe(c: ContextSummary): string {
  return [
    `cluster: ${c.cluster}`,
    `user: ${c.user}`,
    `namespace: ${c.namespace ?? 'default'}`,
    c.server ? `server: ${c.server}` : '',
    `from: ${c.source}`,
    ...c.problems,
  ]
    .filter(Boolean)
    .join('\n');
}

function marker(state: ConnectionState | undefined): string {
  switch (state?.phase) {
    case 'connected':
      return ' ●';
    case 'unreachable':
    case 'unauthorized':
    case 'exec-failed':
    case 'error':
      return ' ⚠';
    default:
      return '';
  }
}
