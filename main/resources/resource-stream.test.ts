import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourceStreamEvent } from '../../shared/contract/resources';
import type { Row } from '../../shared/resources/rows';
import type { ServerMessage } from '../../shared/contract/wire';
import { serveConnection } from '../rpc/dispatcher';
import type { Handlers } from '../rpc/handler-types';
import type { CacheListener } from '../watch/watch-cache';
import type { WatchRegistry } from '../watch/watch-registry';
import { watchResources } from './resource-stream';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const row = (uid: string, version: number): Row => ({
  uid,
  name: `pod-${uid}`,
  namespace: 'team-a',
  cells: { version, note: 'x'.repeat(200) },
});

describe('resources.watch flow control', () => {
  it('a stalled renderer does not grow the queue: 100,000 diffs over 100 pods', async () => {
    const WINDOW = 64 * 1024;
    let listener!: CacheListener<Row>;
    const watches = {
      subscribe: (_c: string, _k: unknown, _ns: unknown, l: CacheListener<Row>) => {
        listener = l;
        return () => undefined;
      },
    } as unknown as WatchRegistry;
    const handlers = {
      'resources.watch': (input: never, sink: never, signal: AbortSignal) =>
        watchResources(watches, input, sink, signal),
    } as unknown as Handlers;
    const sent: ServerMessage[] = [];
    const connection = serveConnection(handlers, (m) => sent.push(m), { windowBytes: WINDOW });
    const input = {
      context: 'c',
      kind: 'pods',
      namespaces: { all: false, namespaces: ['team-a'] },
    };
    connection.receive({ t: 'sub', id: 1, channel: 'resources.watch', input });

    const sentBytes = () => sent.reduce((sum, m) => sum + (m.t === 'batch' ? m.size : 0), 0);
    const liveSetBytes = JSON.stringify(
      [...Array(100).keys()].map((n) => row(`${n}`, 99_999)),
    ).length;
    for (let n = 0; n < 100_000; n++) {
      listener.upsert([row(`${n % 100}`, n)]);
      if (n % 1000 === 999) await vi.advanceTimersByTimeAsync(50);
    }
    listener.status({ phase: 'ready' });
    await vi.advanceTimersByTimeAsync(1000);
    // Nobody acked: one window went out, the rest waits coalesced (at most the live set).
    expect(sentBytes()).toBeGreaterThanOrEqual(WINDOW);
    expect(sentBytes()).toBeLessThan(WINDOW + liveSetBytes);

    connection.receive({ t: 'ack', id: 1, size: sentBytes() });
    await vi.advanceTimersByTimeAsync(1000);
    const rows = new Map<string, Row>();
    let ready = false;
    for (const message of sent) {
      if (message.t !== 'batch') continue;
      for (const event of message.events as ResourceStreamEvent[]) {
        if (event.type === 'upsert') for (const r of event.rows) rows.set(r.uid, r);
        else if (event.type === 'status') ready = event.status.phase === 'ready';
      }
    }
    expect(rows.size).toBe(100);
    expect(rows.get('0')?.cells['version']).toBe(99_900);
    expect(rows.get('99')?.cells['version']).toBe(99_999);
    expect(ready).toBe(true);
    expect(sentBytes()).toBeLessThan(2 * WINDOW + liveSetBytes);
  });
});
