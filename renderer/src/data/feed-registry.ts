/**
 * The live feeds of one connection, shared by key: five components asking for the same
 * stream (the Overview's summary, the Events view, a detail panel's events, ...) share one
 * subscription and one store. Keyed by the connection's {@link PilotApi}, because a feed
 * lives exactly as long as the connection it streams over, and whoever holds the api can
 * reach its feeds without another context provider.
 */
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { PilotApi } from '../../../shared/contract/api';
import type { StreamName } from '../../../shared/contract/channels';
import { Feed, type FeedFailure, type FeedSpec } from './feed';

/**
 * How long, in ms, a feed stays open after its last subscriber left. Long enough that
 * going to a view and back (or React remounting) reuses the rows; short enough that
 * streams nobody looks at do not pile up. Main keeps its own caches longer (GRACE_MS).
 */
export const FEED_LINGER_MS = 5_000;

type AnyFeed = Feed<StreamName, FeedFailure>;

export class FeedRegistry {
  private readonly feeds = new Map<string, AnyFeed>();

  constructor(
    private readonly api: PilotApi,
    private readonly lingerMs = FEED_LINGER_MS,
  ) {}

  /** Listens to the feed of `spec`, opening it if it is not open yet. */
  subscribe<K extends StreamName, S extends FeedFailure>(
    spec: FeedSpec<K, S>,
    listener: () => void,
  ): () => void {
    return this.feedOf(spec).subscribe(listener);
  }

  /** The current snapshot of `spec`'s feed, or `spec.empty` when none is open. */
  snapshot<K extends StreamName, S extends FeedFailure>(spec: FeedSpec<K, S>): S {
    const feed = this.feeds.get(idOf(spec)) as Feed<K, S> | undefined;
    return feed ? feed.get() : spec.empty;
  }

  /** Opens again every failed feed that still has subscribers (after a reconnect). */
  retryFailed(): void {
    for (const feed of this.feeds.values()) feed.retry();
  }

  /** Closes every feed at once (the connection is being dropped). */
  closeAll(): void {
    for (const feed of [...this.feeds.values()]) feed.close();
  }

  /** How many feeds are open or lingering, for tests and diagnostics. */
  get size(): number {
    return this.feeds.size;
  }

  private feedOf<K extends StreamName, S extends FeedFailure>(spec: FeedSpec<K, S>): Feed<K, S> {
    const id = idOf(spec);
    const existing = this.feeds.get(id);
    // The id includes the channel, so the feed stored under it streams K into S.
    if (existing) return existing as unknown as Feed<K, S>;
    const feed: Feed<K, S> = new Feed(this.api, spec, this.lingerMs, () => {
      if (this.feeds.get(id) === (feed as unknown as AnyFeed)) this.feeds.delete(id);
    });
    this.feeds.set(id, feed as unknown as AnyFeed);
    return feed;
  }
}

function idOf(spec: { channel: string; key: string }): string {
  return `${spec.channel} ${spec.key}`;
}

const registries = new WeakMap<PilotApi, FeedRegistry>();

/** The one registry of `api`'s feeds, created on first use. */
export function feedsOf(api: PilotApi): FeedRegistry {
  let registry = registries.get(api);
  if (!registry) {
    registry = new FeedRegistry(api);
    registries.set(api, registry);
  }
  return registry;
}

/**
 * A feed's snapshot while mounted. `spec` may be a new object each render: only its
 * channel and key decide which feed is read, so equal specs never reopen a stream.
 */
export function useFeed<K extends StreamName, S extends FeedFailure>(
  api: PilotApi,
  spec: FeedSpec<K, S>,
): S {
  const id = idOf(spec);
  // `id` stands for the spec by value (channel and normalised input).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stable = useMemo(() => spec, [id]);
  const registry = feedsOf(api);
  const subscribe = useCallback(
    (listener: () => void) => registry.subscribe(stable, listener),
    [registry, stable],
  );
  const get = useCallback(() => registry.snapshot(stable), [registry, stable]);
  return useSyncExternalStore(subscribe, get);
}
