/**
 * The rollout history and action channels (shared/contract/rollouts.ts, "history and
 * actions") wired to their services. Inputs arrive validated by the dispatcher; each
 * request's AbortSignal goes down to its HTTP requests.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type {
  DiffSide,
  rolloutHistoryChannels,
  TemplateDiff,
} from '../../shared/contract/rollouts';
import { PilotError } from '../../shared/contract/errors';
import { asRecord } from '../../shared/kube/object-types';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { rolloutFailure } from './errors';
import { describeWorkload, loadHistory, type LoadedHistory } from './history';
import { templateDiff } from './diff';
import { previewRollback, rollback } from './rollback';
import { pause, restart, resume, setPartition } from './actions';
import { watchHistory } from './history-stream';

export interface RolloutHistoryDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

function side(loaded: LoadedHistory, which: DiffSide) {
  if (which === 'live') {
    return { label: 'live', template: asRecord(asRecord(loaded.workload.spec)['template']) };
  }
  const entry = loaded.entries.find((e) => e.revision === which);
  if (!entry) throw new PilotError('NotFound', `unable to find the specified revision ${which}`);
  return { label: `revision ${which}`, template: entry.template };
}

export function rolloutHistoryHandlers(
  deps: RolloutHistoryDeps,
): HandlersFor<keyof typeof rolloutHistoryChannels> {
  const { watches, kubeConfig: kc } = deps;
  return {
    'rollout.history': (input, sink, signal) => watchHistory(watches, input, sink, signal),

    'rollout.diff': async (
      { context, kind, namespace, name, from, to },
      signal,
    ): Promise<TemplateDiff> => {
      try {
        const loaded = await loadHistory(kc(context), kind, namespace, name, signal);
        return templateDiff(side(loaded, from), side(loaded, to));
      } catch (error) {
        throw rolloutFailure(
          error,
          signal,
          `read the history of ${describeWorkload(kind, namespace, name)}`,
        );
      }
    },

    'rollout.rollbackPreview': ({ context, revision, ...target }, signal) =>
      previewRollback(kc(context), target, revision, signal),

    'rollout.rollback': ({ context, revision, ...target }, signal) =>
      rollback(kc(context), target, revision, signal),

    'rollout.restart': ({ context, ...target }, signal) => restart(kc(context), target, signal),
    'rollout.pause': ({ context, ...target }, signal) => pause(kc(context), target, signal),
    'rollout.resume': ({ context, ...target }, signal) => resume(kc(context), target, signal),
    'rollout.partition': ({ context, partition, ...target }, signal) =>
      setPartition(kc(context), target, partition, signal),
  };
}
