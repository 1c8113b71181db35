/**
 * The rollouts feature's channels (shared/contract/rollouts.ts) wired to its services.
 * Inputs arrive already validated by the dispatcher.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { rolloutChannels } from '../../shared/contract/rollouts';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { watchRollouts } from './status-stream';
import { rolloutHistoryHandlers } from './history-handlers';

export interface RolloutDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export function rolloutHandlers(deps: RolloutDeps): HandlersFor<keyof typeof rolloutChannels> {
  const { watches } = deps;
  return {
    // --- rollout status: the Rollouts view ---
    'rollouts.watch': (input, sink, signal) => watchRollouts(watches, input, sink, signal),

    // --- rollout history and actions: the detail panel's Rollout and History tabs ---
    ...rolloutHistoryHandlers(deps),
  };
}
