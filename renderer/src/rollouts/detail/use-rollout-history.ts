import { useEffect, useState } from 'react';
import type { PilotApi } from '../../../../shared/contract/api';
import type { PilotErrorData } from '../../../../shared/contract/errors';
import type { RolloutHistory, RolloutKind } from '../../../../shared/contract/rollouts';

export type HistoryState =
  | { status: 'loading' }
  | { status: 'ready'; history: RolloutHistory; problem?: string }
  | { status: 'missing' | 'problem' | 'error'; message: string };

/**
 * The live history of one workload (`rollout.history`): main keeps it from its watch
 * caches and sends a new snapshot when revisions or pods move. Unsubscribes on unmount.
 */
export function useRolloutHistory(
  api: PilotApi,
  ref: { context: string; kind: RolloutKind; namespace: string; name: string },
): HistoryState {
  const { context, kind, namespace, name } = ref;
  /** The state, tagged with the workload it is about: another workload starts at loading. */
  const key = JSON.stringify([context, kind, namespace, name]);
  const [tagged, setTagged] = useState<{ key: string; state: HistoryState }>({
    key,
    state: { status: 'loading' },
  });
  useEffect(() => {
    const controller = new AbortController();
    const setState = (next: HistoryState | ((prev: HistoryState) => HistoryState)) =>
      setTagged((prev) => {
        const before = prev.key === key ? prev.state : ({ status: 'loading' } as const);
        return { key, state: typeof next === 'function' ? next(before) : next };
      });
    api.subscribe(
      'rollout.history',
      { context, kind, namespace, name },
      {
        onBatch: (events) => {
          const last = events.at(-1);
          if (!last) return;
          if (last.type === 'history') setState({ status: 'ready', history: last.history });
          else if (last.type === 'missing') setState({ status: 'missing', message: last.message });
          else
            setState((prev) =>
              prev.status === 'ready'
                ? { ...prev, problem: last.message }
                : { status: 'problem', message: last.message },
            );
        },
        onError: (error: PilotErrorData) => setState({ status: 'error', message: error.message }),
      },
      controller.signal,
    );
    return () => controller.abort();
  }, [api, context, kind, namespace, name, key]);
  return tagged.key === key ? tagged.state : { status: 'loading' };
}
