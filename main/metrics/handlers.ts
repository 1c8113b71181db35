/**
 * The metrics feature's channels (shared/contract/metrics.ts) wired to its services.
 * Inputs arrive already validated by the dispatcher.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { metricsChannels } from '../../shared/contract/metrics';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { metricsServiceFor } from './metrics-service';
import { watchMetrics } from './watch-stream';
import { watchHistory } from './history-stream';

export interface MetricsDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export function metricsHandlers(deps: MetricsDeps): HandlersFor<keyof typeof metricsChannels> {
  const service = metricsServiceFor(deps.watches, deps.kubeConfig);
  return {
    'metrics.watch': (input, sink, signal) => watchMetrics(service, input, sink, signal),
    'metrics.history': (input, sink, signal) => watchHistory(service, input, sink, signal),
    'metrics.keepHistory': (input) =>
      Promise.resolve({ keeping: service.keepHistory(input.context, input.keep) }),
  };
}
