/**
 * The metrics feature's channels (shared/contract/metrics.ts) wired to its services.
 * Inputs arrive already validated by the dispatcher.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { metricsChannels } from '../../shared/contract/metrics';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';

export interface MetricsDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export function metricsHandlers(_deps: MetricsDeps): HandlersFor<keyof typeof metricsChannels> {
  return {
    'metrics.watch': (_input, sink) => {
      sink.emit({
        type: 'state',
        resource: 'pods',
        scope: '',
        state: { state: 'error', message: 'metrics: not implemented yet' },
      });
      sink.end();
    },
    'metrics.history': (_input, sink) => {
      sink.emit({
        type: 'state',
        resource: 'pods',
        state: { state: 'error', message: 'metrics: not implemented yet' },
      });
      sink.end();
    },
    'metrics.keepHistory': async (input) => Promise.resolve({ keeping: input.keep }),
  };
}
