import type { NamespaceChoice } from '../../../shared/contract/cluster';

const examples: [query: string, what: string][] = [
  ['deploy:web', 'every container of the Deployment web, following rollouts and scale-ups'],
  ['ns:team-a label:tier=api since:10m', 'pods labelled tier=api in team-a, from 10 minutes ago'],
  ['svc:team-a/api -exclude:healthz', 'the pods behind a Service, without health checks'],
  ['pod:web-1 container:nginx tail:200', 'one container, starting with its last 200 lines'],
  ['node:worker-1 previous', 'every pod on a node, from the previous (crashed) containers'],
];

/** What to type, shown before any query: examples fill the bar, one button follows all. */
export function LogsHint(props: {
  namespaces: NamespaceChoice;
  onExample(query: string): void;
  onFollowAll(): void;
}) {
  const scope = props.namespaces.all
    ? 'all namespaces'
    : props.namespaces.namespaces.join(', ') || 'the chosen namespaces';
  return (
    <div className="empty-state logs-hint">
      <h2>Choose the logs to follow</h2>
      <p>
        Type a selector in kail’s syntax above. The same kind given twice means either; different
        kinds must all match. Pods that start matching later show up by themselves.
      </p>
      <ul className="example-list">
        {examples.map(([query, what]) => (
          <li key={query}>
            <button
              type="button"
              className="example"
              aria-label={`Use ${query}`}
              onClick={() => props.onExample(query)}
            >
              <code>{query}</code>
            </button>{' '}
            <span className="muted">{what}</span>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" onClick={props.onFollowAll}>
          Follow every pod in {scope}
        </button>
      </p>
    </div>
  );
}
