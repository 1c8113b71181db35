/**
 * The saved-forward and namespace-forward channels (shared/contract/forwards.ts, second
 * part). A placeholder so the contract type-checks until fwd-fleet's implementation
 * replaces this file: every call answers Internal "not implemented yet".
 */
import type {
  namespaceForwardChannels,
  savedForwardChannels,
} from '../../shared/contract/forwards';
import { PilotError } from '../../shared/contract/errors';
import type { HandlersFor } from '../rpc/handler-types';
import type { PreferencesStore } from '../platform/preferences';
import type { WatchRegistry } from '../watch/watch-registry';
import type { ForwardEngine } from './engine';

export interface FleetDeps {
  engine: ForwardEngine;
  preferences: PreferencesStore;
  watches: WatchRegistry;
}

type FleetChannels = keyof typeof savedForwardChannels | keyof typeof namespaceForwardChannels;

const notYet = () => Promise.reject(new PilotError('Internal', 'not implemented yet'));

export function fleetHandlers(_deps: FleetDeps): HandlersFor<FleetChannels> {
  return {
    'forwards.saved.list': notYet,
    'forwards.saved.save': notYet,
    'forwards.saved.remove': notYet,
    'forwards.saved.setAutostart': notYet,
    'forwards.startAll': notYet,
    'forwards.stopAll': notYet,
    'forwards.namespaces.watch': (_input, sink) =>
      sink.fail(new PilotError('Internal', 'not implemented yet')),
    'forwards.namespace.start': notYet,
    'forwards.namespace.stop': notYet,
  };
}
