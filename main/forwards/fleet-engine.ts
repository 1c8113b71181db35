/**
 * What the fleet (saved forwards, namespace forwards, the CLI) needs from the forward
 * engine, and nothing more: start a forward with an origin, stop it, list and follow the
 * states. Kept as an interface so the fleet's logic is tested without a cluster and does
 * not depend on the engine's internals.
 */
import type {
  ForwardOrigin,
  ForwardsEvent,
  ForwardSpecInput,
  ForwardState,
} from '../../shared/contract/forwards';

export interface FleetEngine {
  /** Starts a forward; resolves with its first settled state (Failed is a state, not a throw). */
  start(spec: ForwardSpecInput, origin: ForwardOrigin, signal?: AbortSignal): Promise<ForwardState>;
  /** Stops a forward: removed, or kept as stopped. */
  stop(id: string, keep: boolean): Promise<void>;
  /** Every forward now. */
  list(): ForwardState[];
  /** Follows changes; returns the unsubscribe. */
  subscribe(listener: (event: ForwardsEvent) => void): () => void;
}

/**
 * True when a start failed at binding its local port ("Failed: local port 80 is in use",
 * or a port below 1024 without the privilege), as opposed to the target being wrong.
 */
export function bindFailed(state: ForwardState): boolean {
  return (
    state.phase === 'failed' &&
    state.localPort === null &&
    /local port|permission denied|EACCES|EADDRINUSE|EADDRNOTAVAIL/i.test(state.state)
  );
}
