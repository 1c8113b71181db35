import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RolloutRow, RolloutStreamEvent } from '../../shared/contract/rollouts';
import {
  daemonSetRow,
  deploymentRow,
  statefulSetRow,
  type RevisionRef,
} from '../../shared/rollouts/rollout-row';
import type { ServerMessage } from '../../shared/contract/wire';
import { serveConnection } from '../rpc/dispatcher';
import type { Handlers } from '../rpc/handler-types';
import type { CacheListener, Projected } from '../watch/watch-cache';
import type { WatchRegistry } from '../watch/watch-registry';
import { watchRollouts } from './status-stream';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A WatchRegistry stand-in: the stream's listeners by projection id and namespace. */
function fakeWatches() {
  const listeners = new Map<string, CacheListener<Projected>>();
  const watches = {
    subscribe: (
      _c: string,
      kind: { id: string },
      ns: string | undefined,
      l: CacheListener<Projected>,
    ) => {
      listeners.set(`${kind.id}@${ns ?? ''}`, l);
      return () => listeners.delete(`${kind.id}@${ns ?? ''}`);
    },
  } as unknown as WatchRegistry;
  return { watches, listeners };
}

function open(watches: WatchRegistry, windowBytes = 8 * 1024 * 1024) {
  const handlers = {
    'rollouts.watch': (input: never, sink: never, signal: AbortSignal) =>
      watchRollouts(watches, input, sink, signal),
  } as unknown as Handlers;
  const sent: ServerMessage[] = [];
  const connection = serveConnection(handlers, (m) => sent.push(m), { windowBytes });
  connection.receive({
    t: 'sub',
    id: 1,
    channel: 'rollouts.watch',
    input: { context: 'c', namespaces: { all: false, namespaces: ['team-a'] } },
  });
  const events = () =>
    sent.flatMap((m) => (m.t === 'batch' ? (m.events as RolloutStreamEvent[]) : []));
  const rows = () => {
    const out = new Map<string, RolloutRow>();
    for (const e of events()) {
      if (e.type === 'upsert') for (const r of e.rows) out.set(r.uid, r);
      if (e.type === 'delete') for (const uid of e.uids) out.delete(uid);
    }
    return out;
  };
  return { sent, connection, events, rows };
}

const deployment = (uid: string, updated: number, note = '') =>
  deploymentRow({
    metadata: {
      uid,
      name: `web-${uid}${note}`,
      namespace: 'team-a',
      generation: 1,
      annotations: { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: { replicas: 3 },
    status: {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: updated,
      availableReplicas: updated,
    },
  });

describe('rollouts.watch', () => {
  it('watches the four kinds per namespace and reports each watch by resource', async () => {
    const { watches, listeners } = fakeWatches();
    const stream = open(watches);
    expect([...listeners.keys()].sort()).toEqual([
      'controllerrevisions#rollouts@team-a',
      'daemonsets#rollouts@team-a',
      'deployments#rollouts@team-a',
      'statefulsets#rollouts@team-a',
    ]);
    listeners.get('statefulsets#rollouts@team-a')!.status({ phase: 'forbidden', message: 'no' });
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.events()).toContainEqual({
      type: 'status',
      scope: 'team-a',
      resource: 'statefulsets',
      status: { phase: 'forbidden', message: 'no' },
    });
  });

  it('joins a StatefulSet with its ControllerRevisions, whichever comes first', async () => {
    const { watches, listeners } = fakeWatches();
    const stream = open(watches);
    const revisions = listeners.get('controllerrevisions#rollouts@team-a')!;
    const ref = (uid: string, name: string, revision: number): RevisionRef => ({
      uid,
      name,
      owner: 's1',
      revision,
    });
    revisions.upsert([ref('r1', 'db-a', 1), ref('r2', 'db-b', 2)]);
    listeners.get('statefulsets#rollouts@team-a')!.upsert([
      statefulSetRow({
        metadata: { uid: 's1', name: 'db', namespace: 'team-a', generation: 1 },
        spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate' } },
        status: {
          observedGeneration: 1,
          updateRevision: 'db-b',
          updatedReplicas: 1,
          replicas: 3,
          readyReplicas: 3,
        },
      }),
    ]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().get('s1')?.revision).toBe(2);
    // A rollout: the new revision appears, then the StatefulSet points at it.
    revisions.upsert([ref('r3', 'db-c', 3)]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().get('s1')?.revision).toBe(2);
    listeners.get('statefulsets#rollouts@team-a')!.upsert([
      statefulSetRow({
        metadata: { uid: 's1', name: 'db', namespace: 'team-a', generation: 2 },
        spec: { replicas: 3, updateStrategy: { type: 'RollingUpdate' } },
        status: {
          observedGeneration: 2,
          updateRevision: 'db-c',
          updatedReplicas: 0,
          replicas: 3,
          readyReplicas: 3,
        },
      }),
    ]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().get('s1')?.revision).toBe(3);
    listeners.get('statefulsets#rollouts@team-a')!.delete(['s1']);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().has('s1')).toBe(false);
  });

  it('a DaemonSet listed before its ControllerRevisions gets its revision when they arrive', async () => {
    const { watches, listeners } = fakeWatches();
    const stream = open(watches);
    listeners.get('daemonsets#rollouts@team-a')!.upsert([
      daemonSetRow({
        metadata: { uid: 'd1', name: 'agent', namespace: 'team-a', generation: 1 },
        spec: { updateStrategy: { type: 'RollingUpdate' } },
        status: { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2 },
      }),
    ]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().get('d1')?.revision).toBeNull();
    const refs: RevisionRef[] = [
      { uid: 'r1', name: 'agent-a', owner: 'd1', revision: 1 },
      { uid: 'r2', name: 'agent-b', owner: 'd1', revision: 4 },
    ];
    listeners.get('controllerrevisions#rollouts@team-a')!.upsert(refs);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().get('d1')?.revision).toBe(4);
    listeners.get('controllerrevisions#rollouts@team-a')!.delete(['r2']);
    await vi.advanceTimersByTimeAsync(100);
    expect(stream.rows().get('d1')?.revision).toBe(1);
  });

  it('a stalled renderer does not grow the queue: 50,000 updates over 50 Deployments', async () => {
    const WINDOW = 64 * 1024;
    const { watches, listeners } = fakeWatches();
    const stream = open(watches, WINDOW);
    const sentBytes = () => stream.sent.reduce((sum, m) => sum + (m.t === 'batch' ? m.size : 0), 0);
    const deployments = listeners.get('deployments#rollouts@team-a')!;
    const note = 'x'.repeat(100);
    const liveSetBytes = JSON.stringify(
      [...Array(50).keys()].map((n) => deployment(`${n}`, 3, note)),
    ).length;
    for (let n = 0; n < 50_000; n++) {
      deployments.upsert([deployment(`${n % 50}`, n % 4, note)]);
      if (n % 1000 === 999) await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(sentBytes()).toBeGreaterThanOrEqual(WINDOW);
    expect(sentBytes()).toBeLessThan(WINDOW + liveSetBytes);
    stream.connection.receive({ t: 'ack', id: 1, size: sentBytes() });
    await vi.advanceTimersByTimeAsync(1000);
    const rows = stream.rows();
    expect(rows.size).toBe(50);
    // The last update of each Deployment is what the renderer holds: n = 49,950 + uid.
    expect(rows.get('0')?.updated).toBe(49_950 % 4);
    expect(rows.get('49')?.updated).toBe(49_999 % 4);
    // A volume test (50,000 updates), not a timed one: on a loaded 2-core machine it took
    // just over vitest's 5 s default, so it gets room; nothing here asserts a duration.
  }, 30_000);
});
