/**
 * The fleet of one process, built once on top of its forward engine: saved forwards (in
 * the settings file) and namespace forwards. `fleetFor` is memoized per engine so the
 * composition root, every connection's handlers and shutdown all reach the same one.
 * Also the adapter from the engine's handle API to the narrow FleetEngine the fleet uses.
 */
import type { PreferencesStore } from '../platform/preferences';
import type { WatchRegistry } from '../watch/watch-registry';
import { PilotError } from '../../shared/contract/errors';
import type { ForwardEngine } from './engine';
import type { FleetEngine } from './fleet-engine';
import { NamespaceForwards } from './namespace-forwards';
import { SavedForwardFleet } from './saved-fleet';
import { SavedForwardsStore } from './saved-forwards';

export interface Fleet {
  saved: SavedForwardFleet;
  namespaces: NamespaceForwards;
}

export interface FleetSources {
  engine: ForwardEngine;
  preferences: PreferencesStore;
  watches: WatchRegistry;
}

/** The engine as the fleet sees it. */
export function fleetEngine(engine: ForwardEngine): FleetEngine {
  return {
    start: (spec, origin) =>
      // A saved forward waits for a target that is not there yet (restored before the
      // cluster has it); anything else fails at once with the reason.
      engine.start(spec, { origin, waitForTarget: origin.type === 'saved' }).settled(),
    stop: async (id, keep) => {
      try {
        await engine.stop(id, { keep });
      } catch (error) {
        // Already gone (stopped from the view meanwhile): nothing left to do.
        if (!(error instanceof PilotError && error.code === 'NotFound')) throw error;
      }
    },
    list: () => engine.list(),
    subscribe: (listener) => engine.subscribe(listener),
  };
}

const fleets = new WeakMap<ForwardEngine, Fleet>();

export function fleetFor(sources: FleetSources): Fleet {
  const known = fleets.get(sources.engine);
  if (known) return known;
  const engine = fleetEngine(sources.engine);
  const fleet: Fleet = {
    saved: new SavedForwardFleet(new SavedForwardsStore(sources.preferences), engine),
    namespaces: new NamespaceForwards({ engine, watches: sources.watches }),
  };
  fleets.set(sources.engine, fleet);
  return fleet;
}
