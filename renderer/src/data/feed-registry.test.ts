import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NamespaceChoice } from '../../../shared/contract/cluster';
import type { ResourceStreamEvent } from '../../../shared/contract/resources';
import type { Row } from '../../../shared/resources/rows';
import { FEED_LINGER_MS, FeedRegistry, feedsOf } from './feed-registry';
import { resourceFeedSpec } from './resource-feed';
import { fakeApi, type FakeApi } from './fake-api.test-support';

const all: NamespaceChoice = { all: true };
const some = (...namespaces: string[]): NamespaceChoice => ({ all: false, namespaces });
const row = (uid: string, name = uid): Row => ({ uid, name, namespace: 'default', cells: {} });
const pods = (namespaces: NamespaceChoice = all) => resourceFeedSpec('kind-a', 'pods', namespaces);

describe('FeedRegistry', () => {
  let api: FakeApi;
  let feeds: FeedRegistry;

  beforeEach(() => {
    vi.useFakeTimers();
    api = fakeApi();
    feeds = new FeedRegistry(api);
  });
  afterEach(() => {
    feeds.closeAll();
    vi.useRealTimers();
  });

  it('opens nothing until the first subscriber, then one stream with the normalised input', () => {
    expect(feeds.snapshot(pods(some('b', 'a', 'b')))).toEqual({
      rows: [],
      statuses: {},
      loaded: false,
    });
    expect(api.streams).toHaveLength(0);

    feeds.subscribe(pods(some('b', 'a', 'b')), () => undefined);
    expect(api.streams).toHaveLength(1);
    expect(api.streams[0]!.channel).toBe('resources.watch');
    expect(api.streams[0]!.input).toEqual({
      context: 'kind-a',
      kind: 'pods',
      namespaces: { all: false, namespaces: ['a', 'b'] },
    });
  });

  it('shares one stream and one store between subscribers of the same key', () => {
    const heardA = vi.fn();
    const heardB = vi.fn();
    feeds.subscribe(pods(), heardA);
    feeds.subscribe(pods(), heardB);
    expect(api.streams).toHaveLength(1);

    api.streams[0]!.batch([{ type: 'upsert', rows: [row('u1')] }]);
    expect(heardA).toHaveBeenCalledTimes(1);
    expect(heardB).toHaveBeenCalledTimes(1);
    // Both read the very same snapshot object.
    expect(feeds.snapshot(pods())).toBe(feeds.snapshot(pods()));
    expect(feeds.snapshot(pods()).rows.map((r) => r.uid)).toEqual(['u1']);
  });

  it('opens one stream per distinct key', () => {
    feeds.subscribe(pods(), () => undefined);
    feeds.subscribe(resourceFeedSpec('kind-a', 'deployments', all), () => undefined);
    feeds.subscribe(resourceFeedSpec('kind-b', 'pods', all), () => undefined);
    feeds.subscribe(pods(some('a')), () => undefined);
    expect(api.streams).toHaveLength(4);
    expect(feeds.size).toBe(4);
  });

  it('treats namespace order and repeats as the same stream', () => {
    feeds.subscribe(pods(some('b', 'a')), () => undefined);
    feeds.subscribe(pods(some('a', 'b')), () => undefined);
    feeds.subscribe(pods(some('a', 'b', 'a')), () => undefined);
    expect(api.streams).toHaveLength(1);
  });

  it('treats any namespace choice of a cluster-scoped kind as one stream', () => {
    feeds.subscribe(resourceFeedSpec('kind-a', 'nodes', all), () => undefined);
    feeds.subscribe(resourceFeedSpec('kind-a', 'nodes', some('x')), () => undefined);
    expect(api.streams).toHaveLength(1);
    expect(api.streams[0]!.input).toMatchObject({ namespaces: { all: true } });
  });

  it('keys custom resources by group/version/plural', () => {
    const crd = {
      group: 'x.io',
      version: 'v1',
      plural: 'widgets',
      namespaced: true,
      kind: 'Widget',
    };
    const reordered = {
      kind: 'Widget',
      namespaced: true,
      plural: 'widgets',
      version: 'v1',
      group: 'x.io',
    };
    feeds.subscribe(resourceFeedSpec('kind-a', crd, all), () => undefined);
    feeds.subscribe(resourceFeedSpec('kind-a', reordered, all), () => undefined);
    expect(api.streams).toHaveLength(1);
  });

  it('closes the stream only after the linger time once the last subscriber leaves', () => {
    const leaveA = feeds.subscribe(pods(), () => undefined);
    const leaveB = feeds.subscribe(pods(), () => undefined);
    leaveA();
    vi.advanceTimersByTime(FEED_LINGER_MS * 2);
    expect(api.open()).toHaveLength(1);

    leaveB();
    vi.advanceTimersByTime(FEED_LINGER_MS - 1);
    expect(api.open()).toHaveLength(1);
    expect(feeds.size).toBe(1);
    vi.advanceTimersByTime(1);
    expect(api.open()).toHaveLength(0);
    expect(feeds.size).toBe(0);
    expect(feeds.snapshot(pods()).rows).toEqual([]);
  });

  it('reuses the lingering stream and its rows when subscribed again in time', () => {
    const leave = feeds.subscribe(pods(), () => undefined);
    api.streams[0]!.batch([{ type: 'upsert', rows: [row('u1')] }]);
    leave();
    vi.advanceTimersByTime(FEED_LINGER_MS - 1);

    const heard = vi.fn();
    feeds.subscribe(pods(), heard);
    expect(api.streams).toHaveLength(1);
    expect(feeds.snapshot(pods()).rows.map((r) => r.uid)).toEqual(['u1']);

    // The linger timer was cancelled: the stream outlives the old deadline.
    vi.advanceTimersByTime(FEED_LINGER_MS * 2);
    expect(api.open()).toHaveLength(1);
    api.streams[0]!.batch([{ type: 'delete', uids: ['u1'] }]);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('opens a new stream after the linger time has passed', () => {
    feeds.subscribe(pods(), () => undefined)();
    vi.advanceTimersByTime(FEED_LINGER_MS);
    feeds.subscribe(pods(), () => undefined);
    expect(api.streams).toHaveLength(2);
    expect(api.streams[0]!.signal.aborted).toBe(true);
    expect(api.open()).toEqual([api.streams[1]]);
  });

  it('ignores a second call of the same unsubscribe', () => {
    const leaveA = feeds.subscribe(pods(), () => undefined);
    feeds.subscribe(pods(), () => undefined);
    leaveA();
    leaveA();
    vi.advanceTimersByTime(FEED_LINGER_MS);
    expect(api.open()).toHaveLength(1);
  });

  it('lands upserts, deletes and statuses in the store, notifying once per batch', () => {
    const heard = vi.fn();
    feeds.subscribe(pods(some('a', 'b')), heard);
    const stream = api.streams[0]!;
    const batch: ResourceStreamEvent[] = [
      { type: 'status', scope: 'a', status: { phase: 'loading' } },
      { type: 'status', scope: 'b', status: { phase: 'loading' } },
      { type: 'upsert', rows: [row('u1'), row('u2'), row('u3')] },
      { type: 'delete', uids: ['u2'] },
      { type: 'status', scope: 'a', status: { phase: 'ready' } },
    ];
    stream.batch(batch);
    expect(heard).toHaveBeenCalledTimes(1);
    let snapshot = feeds.snapshot(pods(some('a', 'b')));
    expect(snapshot.rows.map((r) => r.uid)).toEqual(['u1', 'u3']);
    expect(snapshot.statuses).toEqual({ a: { phase: 'ready' }, b: { phase: 'loading' } });
    expect(snapshot.loaded).toBe(false);

    stream.batch([
      { type: 'status', scope: 'b', status: { phase: 'forbidden', message: 'no' } },
      { type: 'upsert', rows: [row('u1', 'renamed')] },
    ]);
    expect(heard).toHaveBeenCalledTimes(2);
    snapshot = feeds.snapshot(pods(some('a', 'b')));
    expect(snapshot.loaded).toBe(true);
    expect(snapshot.rows.map((r) => r.name)).toEqual(['renamed', 'u3']);
  });

  it('publishes large lists at most once per publish interval', () => {
    const heard = vi.fn();
    feeds.subscribe(pods(), heard);
    const stream = api.streams[0]!;
    const many = Array.from({ length: 2500 }, (_, i) => row(`u${i}`));
    stream.batch([{ type: 'upsert', rows: many }]);
    stream.batch([{ type: 'delete', uids: ['u0'] }]);
    stream.batch([{ type: 'delete', uids: ['u1'] }]);
    expect(heard).not.toHaveBeenCalled();
    vi.runOnlyPendingTimers();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(feeds.snapshot(pods()).rows).toHaveLength(2498);
  });

  it('publishes a large list at once when it is complete, cancelling the pending publish', () => {
    const heard = vi.fn();
    feeds.subscribe(pods(), heard);
    const stream = api.streams[0]!;
    stream.batch([{ type: 'status', scope: '', status: { phase: 'loading' } }]);
    heard.mockClear();
    const many = Array.from({ length: 2500 }, (_, i) => row(`u${i}`));
    stream.batch([{ type: 'upsert', rows: many }]);
    expect(heard).not.toHaveBeenCalled();
    stream.batch([{ type: 'status', scope: '', status: { phase: 'ready' } }]);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(feeds.snapshot(pods())).toMatchObject({ loaded: true });
    expect(feeds.snapshot(pods()).rows).toHaveLength(2500);
    vi.runOnlyPendingTimers();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('sets the error on a failed stream, and a later subscriber opens it again', () => {
    const heard = vi.fn();
    feeds.subscribe(pods(), heard);
    api.streams[0]!.batch([{ type: 'upsert', rows: [row('u1')] }]);
    api.streams[0]!.fail({ code: 'Unreachable', message: 'gone' });
    expect(heard).toHaveBeenCalledTimes(2);
    expect(feeds.snapshot(pods()).error).toEqual({ code: 'Unreachable', message: 'gone' });
    // What the stream had stays visible next to the error.
    expect(feeds.snapshot(pods()).rows.map((r) => r.uid)).toEqual(['u1']);

    feeds.subscribe(pods(), () => undefined);
    expect(api.streams).toHaveLength(2);
    expect(feeds.snapshot(pods()).error).toBeUndefined();
    expect(feeds.snapshot(pods()).rows).toEqual([]);
    api.streams[1]!.batch([{ type: 'upsert', rows: [row('u2')] }]);
    expect(feeds.snapshot(pods()).rows.map((r) => r.uid)).toEqual(['u2']);
    // The first subscriber follows the new stream too.
    expect(heard).toHaveBeenCalledTimes(4);
  });

  it('ignores batches that arrive after the stream was closed', () => {
    feeds.subscribe(pods(), () => undefined)();
    vi.advanceTimersByTime(FEED_LINGER_MS);
    api.streams[0]!.batch([{ type: 'upsert', rows: [row('late')] }]);
    expect(feeds.snapshot(pods()).rows).toEqual([]);
  });

  it('survives a stream that fails at once, and retries failed feeds on request', () => {
    api.failNextWith = { code: 'Unreachable', message: 'not connected' };
    const heard = vi.fn();
    feeds.subscribe(pods(), heard);
    expect(feeds.snapshot(pods()).error?.message).toBe('not connected');

    feeds.retryFailed();
    expect(api.streams).toHaveLength(2);
    expect(feeds.snapshot(pods()).error).toBeUndefined();
    api.streams[1]!.batch([{ type: 'status', scope: '', status: { phase: 'ready' } }]);
    expect(feeds.snapshot(pods()).loaded).toBe(true);

    // A healthy feed is left alone.
    feeds.retryFailed();
    expect(api.streams).toHaveLength(2);
  });

  it('closeAll cancels every stream', () => {
    feeds.subscribe(pods(), () => undefined);
    feeds.subscribe(resourceFeedSpec('kind-a', 'events', all), () => undefined);
    feeds.closeAll();
    expect(api.open()).toHaveLength(0);
    expect(feeds.size).toBe(0);
  });
});

describe('feedsOf', () => {
  it('gives one registry per connection', () => {
    const a = fakeApi();
    const b = fakeApi();
    expect(feedsOf(a)).toBe(feedsOf(a));
    expect(feedsOf(a)).not.toBe(feedsOf(b));
  });
});
