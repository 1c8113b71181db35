/**
 * The scheduling feature's channels (shared/contract/scheduling.ts) wired to its services:
 * fit (pod, workload template, what-if manifest), the taints view, node operations.
 * Inputs arrive validated by the dispatcher; each call's AbortSignal reaches its requests.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { schedulingChannels } from '../../shared/contract/scheduling';
import { PilotError } from '../../shared/contract/errors';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';

export interface SchedulingDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

const notYet = (): never => {
  throw new PilotError('Internal', 'not implemented yet');
};

export function schedulingHandlers(
  _deps: SchedulingDeps,
): HandlersFor<keyof typeof schedulingChannels> {
  return {
    'scheduling.fit': async () => notYet(),
    'scheduling.whatIf': async () => notYet(),
    'scheduling.taints': async () => notYet(),
    'node.cordon': async () => notYet(),
    'node.uncordon': async () => notYet(),
    'node.drain': (_input, sink) => sink.fail(new PilotError('Internal', 'not implemented yet')),
    'node.taintPreview': async () => notYet(),
    'node.taint': async () => notYet(),
  };
}
