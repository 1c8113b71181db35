import type { ConnectionState } from '../../../shared/contract/cluster';
import './connection-status.css';

const labels: Record<ConnectionState['phase'], string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  unreachable: 'Unreachable',
  unauthorized: 'Unauthorized',
  'exec-failed': 'Credential plugin failed',
  error: 'Error',
};

/** A compact badge for the top bar; the full reason is in the Overview. */
export function ConnectionBadge({ state }: { state: ConnectionState | undefined }) {
  const phase = state?.phase ?? 'idle';
  const detail = state?.phase === 'connected' ? ` · ${state.serverVersion}` : '';
  return (
    <span role="status" aria-label="Connection" className={`badge badge-${phase}`}>
      <span className="dot" aria-hidden="true" />
      {labels[phase]}
      {detail}
    </span>
  );
}

/** The full state with what to do about it. */
export function ConnectionDetails(props: {
  context: string;
  state: ConnectionState | undefined;
  onRetry(): void;
}) {
  const { state } = props;
  if (!state || state.phase === 'idle' || state.phase === 'connecting') {
    return <p className="muted">Connecting to {props.context}…</p>;
  }
  if (state.phase === 'connected') {
    return (
      <p>
        Connected to Kubernetes <strong>{state.serverVersion}</strong> ({state.platform}).
      </p>
    );
  }
  const advice: Record<string, string> = {
    unreachable:
      'Check that the cluster is running and that its server address and port are right.',
    unauthorized:
      'The cluster refused these credentials. Log in again or refresh them in your kubeconfig.',
    'exec-failed':
      'The credential plugin named in your kubeconfig did not produce a credential. Pilothouse runs it again only when you press Retry or edit the kubeconfig. What happened:',
    error: 'Something unexpected happened:',
  };
  return (
    <div role="alert" className="problem">
      <h3>{labels[state.phase]}</h3>
      <p>{advice[state.phase]}</p>
      <pre className="problem-message">{state.message}</pre>
      <button type="button" onClick={props.onRetry}>
        Retry
      </button>
    </div>
  );
}
