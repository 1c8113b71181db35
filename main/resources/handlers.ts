/**
 * The resources feature's channels (shared/contract/resources.ts) wired to its services.
 * Inputs arrive already validated by the dispatcher.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { resourceChannels } from '../../shared/contract/resources';
import type { HandlersFor } from '../rpc/handler-types';
import type { WatchRegistry } from '../watch/watch-registry';
import { deleteObject, getObject, revealSecretValue, scaleObject } from './object-operations';
import { watchResources } from './resource-stream';
import { discoverCustomKinds } from './discovery';

export interface ResourceDeps {
  watches: WatchRegistry;
  kubeConfig(context: string): KubeConfig;
}

export function resourceHandlers(deps: ResourceDeps): HandlersFor<keyof typeof resourceChannels> {
  const { watches, kubeConfig: kc } = deps;
  return {
    'resources.watch': (input, sink, signal) => watchResources(watches, input, sink, signal),

    'kinds.discover': ({ context }) => discoverCustomKinds(kc(context)),

    // Each call's signal goes down to its HTTP request: cancelled before it is sent, a
    // call never reaches the API server.
    'resource.get': ({ context, ...ref }, signal) => getObject(kc(context), ref, signal),

    'resource.delete': ({ context, ...ref }, signal) => deleteObject(kc(context), ref, signal),

    'resource.scale': ({ context, replicas, ...ref }, signal) =>
      scaleObject(kc(context), ref, replicas, signal),

    'secret.reveal': ({ context, key, ...ref }, signal) =>
      revealSecretValue(kc(context), { kind: 'secrets', ...ref }, key, signal),
  };
}
