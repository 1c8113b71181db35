import { useEffect, useState } from 'react';
import type { PilotApi } from '../../../shared/contract/api';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type { FitAnswer, FitKind } from '../../../shared/contract/scheduling';

export type FitState =
  | { status: 'loading' }
  | { status: 'ready'; answer: FitAnswer }
  | { status: 'error'; message: string };

/**
 * The fit of one pod or workload template (`scheduling.fit`), asked again when `version`
 * changes (the object's resourceVersion, or a Refresh). An answer that arrives for an
 * older question is dropped: the call is aborted when the question changes.
 */
export function useFit(
  api: PilotApi,
  ref: { context: string; kind: FitKind; namespace: string; name: string },
  version: string,
): FitState {
  const { context, kind, namespace, name } = ref;
  const key = JSON.stringify([context, kind, namespace, name]);
  const [tagged, setTagged] = useState<{ key: string; state: FitState }>({
    key,
    state: { status: 'loading' },
  });
  useEffect(() => {
    const controller = new AbortController();
    api.request('scheduling.fit', { context, kind, namespace, name }, controller.signal).then(
      (answer) => {
        if (!controller.signal.aborted) setTagged({ key, state: { status: 'ready', answer } });
      },
      (error: PilotErrorData) => {
        if (!controller.signal.aborted && error.code !== 'Cancelled')
          setTagged({ key, state: { status: 'error', message: error.message } });
      },
    );
    return () => controller.abort();
  }, [api, context, kind, namespace, name, key, version]);
  return tagged.key === key ? tagged.state : { status: 'loading' };
}

/** How long the what-if form waits after the last edit before asking (ms). */
export const WHAT_IF_DEBOUNCE_MS = 300;

/**
 * The what-if answer for a manifest, asked WHAT_IF_DEBOUNCE_MS after the last change;
 * each new manifest aborts the call before it. `undefined` manifest: nothing asked.
 */
export function useWhatIf(
  api: PilotApi,
  context: string,
  namespace: string,
  manifest: string | undefined,
): FitState | undefined {
  const [state, setState] = useState<{ manifest: string; state: FitState }>();
  useEffect(() => {
    if (manifest === undefined) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.request('scheduling.whatIf', { context, namespace, manifest }, controller.signal).then(
        (answer) => {
          if (!controller.signal.aborted)
            setState({ manifest, state: { status: 'ready', answer } });
        },
        (error: PilotErrorData) => {
          if (!controller.signal.aborted && error.code !== 'Cancelled')
            setState({ manifest, state: { status: 'error', message: error.message } });
        },
      );
    }, WHAT_IF_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, context, namespace, manifest]);
  if (manifest === undefined) return undefined;
  return state?.manifest === manifest ? state.state : { status: 'loading' };
}
