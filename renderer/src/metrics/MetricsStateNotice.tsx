import type { MetricsState } from '../../../shared/contract/metrics';
import { formatTime } from './format';

/**
 * The metrics state in words, for anything but 'ready': metrics-server not installed (and
 * how to install it), forbidden (the API's reason), waiting for the first sample, stale
 * (the figures shown are old), unavailable, error. `data-metrics-state` names the state.
 * Everything in it is text from main (never markup).
 */
export function MetricsStateNotice(props: { state: MetricsState | undefined; what?: string }) {
  const { state } = props;
  const what = props.what ?? 'Metrics';
  if (!state || state.state === 'ready') return null;
  switch (state.state) {
    case 'loading':
      return (
        <p className="muted metrics-state" data-metrics-state="loading" aria-busy="true">
          Loading {what.toLowerCase()}…
        </p>
      );
    case 'not-installed':
      return (
        <div
          className="banner banner-warning metrics-state"
          role="status"
          data-metrics-state="not-installed"
        >
          <strong>metrics-server is not installed.</strong> {state.message}
          <p>How to install it:</p>
          <pre className="metrics-install">{state.install}</pre>
        </div>
      );
    case 'forbidden':
      return (
        <div
          className="banner banner-bad metrics-state"
          role="alert"
          data-metrics-state="forbidden"
        >
          <strong>{what} forbidden.</strong> {state.message}
        </div>
      );
    case 'waiting':
      return (
        <p className="muted metrics-state" role="status" data-metrics-state="waiting">
          {state.message}
        </p>
      );
    case 'stale':
      return (
        <div
          className="banner banner-warning metrics-state"
          role="status"
          data-metrics-state="stale"
        >
          <strong>Stale:</strong> the last sample is from {formatTime(state.sampledAt)}, older than
          two windows ({Math.round((2 * state.windowMs) / 1000)} s).
          {state.message ? ` ${state.message}` : ''}
        </div>
      );
    case 'unavailable':
      return (
        <div
          className="banner banner-bad metrics-state"
          role="alert"
          data-metrics-state="unavailable"
        >
          <strong>Metrics unavailable.</strong> {state.message}
        </div>
      );
    case 'error':
      return (
        <div className="banner banner-bad metrics-state" role="alert" data-metrics-state="error">
          {state.message}
        </div>
      );
  }
}
