/**
 * The logs feature's channel (shared/contract/logs.ts) wired to the log engine.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { logChannels } from '../../shared/contract/logs';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { followLogs } from './follow-logs';

export interface LogDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export function logHandlers(deps: LogDeps): HandlersFor<keyof typeof logChannels> {
  return {
    'logs.follow': (input, sink, signal) =>
      followLogs(deps.watches, deps.kubeConfig, input, sink, signal),
  };
}
