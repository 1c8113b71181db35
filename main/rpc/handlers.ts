/**
 * Wires each channel of the contract to the services. Inputs arrive already validated.
 */
import type { Handlers } from './dispatcher';
import type { AppServices } from '../app';
import { listNamespaces } from '../cluster/namespaces';
import {
  deleteObject,
  getObject,
  revealSecretValue,
  scaleObject,
} from '../resources/object-operations';
import { watchResources } from '../resources/resource-stream';
import { discoverCustomKinds } from '../resources/discovery';
import { followLogs } from '../logs/follow-logs';

export function createHandlers(app: AppServices): Handlers {
  const { kubeconfig, connections, preferences, watches } = app;
  const kc = (context: string) => connections.kubeConfig(context);
  return {
    'app.info': async () => {
      const lastContext = preferences.lastContext();
      return {
        version: app.options.version,
        mode: app.options.mode,
        ...(lastContext ? { lastContext } : {}),
      };
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

    'resources.watch': (input, sink, signal) => watchResources(watches, input, sink, signal),

    'logs.follow': (input, sink, signal) => followLogs(watches, kc, input, sink, signal),

    'kinds.discover': ({ context }) => discoverCustomKinds(kc(context)),

    'resource.get': ({ context, ...ref }) => getObject(kc(context), ref),

    'resource.delete': ({ context, ...ref }) => deleteObject(kc(context), ref),

    'resource.scale': ({ context, replicas, ...ref }) => scaleObject(kc(context), ref, replicas),

    'secret.reveal': ({ context, key, ...ref }) =>
      revealSecretValue(kc(context), { kind: 'secrets', ...ref }, key),
  };
}
