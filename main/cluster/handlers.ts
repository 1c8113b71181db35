/**
 * The cluster feature's channels (shared/contract/cluster.ts) wired to its services.
 * Inputs arrive already validated by the dispatcher.
 */
import type { clusterChannels } from '../../shared/contract/cluster';
import type { HandlersFor } from '../rpc/handler-types';
import type { PreferencesStore } from '../platform/preferences';
import type { ConnectionService } from './connections';
import type { KubeconfigStore } from './kubeconfig-store';
import { listNamespaces } from './namespaces';

export interface ClusterDeps {
  kubeconfig: KubeconfigStore;
  connections: ConnectionService;
  preferences: PreferencesStore;
  version: string;
  mode: 'web' | 'electron';
}

export function clusterHandlers(deps: ClusterDeps): HandlersFor<keyof typeof clusterChannels> {
  const { kubeconfig, connections, preferences } = deps;
  return {
    'app.info': async () => {
      const lastContext = preferences.lastContext();
      return { version: deps.version, mode: deps.mode, ...(lastContext ? { lastContext } : {}) };
    },

    'kubeconfig.watch': (_input, sink, signal) => {
      sink.emit(kubeconfig.current());
      const stop = kubeconfig.onChange((snapshot) => sink.emit(snapshot));
      signal.addEventListener('abort', stop);
    },

    'connections.watch': (_input, sink, signal) => {
      for (const update of connections.states()) sink.emit(update);
      const stop = connections.onUpdate((update) => sink.emit(update));
      signal.addEventListener('abort', stop);
    },

    'context.select': async ({ context }) => {
      connections.select(context);
      await preferences.setLastContext(context);
      return null;
    },

    'namespaces.list': ({ context }) =>
      listNamespaces(context, connections, kubeconfig, preferences),

    'preferences.get': async ({ context }) => preferences.forContext(context),

    'preferences.setNamespaces': ({ context, choice }) => preferences.setChoice(context, choice),

    'preferences.editAddedNamespace': ({ context, namespace, op }) =>
      preferences.editAdded(context, namespace, op),
  };
}
