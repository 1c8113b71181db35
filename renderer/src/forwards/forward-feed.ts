/**
 * The live forwards of this app (`forwards.watch`, all contexts) and the namespace
 * forwards (`forwards.namespaces.watch`), as feeds shared by key: the view, the detail
 * panel's Forward… action and the namespace dialog read one stream each.
 */
import type { PilotApi } from '../../../shared/contract/api';
import type { PilotErrorData } from '../../../shared/contract/errors';
import type {
  ForwardsEvent,
  ForwardState,
  NamespaceForwardsEvent,
  NamespaceForwardState,
} from '../../../shared/contract/forwards';
import type { FeedModel, FeedSpec } from '../data/feed';
import { useFeed } from '../data/feed-registry';

export interface ForwardsSnapshot {
  /** In the order the engine first reported them (its ids count up). */
  forwards: ForwardState[];
  /** At least one batch arrived. */
  loaded: boolean;
  error?: PilotErrorData;
}

const emptyForwards: ForwardsSnapshot = { forwards: [], loaded: false };

export class ForwardRows implements FeedModel<ForwardsEvent, ForwardsSnapshot> {
  private readonly byId = new Map<string, ForwardState>();
  private loaded = false;

  apply(events: ForwardsEvent[]): number {
    this.loaded = true;
    for (const event of events) {
      if (event.type === 'upsert') for (const f of event.forwards) this.byId.set(f.id, f);
      else for (const id of event.ids) this.byId.delete(id);
    }
    return 0;
  }

  snapshot(): ForwardsSnapshot {
    return { forwards: [...this.byId.values()], loaded: this.loaded };
  }
}

export const forwardsFeedSpec: FeedSpec<'forwards.watch', ForwardsSnapshot> = {
  channel: 'forwards.watch',
  key: '',
  input: {},
  empty: emptyForwards,
  createModel: () => new ForwardRows(),
};

export function useForwards(api: PilotApi): ForwardsSnapshot {
  return useFeed(api, forwardsFeedSpec);
}

export interface NamespaceForwardsSnapshot {
  groups: NamespaceForwardState[];
  error?: PilotErrorData;
}

const emptyGroups: NamespaceForwardsSnapshot = { groups: [] };

export class NamespaceForwardRows implements FeedModel<
  NamespaceForwardsEvent,
  NamespaceForwardsSnapshot
> {
  private readonly byId = new Map<string, NamespaceForwardState>();

  apply(events: NamespaceForwardsEvent[]): number {
    for (const event of events) {
      if (event.type === 'upsert') for (const g of event.groups) this.byId.set(g.id, g);
      else for (const id of event.ids) this.byId.delete(id);
    }
    return 0;
  }

  snapshot(): NamespaceForwardsSnapshot {
    return { groups: [...this.byId.values()] };
  }
}

const namespaceFeedSpec: FeedSpec<'forwards.namespaces.watch', NamespaceForwardsSnapshot> = {
  channel: 'forwards.namespaces.watch',
  key: '',
  input: {},
  empty: emptyGroups,
  createModel: () => new NamespaceForwardRows(),
};

export function useNamespaceForwards(api: PilotApi): NamespaceForwardsSnapshot {
  return useFeed(api, namespaceFeedSpec);
}
