/**
 * The state a poller reports, as a pure function of what it last saw, so the rules are
 * tested without a cluster: forbidden and not-installed as the API said; "waiting for the
 * first sample" while the API answers with none; stale when the newest sample is older
 * than STALE_WINDOWS windows; unavailable (figures dropped) once metrics-server has been
 * away for MISSING_WINDOWS windows.
 */
import type { MetricsState } from '../../shared/contract/metrics';

export const STALE_WINDOWS = 2;
export const MISSING_WINDOWS = 4;

export const INSTALL_HINT =
  'Install metrics-server: kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml (https://github.com/kubernetes-sigs/metrics-server)';

export type PollFailure =
  | { kind: 'not-installed' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'error'; message: string };

export interface StateInput {
  nowMs: number;
  /** The newest sample held, if any. */
  newestMs: number | undefined;
  windowMs: number;
  resolutionMs: number;
  /** The last poll's failure; undefined when it succeeded. */
  failure: PollFailure | undefined;
  /** The last poll succeeded but brought no sample at all. */
  empty: boolean;
  /** No poll has finished yet. */
  first: boolean;
}

const seconds = (ms: number) => Math.max(1, Math.round(ms / 1000));

export function waitingMessage(resolutionMs: number): string {
  return `waiting for the first sample, metrics-server reports every ${seconds(resolutionMs)} s`;
}

/** Whether the figures held should be dropped (metrics-server away for too long). */
export function shouldDrop(input: StateInput): boolean {
  if (input.newestMs === undefined || !input.failure) return false;
  if (input.failure.kind === 'forbidden' || input.failure.kind === 'not-installed') return true;
  const window = Math.max(input.windowMs, input.resolutionMs);
  return input.nowMs - input.newestMs > MISSING_WINDOWS * window;
}

export function metricsState(input: StateInput): MetricsState {
  const { failure } = input;
  if (failure?.kind === 'forbidden') return { state: 'forbidden', message: failure.message };
  if (failure?.kind === 'not-installed')
    return {
      state: 'not-installed',
      message: 'the metrics API (metrics.k8s.io) is not installed on this cluster',
      install: INSTALL_HINT,
    };
  if (input.newestMs === undefined || shouldDrop(input)) {
    if (failure?.kind === 'unavailable') return { state: 'unavailable', message: failure.message };
    if (failure) return { state: 'error', message: failure.message };
    if (input.first) return { state: 'loading' };
    return {
      state: 'waiting',
      message: waitingMessage(input.resolutionMs),
      resolutionMs: input.resolutionMs,
    };
  }
  const window = Math.max(input.windowMs, input.resolutionMs);
  const age = input.nowMs - input.newestMs;
  if (age > STALE_WINDOWS * window) {
    const reason = failure
      ? failure.message
      : `metrics-server has reported no new sample for ${seconds(age)} s`;
    return { state: 'stale', message: reason, sampledAt: input.newestMs, windowMs: input.windowMs };
  }
  return {
    state: 'ready',
    sampledAt: input.newestMs,
    windowMs: input.windowMs,
    resolutionMs: input.resolutionMs,
  };
}
