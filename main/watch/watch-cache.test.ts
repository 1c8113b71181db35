// The watch cache's state machine, driven by a scripted API server: each list and watch
// call waits until the test answers it, so every step is explicit and no test waits for
// real time (retries run on fake timers). The real-cluster behaviour is covered by the
// integration suite. Over 300 lines: the scripted transport and the cases read best together.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScopeStatus } from '../../shared/contract/resources';
import type { KubeObject } from '../../shared/kube/object-types';
import { HttpError, type ApiTransport, type WatchEvent } from '../platform/http';
import type { ListHead } from '../platform/list-splitter';
import { PAGE_SIZE, UNPAGED, WatchCache, type CacheListener, type Projection } from './watch-cache';

type Query = Record<string, string | undefined>;

interface ListCall {
  type: 'list';
  path: string;
  query: Query;
  answer(items: KubeObject[], meta?: { continue?: string; resourceVersion?: string }): void;
  /** A streamed list: hands over these items now, the answer comes later. */
  deliver(items: KubeObject[]): void;
  fail(error: unknown): void;
}

interface WatchCall {
  type: 'watch';
  path: string;
  query: Query;
  /** Delivers an event; an event the cache rejects (410) ends the watch with its error. */
  send(type: WatchEvent['type'], object: Record<string, unknown>): void;
  /** The server closes the stream (timeoutSeconds reached). */
  end(): void;
  fail(error: unknown): void;
}

type Call = ListCall | WatchCall;

/** An ApiTransport whose answers the test gives, call by call. */
class ScriptedApi implements ApiTransport {
  private readonly calls: Call[] = [];
  private readonly waiting: ((call: Call) => void)[] = [];

  list<T>(path: string, query: Query, signal: AbortSignal): Promise<T> {
    return settled<T>(signal, (resolve, reject) => {
      this.push({
        type: 'list',
        path,
        query,
        answer: (items, meta = {}) =>
          resolve({
            metadata: { resourceVersion: meta.resourceVersion ?? '1', continue: meta.continue },
            items,
          } as T),
        deliver: () => {
          throw new Error('a paged list of list() has nothing to stream');
        },
        fail: reject,
      });
    });
  }

  /** The streamed list: the answer's items are handed over one by one, then its head. */
  listItems(
    path: string,
    query: Query,
    onItem: (item: unknown) => void,
    signal: AbortSignal,
  ): Promise<ListHead> {
    return settled<ListHead>(signal, (resolve, reject) => {
      this.push({
        type: 'list',
        path,
        query,
        answer: (items, meta = {}) => {
          try {
            for (const item of items) onItem(item);
          } catch (error) {
            return reject(error);
          }
          resolve({
            resourceVersion: meta.resourceVersion ?? '1',
            ...(meta.continue ? { continue: meta.continue } : {}),
          });
        },
        deliver: (items) => {
          for (const item of items) onItem(item);
        },
        fail: reject,
      });
    });
  }

  watch(
    path: string,
    query: Query,
    onEvent: (event: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return settled<void>(signal, (resolve, reject) => {
      this.push({
        type: 'watch',
        path,
        query,
        send: (type, object) => {
          try {
            onEvent({ type, object });
          } catch (error) {
            reject(error);
          }
        },
        end: resolve,
        fail: reject,
      });
    });
  }

  /** The cache's next call; fails the test if it is of another type. */
  async next<T extends Call['type']>(type: T): Promise<Extract<Call, { type: T }>> {
    const call =
      this.calls.shift() ?? (await new Promise<Call>((resolve) => this.waiting.push(resolve)));
    expect(call.type).toBe(type);
    return call as Extract<Call, { type: T }>;
  }

  private push(call: Call): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(call);
    else this.calls.push(call);
  }
}

/** A promise that an abort rejects, like fetch's; its abort listener goes when it settles. */
function settled<T>(
  signal: AbortSignal,
  executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    const cleanup = () => signal.removeEventListener('abort', abort);
    executor(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error) => {
        cleanup();
        reject(error);
      },
    );
  });
}

interface Row {
  uid: string;
  name: string;
  version: string;
}

const configMaps: Projection<Row> = {
  id: 'configmaps',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  namespaced: true,
  project: (o) => ({
    uid: o.metadata?.uid ?? '',
    name: o.metadata?.name ?? '',
    version: o.metadata?.resourceVersion ?? '',
  }),
};

/** An object whose uid is its name; resourceVersions are opaque strings. */
const obj = (name: string, rv: string): KubeObject => ({
  metadata: { name, uid: `uid-${name}`, resourceVersion: rv },
});

/** What listeners were told, in order, in a readable form. */
class Recorder implements CacheListener<Row> {
  readonly log: string[] = [];
  readonly rows = new Map<string, Row>();
  upsert(rows: Row[]): void {
    for (const row of rows) this.rows.set(row.uid, row);
    this.log.push(`upsert ${rows.map((r) => `${r.name}@${r.version}`).join(' ')}`);
  }
  delete(uids: string[]): void {
    for (const uid of uids) this.rows.delete(uid);
    this.log.push(`delete ${uids.join(' ')}`);
  }
  status(status: ScopeStatus): void {
    this.log.push(`status ${status.phase}${'message' in status ? `: ${status.message}` : ''}`);
  }
  /** The log since the last call. */
  private seen = 0;
  take(): string[] {
    const out = this.log.slice(this.seen);
    this.seen = this.log.length;
    return out;
  }
  names(): string[] {
    return [...this.rows.values()].map((r) => r.name).sort();
  }
}

const forbidden = () =>
  new HttpError(
    403,
    JSON.stringify({
      kind: 'Status',
      code: 403,
      message: 'configmaps is forbidden: User "viewer" cannot list resource "configmaps"',
    }),
  );

let api: ScriptedApi;
let cache: WatchCache<Row>;
let seen: Recorder;

beforeEach(() => {
  vi.useFakeTimers();
  api = new ScriptedApi();
  cache = new WatchCache(api, configMaps, 'team-a', 'test/configmaps@team-a');
  seen = new Recorder();
});

afterEach(() => {
  cache.stop();
  vi.useRealTimers();
});

/** Starts the cache and answers its first list with one page. */
async function loaded(items: KubeObject[], resourceVersion = '100'): Promise<WatchCall> {
  cache.addListener(seen);
  (await api.next('list')).answer(items, { resourceVersion });
  const watch = await api.next('watch');
  seen.take();
  return watch;
}

describe('WatchCache', () => {
  it('follows continue tokens across pages, shows pages as they come, then watches', async () => {
    cache.addListener(seen);
    const first = await api.next('list');
    expect(first.path).toBe('/api/v1/namespaces/team-a/configmaps');
    expect(first.query).toEqual({ limit: '500', continue: undefined });
    first.answer([obj('a', '1'), obj('b', '2')], { continue: 'page-2', resourceVersion: '50' });

    const second = await api.next('list');
    expect(second.query).toEqual({ limit: '500', continue: 'page-2' });
    // The first page is on screen before the second one is asked for.
    expect(seen.take()).toEqual(['status loading', 'upsert a@1 b@2']);
    // A listener that joins during the load is given the rows shown so far.
    const early = new Recorder();
    cache.addListener(early);
    expect(early.names()).toEqual(['a', 'b']);
    second.answer([obj('c', '3')], { continue: 'page-3', resourceVersion: '50' });

    const third = await api.next('list');
    expect(third.query.continue).toBe('page-3');
    third.answer([obj('d', '4')], { resourceVersion: '50' });

    const watch = await api.next('watch');
    expect(seen.take()).toEqual(['upsert c@3', 'upsert d@4', 'status ready']);
    expect(watch.query).toMatchObject({ resourceVersion: '50', allowWatchBookmarks: 'true' });
    expect(cache.size()).toBe(4);
    expect(early.names()).toEqual(['a', 'b', 'c', 'd']);

    // A listener that arrives now is given every row and the status.
    const late = new Recorder();
    cache.addListener(late);
    expect(late.names()).toEqual(['a', 'b', 'c', 'd']);
    expect(late.take().at(-1)).toBe('status ready');
  });

  it('applies watch events and resumes from the last resourceVersion (bookmarks too)', async () => {
    const watch = await loaded([obj('a', '1'), obj('b', '1')]);
    watch.send('ADDED', obj('c', '101'));
    watch.send('MODIFIED', obj('a', '102'));
    watch.send('MODIFIED', obj('a', '102')); // same version again: nothing to tell
    watch.send('DELETED', obj('b', '103'));
    watch.send('BOOKMARK', { metadata: { resourceVersion: '110' } });
    expect(seen.take()).toEqual(['upsert c@101', 'upsert a@102', 'delete uid-b']);

    watch.end();
    const again = await api.next('watch');
    expect(again.query.resourceVersion).toBe('110');
    expect(seen.names()).toEqual(['a', 'c']);
  });

  it('relists from the start when a continue token has expired (410), dropping what went', async () => {
    cache.addListener(seen);
    (await api.next('list')).answer([obj('a', '1'), obj('b', '1')], {
      continue: 'page-2',
      resourceVersion: '50',
    });
    const second = await api.next('list');
    second.fail(
      new HttpError(410, JSON.stringify({ kind: 'Status', code: 410, reason: 'Expired' })),
    );

    // At once (no backoff), from the beginning.
    const restart = await api.next('list');
    expect(restart.query).toEqual({ limit: '500', continue: undefined });
    // b was deleted while the first list was under way; c was created.
    restart.answer([obj('a', '1'), obj('c', '7')], { resourceVersion: '80' });
    const watch = await api.next('watch');
    expect(watch.query.resourceVersion).toBe('80');

    expect(seen.take()).toEqual([
      'status loading',
      'upsert a@1 b@1',
      'upsert c@7',
      'delete uid-b',
      'status ready',
    ]);
    expect(seen.names()).toEqual(['a', 'c']);
    expect(cache.size()).toBe(2);
  });

  it('relists when the watch says 410 Gone, telling only what changed by resourceVersion', async () => {
    const watch = await loaded([obj('a', '1'), obj('b', '1'), obj('c', '1')]);
    watch.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired' });

    const relist = await api.next('list');
    expect(relist.query.continue).toBeUndefined();
    // a unchanged, b changed (opaque versions: "10" is not compared as a number with "9"),
    // c gone, d new.
    relist.answer([obj('a', '1'), obj('b', 'x9'), obj('d', '1')], { resourceVersion: '200' });
    const rewatch = await api.next('watch');
    expect(rewatch.query.resourceVersion).toBe('200');

    expect(seen.take()).toEqual(['upsert b@x9 d@1', 'delete uid-c']);
    expect(seen.names()).toEqual(['a', 'b', 'd']);
  });

  it('reports forbidden, retries slowly, and becomes ready when allowed', async () => {
    cache.addListener(seen);
    (await api.next('list')).fail(forbidden());
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.take()).toEqual([
      'status loading',
      'status forbidden: not allowed to list configmaps in namespace team-a: configmaps is forbidden: User "viewer" cannot list resource "configmaps"',
    ]);

    // Denied requests are retried about once a minute (±20 %), not sooner.
    const next = api.next('list');
    await vi.advanceTimersByTimeAsync(47_000);
    let asked = false;
    void next.then(() => (asked = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toBe(false);
    await vi.advanceTimersByTimeAsync(26_000);
    (await next).answer([obj('a', '1')], { resourceVersion: '9' });

    await api.next('watch');
    expect(seen.take()).toEqual(['upsert a@1', 'status ready']);
  });

  it('retries a forbidden namespace many times without piling up abort listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      cache.addListener(seen);
      for (let i = 0; i < 30; i++) {
        (await api.next('list')).fail(forbidden());
        await vi.advanceTimersByTimeAsync(72_000);
      }
      await new Promise((resolve) => process.nextTick(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('reconnects after a broken watch with backoff, showing "reconnecting" until relisted', async () => {
    const watch = await loaded([obj('a', '1')]);
    watch.fail(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.take()).toEqual([
      'status reconnecting: cannot reach the API server: connection reset',
    ]);

    // First failure: 1 s ±20 %.
    const relist = api.next('list');
    await vi.advanceTimersByTimeAsync(1200);
    (await relist).answer([obj('a', '2')], { resourceVersion: '300' });
    await api.next('watch');
    expect(seen.take()).toEqual(['upsert a@2', 'status ready']);
  });

  it('stops: pending requests are aborted and nothing more is asked', async () => {
    cache.addListener(seen);
    await api.next('list');
    cache.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    let asked = false;
    void api.next('list').then(() => (asked = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toBe(false);
    expect(seen.take()).toEqual(['status loading']);
  });
});

describe('WatchCache listing unpaged', () => {
  it('lists in one request, shows rows every PAGE_SIZE objects as they stream, then watches', async () => {
    const unpaged = new WatchCache(api, configMaps, undefined, 'test/configmaps', UNPAGED);
    const rows = new Recorder();
    unpaged.addListener(rows);
    const list = await api.next('list');
    expect(list.path).toBe('/api/v1/configmaps');
    expect(list.query).toEqual({});
    const many = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => obj(`o${i}`, '1'));
    list.deliver(many.slice(0, PAGE_SIZE - 1));
    expect(rows.take()).toEqual(['status loading']);
    list.deliver(many.slice(PAGE_SIZE - 1, PAGE_SIZE));
    expect(rows.take()).toHaveLength(1);
    expect(rows.rows.size).toBe(PAGE_SIZE);
    // A continue token without a limit is not followed (a server would not send one).
    list.answer(many.slice(PAGE_SIZE), { resourceVersion: '70', continue: 'unasked' });
    const watch = await api.next('watch');
    expect(watch.query.resourceVersion).toBe('70');
    expect(rows.take()).toEqual([`upsert o${PAGE_SIZE}@1`, 'status ready']);
    expect(unpaged.size()).toBe(PAGE_SIZE + 1);
    unpaged.stop();
  });

  it('relists unpaged after a 410, telling only what changed', async () => {
    const unpaged = new WatchCache(api, configMaps, 'team-a', 'test/configmaps@team-a', UNPAGED);
    const rows = new Recorder();
    unpaged.addListener(rows);
    (await api.next('list')).answer([obj('a', '1'), obj('b', '1')], { resourceVersion: '10' });
    const watch = await api.next('watch');
    watch.send('ERROR', { kind: 'Status', code: 410 });
    const relist = await api.next('list');
    expect(relist.query).toEqual({});
    relist.answer([obj('a', '1'), obj('c', '2')], { resourceVersion: '20' });
    await api.next('watch');
    expect(rows.take().slice(-2)).toEqual(['upsert c@2', 'delete uid-b']);
    expect(rows.names()).toEqual(['a', 'c']);
    unpaged.stop();
  });
});
