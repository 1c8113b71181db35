import type { PilotErrorData } from '../../../shared/contract/errors';

/** The status area: the backend link, and the last error that had nowhere else to go. */
export function StatusBar(props: {
  version?: string;
  mode?: string;
  backendLost?: string;
  lastError?: PilotErrorData;
}) {
  return (
    <footer className="status-bar" aria-label="Status">
      {props.backendLost ? (
        <span role="alert" className="error-text">
          {props.backendLost}
        </span>
      ) : (
        <span>
          Pilothouse {props.version ?? ''} {props.mode === 'web' ? '· browser mode' : ''}
        </span>
      )}
      {props.lastError && (
        <span role="alert" className="error-text">
          {props.lastError.code}: {props.lastError.message}
        </span>
      )}
    </footer>
  );
}
