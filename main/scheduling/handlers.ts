/**
 * The scheduling feature's channels (shared/contract/scheduling.ts) wired to its services:
 * fit (pod, workload template, what-if manifest), the taints view, node operations.
 * Inputs arrive validated by the dispatcher; each call's AbortSignal reaches its requests.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { schedulingChannels } from '../../shared/contract/scheduling';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { fitManifest, fitTarget } from './fit-service';
import { changeTaint, previewTaint, setUnschedulable } from './node-ops';
import { drainNode } from './drain';
import { taintsView } from './taints-view';

export interface SchedulingDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export function schedulingHandlers(
  deps: SchedulingDeps,
): HandlersFor<keyof typeof schedulingChannels> {
  const kc = (context: string) => deps.kubeConfig(context);
  return {
    'scheduling.fit': (input, signal) => fitTarget(deps, input, signal),
    'scheduling.whatIf': (input, signal) => fitManifest(deps, input, signal),
    'scheduling.taints': (input, signal) => taintsView(deps, input, signal),
    'node.cordon': ({ context, ...target }, signal) =>
      setUnschedulable(kc(context), { context, ...target }, true, signal),
    'node.uncordon': ({ context, ...target }, signal) =>
      setUnschedulable(kc(context), { context, ...target }, false, signal),
    'node.drain': (input, sink, signal) => {
      let config: KubeConfig;
      try {
        config = kc(input.context); // an unknown context throws here
      } catch (error) {
        sink.fail(error);
        return;
      }
      void drainNode(config, input, sink, signal);
    },
    'node.taintPreview': (input, signal) => previewTaint(deps, input, signal),
    'node.taint': ({ context, op, taint, ...target }, signal) =>
      changeTaint(kc(context), { context, ...target }, op, taint, signal),
  };
}
