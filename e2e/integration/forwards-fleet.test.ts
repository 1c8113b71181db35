// Issue 12, the fleet half: saved forwards restored when the app starts (50 at once, all
// Active, each answering from the pod it names, on few shared watches) and the namespace
// forward (every Service of team-a on its own loopback address with its own ports; a
// Service created afterwards is added, a deleted one dropped). The engine is main's own
// (main/app.ts), the handlers called as the dispatcher calls them; connections go to
// 127.x.y.z only (the fixture agent's servers behind the API server's port-forward).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, startServices, type AppServices } from '../../main/app';
import type { Handlers } from '../../main/rpc/handler-types';
import { PreferencesStore } from '../../main/platform/preferences';
import { SavedForwardsStore } from '../../main/forwards/saved-forwards';
import type {
  ForwardSpecInput,
  ForwardState,
  NamespaceForwardState,
} from '../../shared/contract/forwards';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import { eventually } from './cluster';
import { field, httpGet } from './forward-http';

const CONTEXT = 'pilothouse-admin';
const NS = 'e2e-forwards-fleet';
const SAVED = 50;

let settingsDir: string;
let app: AppServices | undefined;
let handlers: Handlers;

async function startApp(): Promise<void> {
  app = await startServices({
    mode: 'web',
    kubeconfig: requireClusterKubeconfig(),
    settingsDir,
    version: 'test',
    watchKubeconfig: false,
  });
  handlers = createHandlers(app);
}

/** Targets in team-a the fixture agent serves, by kind. */
const targets: Array<Pick<ForwardSpecInput, 'kind' | 'name' | 'port'>> = [
  { kind: 'pods', name: 'db-0', port: 5432 },
  { kind: 'pods', name: 'toolbox', port: 'http' },
  { kind: 'services', name: 'web', port: 'http' },
  { kind: 'services', name: 'api', port: 8080 },
  { kind: 'deployments', name: 'web', port: 'http' },
  { kind: 'statefulsets', name: 'db', port: 'postgres' },
];

beforeAll(async () => {
  settingsDir = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-forwards-fleet-'));
  freshNamespace(NS, { agentLogs: true });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  deleteNamespace(NS);
});

describe('saved forwards', () => {
  it(`${SAVED} saved "start automatically" forwards come back when the app starts, all Active and answering`, async () => {
    // Saved as the app saves them (the settings file), each on its own 127.2.0.x address.
    const prefs = new PreferencesStore(settingsDir);
    await prefs.load();
    const store = new SavedForwardsStore(prefs);
    for (let i = 0; i < SAVED; i++)
      await store.save(
        {
          context: CONTEXT,
          namespace: 'team-a',
          ...targets[i % targets.length]!,
          address: `127.2.0.${i + 1}`,
        },
        true,
      );
    await store.save(
      { context: CONTEXT, namespace: 'team-a', kind: 'pods', name: 'db-0', port: 5432 },
      false,
    );
    await prefs.flush();

    const t0 = performance.now();
    await startApp();
    const forwards = await eventually(
      `${SAVED} restored forwards Active`,
      async () => {
        const list = app!.forwards.list().filter((f) => f.origin.type === 'saved');
        return list.length === SAVED && list.every((f) => f.phase === 'active') && list;
      },
      90_000,
      200,
    );
    const allActiveMs = performance.now() - t0;
    const errors = forwards.filter((f) => f.lastError !== null).map((f) => f.lastError);
    expect(errors).toEqual([]);
    // Each answers from the pod its state names, in team-a.
    const t1 = performance.now();
    const answers = await Promise.all(
      forwards.map(
        async (f: ForwardState) => [f, await httpGet(f.spec.address, f.localPort!)] as const,
      ),
    );
    const answerMs = performance.now() - t1;
    for (const [f, body] of answers) {
      expect(field(body, 'pod'), f.target).toBe(f.pod);
      expect(field(body, 'namespace')).toBe('team-a');
    }
    // One list+watch per kind of the namespace, shared by all 50 (not one per forward).
    const caches = app!.watches.stats().caches;
    expect(caches).toBeLessThanOrEqual(6);
    console.log(
      `[figures] ${SAVED} saved forwards: all Active ${allActiveMs.toFixed(0)} ms after start, ` +
        `${SAVED} HTTP answers in ${answerMs.toFixed(0)} ms, ${caches} watch caches`,
    );
    // The one without "start automatically" stays saved and not running.
    const listed = await handlers['forwards.saved.list'](
      { context: CONTEXT },
      new AbortController().signal,
    );
    expect(listed).toHaveLength(SAVED + 1);
    expect(listed.filter((s) => s.forwardId === null)).toHaveLength(1);
  }, 180_000);
});

describe('namespace forward', () => {
  async function group(id: string): Promise<NamespaceForwardState> {
    return new Promise((resolve) => {
      const controller = new AbortController();
      handlers['forwards.namespaces.watch'](
        {},
        {
          emit: (event) => {
            if (event.type !== 'upsert') return;
            const found = event.groups.find((g) => g.id === id);
            if (found) {
              controller.abort();
              resolve(found);
            }
          },
          end: () => undefined,
          fail: () => undefined,
          pending: () => 0,
          held: () => false,
          writable: () => Promise.resolve(),
        },
        controller.signal,
      );
    });
  }

  it('serves every Service of team-a on its own address, with the Services’ own ports', async () => {
    if (!app) await startApp();
    const signal = new AbortController().signal;
    const state = await handlers['forwards.namespace.start'](
      { context: CONTEXT, namespace: 'team-a', mode: 'auto' },
      signal,
    );
    expect(state.mode).toBe('addresses');
    expect(state.state).toMatch(/^Active \(\d+ Services\)$/);
    const byName = new Map(state.services.map((s) => [s.service, s]));
    expect([...byName.keys()]).toEqual(
      expect.arrayContaining(['web', 'api', 'db', 'legacy-admin']),
    );
    const addresses = state.services.map((s) => s.address);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const address of addresses) expect(address).toMatch(/^127\.1\.\d+\.\d+$/);

    // web:80 and legacy-admin:80 at once, each on its own address; the right pods answer.
    const expectations: Array<[string, number, RegExp]> = [
      ['web', 80, /^web-/],
      ['web', 9113, /^web-/],
      ['api', 8080, /^api-/],
      ['api', 9090, /^api-/],
      ['db', 5432, /^db-0$/],
    ];
    for (const [service, port, pod] of expectations) {
      const s = byName.get(service)!;
      const p = s.ports.find((x) => x.port === port)!;
      expect(p.localPort, `${service}:${port}`).toBe(port);
      const body = await httpGet(s.address, p.localPort!);
      expect(field(body, 'pod'), `${service}:${port}`).toMatch(pod);
      expect(state.hostsLines).toContain(
        `${s.address} ${service} ${service}.team-a ${service}.team-a.svc.cluster.local\n`,
      );
    }
    // legacy-admin selects no pod: forwarded, and says it waits.
    const legacy = byName.get('legacy-admin')!;
    const legacyForward = app!.forwards.list().find((f) => f.id === legacy.ports[0]!.forwardId);
    expect(legacyForward?.state).toBe('Waiting for a ready pod');
    expect(legacy.ports[0]!.localPort).toBe(80);

    const listed = (await group(state.id)).services.map((s) => s.service);
    expect(listed).toEqual([...byName.keys()].sort());
    await handlers['forwards.namespace.stop']({ id: state.id }, signal);
    expect(app!.forwards.list().filter((f) => f.origin.type === 'namespace')).toEqual([]);
  }, 120_000);

  it('adds a Service created while it runs and drops a deleted one', async () => {
    if (!app) await startApp();
    const apply = (name: string) =>
      kubectlApply(
        [
          deployment(name),
          JSON.stringify({
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name, namespace: NS },
            spec: {
              selector: { app: name },
              ports: [{ name: 'http', port: 80, targetPort: 'http' }],
            },
          }),
        ].join('\n---\n'),
      );
    apply('one');
    kubectl(['rollout', 'status', '-n', NS, 'deployment/one', '--timeout=60s']);
    const signal = new AbortController().signal;
    const first = await handlers['forwards.namespace.start'](
      { context: CONTEXT, namespace: NS, mode: 'auto' },
      signal,
    );
    expect(first.services.map((s) => s.service)).toEqual(['one']);
    const one = first.services[0]!;
    expect(field(await httpGet(one.address, 80), 'pod')).toMatch(/^one-/);

    apply('two');
    const added = await eventually(
      'Service two forwarded',
      async () => {
        const g = await group(first.id);
        const two = g.services.find((s) => s.service === 'two');
        if (!two?.ports[0]?.forwardId) return undefined;
        const body = await httpGet(two.address, 80);
        return /^two-/.test(field(body, 'pod') ?? '') ? g : undefined;
      },
      60_000,
      250,
    );
    expect(added.hostsLines).toContain(`two two.${NS} two.${NS}.svc.cluster.local`);

    const twoAddress = added.services.find((s) => s.service === 'two')!.address;
    kubectl(['delete', 'service', '-n', NS, 'two', '--wait=true']);
    const dropped = await eventually(
      'Service two dropped',
      async () => {
        const g = await group(first.id);
        return g.services.every((s) => s.service !== 'two') ? g : undefined;
      },
      30_000,
      250,
    );
    expect(dropped.hostsLines).not.toContain(' two ');
    await expect(httpGet(twoAddress, 80, 2000)).rejects.toThrow(/ECONNREFUSED/);
    // The other Service still answers.
    expect(field(await httpGet(one.address, 80), 'pod')).toMatch(/^one-/);
    await handlers['forwards.namespace.stop']({ id: first.id }, signal);
  }, 180_000);
});

function deployment(name: string): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: NS },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 0,
          containers: [
            { name: 'main', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] },
          ],
        },
      },
    },
  });
}
