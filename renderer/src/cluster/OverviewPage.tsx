import type {
  ConnectionState,
  ContextSummary,
  NamespaceChoice,
} from '../../../shared/contract/cluster';
import { ConnectionDetails } from '../ui/ConnectionStatus';
import { ClusterSummary } from './ClusterSummary';
import type { Route } from '../data/route';
import '../ui/common.css';
import './cluster.css';

/** The context at a glance. Later issues add counts, unhealthy workloads and warnings. */
export function OverviewPage(props: {
  context: ContextSummary;
  state: ConnectionState | undefined;
  namespaces: NamespaceChoice;
  route: Route;
  onRetry(): void;
}) {
  const { context } = props;
  return (
    <section aria-labelledby="overview-title" className="page">
      <h1 id="overview-title" className="page-title">
        {context.name}
      </h1>
      <ConnectionDetails context={context.name} state={props.state} onRetry={props.onRetry} />
      {props.state?.phase === 'connected' && (
        <ClusterSummary route={props.route} context={context.name} namespaces={props.namespaces} />
      )}
      <dl className="facts">
        <dt>Cluster</dt>
        <dd>{context.cluster}</dd>
        <dt>Server</dt>
        <dd>{context.server ?? '—'}</dd>
        <dt>User</dt>
        <dd>{context.user || '—'}</dd>
        <dt>Default namespace</dt>
        <dd>{context.namespace ?? 'default'}</dd>
        <dt>Showing</dt>
        <dd>
          {props.namespaces.all
            ? 'All namespaces'
            : props.namespaces.namespaces.join(', ') || 'None'}
        </dd>
        <dt>Defined in</dt>
        <dd>
          <code>{context.source}</code>
        </dd>
      </dl>
      {context.problems.length > 0 && (
        <div role="alert" className="problem">
          <h3>This context cannot work as written</h3>
          <ul>
            {context.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
