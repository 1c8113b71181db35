import { formatRoute, type Route, type ViewId } from '../data/route';

/** No forward in this context yet: how to start one, in the app and from a terminal. */
export function ForwardsEmpty(props: {
  route: Route;
  context: string;
  /** Forwards running in other contexts. */
  elsewhere: number;
  onShowAll(): void;
}) {
  const { object: _object, crd: _crd, query: _query, ...keep } = props.route;
  const link = (view: ViewId, label: string) => (
    <a href={formatRoute({ ...keep, view, context: props.context })}>{label}</a>
  );
  return (
    <div className="empty-state forwards-empty">
      <p>
        <strong>No port-forwards in {props.context} yet.</strong> A forward makes a port of a pod
        answer on this machine, and follows the pods through rollouts and reconnects by itself.
      </p>
      <ol>
        <li>
          Open a {link('pods', 'pod')}, a {link('services', 'Service')} or a{' '}
          {link('deployments', 'Deployment')}, StatefulSet or ReplicaSet and choose{' '}
          <strong>Forward…</strong>: pick a port, and it answers on 127.0.0.1.
        </li>
        <li>
          Open a {link('namespaces', 'namespace')} and choose <strong>Forward all Services</strong>{' '}
          to reach each Service on its own loopback address.
        </li>
        <li>
          From a terminal: <code>pilothouse forward svc/web 8080:80 -n team-a</code>
        </li>
      </ol>
      <p className="muted">
        Forwards are remembered for this context; those marked “start automatically” come back when
        Pilothouse starts.
      </p>
      {props.elsewhere > 0 && (
        <p>
          <button type="button" onClick={props.onShowAll}>
            Show the {props.elsewhere} forward{props.elsewhere === 1 ? '' : 's'} of other contexts
          </button>
        </p>
      )}
    </div>
  );
}
