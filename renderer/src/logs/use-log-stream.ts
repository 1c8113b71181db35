/**
 * Connects a LogStore to the `logs.follow` stream while mounted. A change of context,
 * engine query or namespaces starts a new stream on an emptied store (its source ids
 * mean other containers); include/exclude and the other view options never restart it.
 */
import { useEffect, useState } from 'react';
import type { PilotApi } from '../../../shared/contract/api';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { LogStore } from './log-store';

export type StreamState =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'live' }
  | { phase: 'ended' }
  | { phase: 'failed'; error: PilotErrorData };

export interface StreamRequest {
  context: string;
  engineQuery: string;
  namespaces: NamespaceChoice;
}

export function useLogStream(
  api: PilotApi,
  store: LogStore,
  /** Undefined: nothing to follow yet. */
  request: StreamRequest | undefined,
): { state: StreamState; retry(): void } {
  const [attempt, setAttempt] = useState(0);
  const key = request ? `${JSON.stringify(request)}#${attempt}` : '';
  // The state of the stream `key` started; a newer key is 'starting' until it hears back.
  const [state, setState] = useState<{ key: string; value: StreamState }>({
    key: '',
    value: { phase: 'idle' },
  });

  useEffect(() => {
    if (!request) return;
    const controller = new AbortController();
    store.reset();
    let live = false;
    const report = (value: StreamState) => {
      if (!controller.signal.aborted) setState({ key, value });
    };
    api.subscribe(
      'logs.follow',
      { context: request.context, query: request.engineQuery, namespaces: request.namespaces },
      {
        onBatch: (events) => {
          if (controller.signal.aborted) return;
          store.apply(events);
          if (!live) {
            live = true;
            report({ phase: 'live' });
          }
        },
        onError: (error) => report({ phase: 'failed', error }),
        onEnd: () => report({ phase: 'ended' }),
      },
      controller.signal,
    );
    return () => controller.abort();
    // `key` stands for the request by value and the attempt.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, store, key]);

  const current: StreamState = !request
    ? { phase: 'idle' }
    : state.key === key
      ? state.value
      : { phase: 'starting' };
  return { state: current, retry: () => setAttempt((n) => n + 1) };
}
