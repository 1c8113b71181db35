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

    'resource.get': ({ context, ...ref }) => getObject(kc(context), ref),

    'resource.delete': ({ context, ...ref }) => deleteObject(kc(context), ref),

    'resource.scale': ({ context, replicas, ...ref }) => scaleObject(kc(context), ref, replicas),

    'secret.reveal': ({ context, key, ...ref }) =>
      revealSecretValue(kc(context), { kind: 'secrets', ...ref }, key),
  };
}
