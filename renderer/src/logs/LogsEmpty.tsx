import type { NamespaceChoice } from '../../../shared/contract/cluster';
import { parseQuery, queryNamespaces } from '../../../shared/logs/query';
import type { LogSnapshot } from './log-store';
import type { StreamState } from './use-log-stream';

/** What the list says while it has no rows: why, and what will happen next. */
export function LogsEmpty(props: {
  phase: StreamState['phase'];
  snapshot: LogSnapshot;
  engineQuery: string;
  namespaces: NamespaceChoice;
}) {
  const { snapshot } = props;
  const phases = Object.values(snapshot.scopes).map((s) => s.phase);
  if (props.phase === 'failed') return <p>The stream stopped; see the message above.</p>;
  if (props.phase === 'idle' || props.phase === 'starting' || phases.includes('loading'))
    return (
      <p className="muted" aria-busy="true">
        Looking for pods…
      </p>
    );
  if (phases.length > 0 && phases.every((p) => p === 'forbidden' || p === 'error'))
    return (
      <p>
        Pilothouse may not watch pods here, so it cannot follow their logs. Ask for the list and
        watch permissions on pods, or choose other namespaces.
      </p>
    );
  if (snapshot.sources.length === 0) {
    const scope = scopeText(props.engineQuery, props.namespaces);
    return (
      <div>
        <p>
          No pods match {props.engineQuery ? <code>{props.engineQuery}</code> : 'any selector'} in{' '}
          {scope}.
        </p>
        <p className="muted">Pods that start matching will show up here by themselves.</p>
      </div>
    );
  }
  if (props.phase === 'ended') return <p>The stream ended.</p>;
  if (snapshot.retained === 0)
    return (
      <p className="muted">Waiting for the first lines of {snapshot.sources.length} containers…</p>
    );
  if (snapshot.paused) return <p className="muted">Paused: no lines matched before the pause.</p>;
  return (
    <p>
      None of the {snapshot.retained.toLocaleString('en-US')} retained lines pass the filters or
      come from a shown source.
    </p>
  );
}

function scopeText(engineQuery: string, choice: NamespaceChoice): string {
  let namespaces: string[] | 'all';
  try {
    namespaces = queryNamespaces(parseQuery(engineQuery), choice.all ? 'all' : choice.namespaces);
  } catch {
    namespaces = choice.all ? 'all' : choice.namespaces;
  }
  return namespaces === 'all' ? 'any namespace' : namespaces.join(', ') || 'no namespace';
}
