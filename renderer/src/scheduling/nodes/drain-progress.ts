/**
 * The drain's progress list, folded from the `node.drain` stream's events: the plan, then
 * each pod's state as it changes, then "drained". Pure, so unit tests replay a stream.
 */
import type { DrainEvent, DrainPod, DrainSkipped } from '../../../../shared/contract/scheduling';

export interface DrainProgress {
  phase: 'starting' | 'draining' | 'drained' | 'cancelled' | 'failed';
  pods: DrainPod[];
  skipped: DrainSkipped[];
  warnings: string[];
  /** "node/NAME drained", or the API's reason for a failure. */
  message: string;
}

export const drainStart: DrainProgress = {
  phase: 'starting',
  pods: [],
  skipped: [],
  warnings: [],
  message: '',
};

export function applyDrainEvents(
  state: DrainProgress,
  events: readonly DrainEvent[],
): DrainProgress {
  let next = state;
  for (const event of events) {
    if (event.type === 'plan')
      next = {
        ...next,
        phase: 'draining',
        pods: event.pods,
        skipped: event.skipped,
        warnings: event.warnings,
      };
    else if (event.type === 'pod') {
      const known = next.pods.some((p) => p.uid === event.pod.uid);
      next = {
        ...next,
        pods: known
          ? next.pods.map((p) => (p.uid === event.pod.uid ? event.pod : p))
          : [...next.pods, event.pod],
      };
    } else next = { ...next, phase: 'drained', message: event.message };
  }
  return next;
}

/** "3 of 5 pods evicted, 1 waiting on a PodDisruptionBudget". */
export function drainCounts(state: DrainProgress): string {
  const done = state.pods.filter((p) => p.state === 'done').length;
  const blocked = state.pods.filter((p) => p.state === 'blocked').length;
  const failed = state.pods.filter((p) => p.state === 'failed').length;
  let text = `${done} of ${state.pods.length} pods evicted`;
  if (blocked > 0) text += `, ${blocked} waiting on a PodDisruptionBudget`;
  if (failed > 0) text += `, ${failed} failed`;
  return text;
}
