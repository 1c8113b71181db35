/**
 * The fleet's channels (shared/contract/forwards.ts: saved forwards and namespace
 * forwards) wired to its services; the engine's single-forward channels are in
 * handlers.ts, which merges these with one line. Inputs arrive validated.
 */
import type {
  namespaceForwardChannels,
  savedForwardChannels,
} from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import type { HandlersFor } from '../rpc/handler-types';
import { fleetFor, type FleetSources } from './fleet';

/** The engine, the settings and the watches: the fleet built on them is one per engine. */
export type FleetDeps = FleetSources;

type FleetChannel = keyof typeof savedForwardChannels | keyof typeof namespaceForwardChannels;

export function fleetHandlers(deps: FleetDeps): HandlersFor<FleetChannel> {
  const { saved, namespaces } = fleetFor(deps);
  return {
    'forwards.saved.list': async ({ context }) => saved.list(context),
    'forwards.saved.save': ({ spec, autostart, start }) => saved.save(spec, autostart, start),
    'forwards.saved.remove': async ({ context, id }) => {
      await saved.remove(context, id);
      return { removed: true };
    },
    'forwards.saved.setAutostart': ({ context, id, autostart }) =>
      saved.setAutostart(context, id, autostart),
    'forwards.startAll': ({ context }, signal) => saved.startAll(context, signal),
    'forwards.stopAll': ({ context, keep }) => saved.stopAll(context, keep),

    'forwards.namespaces.watch': (_input, sink, signal) => {
      const unsubscribe = namespaces.subscribe((event) => sink.emit(event));
      signal.addEventListener('abort', () => unsubscribe(), { once: true });
    },
    'forwards.namespace.start': ({ context, namespace, mode }) =>
      namespaces.start(context, namespace, mode),
    'forwards.namespace.stop': async ({ id }) => {
      if (!(await namespaces.stop(id)))
        throw new PilotError('NotFound', `no namespace forward ${id}`);
      return { stopped: true };
    },
  };
}
