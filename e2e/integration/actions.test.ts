// Test 6 of issue 10, against the real API server: a delete names the object the user saw
// by its uid (preconditions.uid), so a newer object with the same name is never deleted
// (the API server refuses with 409 and the contract says `Conflict`); a cancelled delete
// never deletes; the delete and scale channels refuse kinds the UI does not offer them for.
// Everything happens in the namespace e2e-actions. The services and handlers are main's
// own (main/app.ts), reached directly and through the dispatcher both transports use.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, startServices, type AppServices } from '../../main/app';
import { serveConnection } from '../../main/rpc/dispatcher';
import type { Handlers } from '../../main/rpc/handler-types';
import type { ServerMessage } from '../../shared/contract/wire';
import type { PilotErrorData } from '../../shared/contract/errors';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import { eventually, sleep } from './cluster';

const NS = 'e2e-actions';
const CONTEXT = 'pilothouse-admin';
/** Calls and cancels sent back to back over the dispatcher, each on a live object. */
const WIRE_CANCEL_ROUNDS = 25;
/** How long a stray request, had one left main, gets to act before the object is checked. */
const SETTLE_MS = 1500;

type Deletable = 'configmaps' | 'pods';
const kinds: readonly Deletable[] = ['configmaps', 'pods'];

let services: AppServices;
let handlers: Handlers;

beforeAll(async () => {
  freshNamespace(NS);
  services = await startServices({
    mode: 'web',
    kubeconfig: requireClusterKubeconfig(),
    settingsDir: mkdtempSync(path.join(os.tmpdir(), 'pilothouse-actions-')),
    version: 'test',
    watchKubeconfig: false,
    loadSettings: false,
  });
  handlers = createHandlers(services);
});
afterAll(async () => {
  await services?.stop();
  deleteNamespace(NS);
});

/** Creates the object afresh (deleting a leftover first) and returns its uid. */
function create(kind: Deletable, name: string): string {
  kubectl(['-n', NS, 'delete', kind, name, '--ignore-not-found', '--wait=true']);
  kubectlApply(
    kind === 'configmaps'
      ? JSON.stringify({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: NS },
          data: { created: new Date().toISOString() },
        })
      : JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: NS },
          spec: {
            terminationGracePeriodSeconds: 0,
            containers: [{ name: 'main', image: 'nginx:1.27' }],
          },
        }),
  );
  return uidOf(kind, name);
}

/** The object's uid now, or '' when it does not exist. */
function uidOf(kind: Deletable, name: string): string {
  return kubectl([
    '-n',
    NS,
    'get',
    kind,
    name,
    '--ignore-not-found',
    '-o',
    'jsonpath={.metadata.uid}',
  ]).trim();
}

/** Still there and not being deleted: the same uid and no deletionTimestamp. */
function intact(kind: Deletable, name: string): string {
  return kubectl([
    '-n',
    NS,
    'get',
    kind,
    name,
    '--ignore-not-found',
    '-o',
    'jsonpath={.metadata.uid} {.metadata.deletionTimestamp}',
  ]).trim();
}

/** The raced-* ConfigMaps: name to "uid deletionTimestamp" (trimmed), in one kubectl call. */
function raced(): Map<string, string> {
  const out = kubectl([
    '-n',
    NS,
    'get',
    'configmaps',
    '-l',
    'raced=yes',
    '-o',
    'jsonpath={range .items[*]}{.metadata.name} {.metadata.uid} {.metadata.deletionTimestamp}{"\\n"}{end}',
  ]);
  return new Map(
    out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.split(' ')[0] ?? '', line.slice(line.indexOf(' ') + 1).trim()]),
  );
}

async function failureOf(p: Promise<unknown>): Promise<PilotErrorData> {
  try {
    await p;
  } catch (error) {
    return error as PilotErrorData;
  }
  throw new Error('expected the call to fail');
}

/** A dispatcher over main's handlers, as a transport runs it; `replies` by call id. */
function connection(served: Handlers = handlers) {
  const replies = new Map<number, ServerMessage>();
  const waiters = new Map<number, (m: ServerMessage) => void>();
  const conn = serveConnection(served, (message) => {
    if (!('id' in message) || message.id === null) return;
    replies.set(message.id, message);
    waiters.get(message.id)?.(message);
  });
  const reply = (id: number) =>
    replies.get(id) ?? new Promise<ServerMessage>((resolve) => waiters.set(id, resolve));
  const call = (id: number, channel: string, input: unknown) => {
    conn.receive({ t: 'call', id, channel, input });
    return reply(id);
  };
  return { conn, replies, call };
}

describe('delete names the object by its uid', () => {
  it.each(kinds)(
    '%s: deleting with the uid of a replaced object is refused (Conflict); the new one stays',
    async (kind) => {
      const name = `stale-${kind}`;
      const seen = create(kind, name);
      // Behind the user's back: deleted and created again under the same name.
      const replacement = create(kind, name);
      expect(replacement).not.toBe(seen);

      const input = { context: CONTEXT, kind, namespace: NS, name, uid: seen };
      const error = await failureOf(
        handlers['resource.delete'](input, new AbortController().signal),
      );
      expect(error.code).toBe('Conflict');
      expect(error.message).toMatch(/was replaced since you opened it.*nothing was deleted/);

      // The same through the dispatcher: a typed error on the wire.
      const wire = connection();
      expect(await wire.call(1, 'resource.delete', input)).toEqual({
        t: 'error',
        id: 1,
        error: { code: 'Conflict', message: error.message },
      });
      wire.conn.close();

      expect(intact(kind, name)).toBe(replacement);
      // With the uid of the object that is there now, the delete goes through.
      await handlers['resource.delete'](
        { ...input, uid: replacement },
        new AbortController().signal,
      );
      await eventually('the object to be gone', async () => uidOf(kind, name) === '', 60_000, 250);
    },
  );

  it('deleting an object that is gone says so, and deletes nothing', async () => {
    const seen = create('configmaps', 'vanished');
    kubectl(['-n', NS, 'delete', 'configmap', 'vanished', '--wait=true']);
    const error = await failureOf(
      handlers['resource.delete'](
        { context: CONTEXT, kind: 'configmaps', namespace: NS, name: 'vanished', uid: seen },
        new AbortController().signal,
      ),
    );
    expect(error).toMatchObject({
      code: 'NotFound',
      message: /no longer exists; nothing was deleted/,
    });
  });
});

describe('a cancelled delete never deletes', () => {
  it.each(kinds)('%s: the signal aborted before the handler runs: Cancelled', async (kind) => {
    const name = `cancelled-${kind}`;
    const uid = create(kind, name);
    const controller = new AbortController();
    controller.abort();
    const error = await failureOf(
      handlers['resource.delete'](
        { context: CONTEXT, kind, namespace: NS, name, uid },
        controller.signal,
      ),
    );
    expect(error.code).toBe('Cancelled');
    await sleep(SETTLE_MS);
    expect(intact(kind, name)).toBe(uid);
  });

  it(`over the dispatcher: call and cancel in one tick, ${WIRE_CANCEL_ROUNDS} times, delete nothing`, async () => {
    const names = Array.from({ length: WIRE_CANCEL_ROUNDS }, (_, i) => `raced-${i}`);
    kubectl(['-n', NS, 'delete', 'configmaps', '-l', 'raced=yes', '--wait=true']);
    kubectlApply(
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: names.map((name) => ({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, namespace: NS, labels: { raced: 'yes' } },
        })),
      }),
    );
    const created = raced();
    const uids = names.map((name) => created.get(name) ?? '(missing)');
    expect(uids.every((uid) => /^[0-9a-f-]{36}$/.test(uid))).toBe(true);
    // Count the handler runs: the cancel races the delete itself, not the input check.
    let started = 0;
    const counted: Handlers = {
      ...handlers,
      'resource.delete': (input, signal) => {
        started++;
        return handlers['resource.delete'](input, signal);
      },
    };
    const wire = connection(counted);
    names.forEach((name, i) => {
      const input = { context: CONTEXT, kind: 'configmaps', namespace: NS, name, uid: uids[i] };
      wire.conn.receive({ t: 'call', id: i + 1, channel: 'resource.delete', input });
      wire.conn.receive({ t: 'cancel', id: i + 1 });
    });
    expect(started).toBe(WIRE_CANCEL_ROUNDS);
    // A later call on the same connection answers: the connection is fine.
    const after = await wire.call(1000, 'resource.get', {
      context: CONTEXT,
      kind: 'configmaps',
      namespace: NS,
      name: names[0],
    });
    expect(after.t).toBe('result');
    await sleep(SETTLE_MS);
    // A cancelled call never answers with a result (today it gets no reply at all: the
    // client answered Cancelled itself).
    for (let id = 1; id <= WIRE_CANCEL_ROUNDS; id++) {
      const reply = wire.replies.get(id);
      if (reply) expect(reply).toMatchObject({ t: 'error', error: { code: 'Cancelled' } });
    }
    const intactNow = raced();
    expect(names.map((name) => intactNow.get(name) ?? '(gone)')).toEqual(uids);

    // Not cancelled, the same call deletes: the inputs above were good ones.
    const done = await wire.call(2000, 'resource.delete', {
      context: CONTEXT,
      kind: 'configmaps',
      namespace: NS,
      name: names[0],
      uid: uids[0],
    });
    expect(done).toEqual({ t: 'result', id: 2000, value: null });
    wire.conn.close();
  });
});

describe('delete and scale accept only the kinds the UI offers', () => {
  it('the channels refuse other kinds with Invalid, naming the kinds they take', async () => {
    const wire = connection();
    const ns = kubectl(['get', 'namespace', NS, '-o', 'jsonpath={.metadata.uid}']).trim();
    const refused = await wire.call(1, 'resource.delete', {
      context: CONTEXT,
      kind: 'namespaces',
      name: NS,
      uid: ns,
    });
    expect(refused).toMatchObject({
      t: 'error',
      error: { code: 'Invalid', message: /kind: must be a kind Pilothouse offers delete for/ },
    });
    const scale = await wire.call(2, 'resource.scale', {
      context: CONTEXT,
      kind: 'pods',
      namespace: NS,
      name: 'x',
      replicas: 0,
    });
    expect(scale).toMatchObject({
      t: 'error',
      error: { code: 'Invalid', message: /kind: must be a kind Pilothouse offers scale for/ },
    });
    wire.conn.close();
  });

  it('main refuses them again when the schema is bypassed; the namespace survives', async () => {
    const ns = kubectl(['get', 'namespace', NS, '-o', 'jsonpath={.metadata.uid}']).trim();
    const bypass = handlers['resource.delete'] as (i: unknown, s: AbortSignal) => Promise<null>;
    const error = await failureOf(
      bypass(
        { context: CONTEXT, kind: 'namespaces', name: NS, uid: ns },
        new AbortController().signal,
      ),
    );
    expect(error).toMatchObject({ code: 'Invalid', message: /does not delete Namespace/ });
    await sleep(SETTLE_MS);
    expect(
      kubectl([
        'get',
        'namespace',
        NS,
        '-o',
        'jsonpath={.metadata.uid} {.metadata.deletionTimestamp}',
      ]).trim(),
    ).toBe(ns);
  });
});
