import { describe, expect, it, vi } from 'vitest';
import type { NamespaceForwardState } from '../../shared/contract/forwards';
import type { CacheListener } from '../watch/watch-cache';
import { FakeEngine, FakeWatches } from './fleet-fakes';
import type { ServiceFacts } from '../../shared/forwards/target-facts';
import { serviceFacts } from '../../shared/forwards/target-facts';
import { NamespaceForwards } from './namespace-forwards';

const KEY = 'c/services#forwards/team-a';

const svc = (name: string, spec: Record<string, unknown>, uid = `u-${name}`) =>
  serviceFacts({ metadata: { name, namespace: 'team-a', uid }, spec });

const web = svc('web', {
  selector: { app: 'web' },
  ports: [
    { name: 'http', port: 80 },
    { name: 'metrics', port: 9113 },
  ],
});
const api = svc('api', { selector: { app: 'api' }, ports: [{ name: 'http', port: 80 }] });
const external = svc('payments', { type: 'ExternalName', externalName: 'pay.example.invalid' });
const manual = svc('legacy', { ports: [{ port: 80 }] });

async function started(
  aliases: boolean,
  rows: ServiceFacts[],
  engine = new FakeEngine(),
): Promise<{
  engine: FakeEngine;
  forwards: NamespaceForwards;
  state: NamespaceForwardState;
  feed: CacheListener<ServiceFacts>;
}> {
  const watches = new FakeWatches();
  const forwards = new NamespaceForwards({ engine, watches, aliasesWork: async () => aliases });
  const starting = forwards.start('c', 'team-a');
  const feed = await vi.waitFor(() => watches.listener<ServiceFacts>(KEY));
  feed.upsert(rows);
  feed.status({ phase: 'ready' });
  return { engine, forwards, state: await starting, feed };
}

describe('NamespaceForwards: every Service of a namespace', () => {
  it('gives each Service its own address with its own ports, and the hosts lines', async () => {
    const { state, engine } = await started(true, [web, api, external, manual]);
    expect(state).toMatchObject({ mode: 'addresses', state: 'Active (2 Services)' });
    const byName = new Map(state.services.map((s) => [s.service, s]));
    const w = byName.get('web')!;
    const a = byName.get('api')!;
    expect(w.address).toMatch(/^127\.1\.\d+\.\d+$/);
    expect(a.address).not.toBe(w.address);
    // Both on port 80 at once, each on its own address.
    expect(w.ports.map((p) => [p.port, p.localPort])).toEqual([
      [80, 80],
      [9113, 9113],
    ]);
    expect(a.ports.map((p) => [p.port, p.localPort])).toEqual([[80, 80]]);
    expect(engine.forwards.size).toBe(3);
    for (const f of engine.forwards.values()) {
      expect(f.spec.kind).toBe('services');
      expect(f.origin).toEqual({ type: 'namespace', groupId: state.id });
    }
    expect(byName.get('payments')!.skipped).toMatch(/ExternalName/);
    expect(byName.get('legacy')!.skipped).toMatch(/no selector/);
    expect(state.hostsLines).toBe(
      `${a.address} api api.team-a api.team-a.svc.cluster.local\n` +
        `${w.address} web web.team-a web.team-a.svc.cluster.local\n`,
    );
  });

  it('falls back to distinct free ports on 127.0.0.1 without loopback aliases', async () => {
    const { state } = await started(false, [web, api]);
    expect(state.mode).toBe('ports');
    const ports = state.services.flatMap((s) => s.ports.map((p) => p.localPort));
    expect(new Set(ports).size).toBe(3);
    expect(state.services.every((s) => s.address === '127.0.0.1')).toBe(true);
    // The first to start keeps 80; the other port 80 moved to a free one.
    expect(ports.filter((p) => p === 80)).toHaveLength(1);
  });

  it('takes a free port on the same address when the own port is taken', async () => {
    const engine = new FakeEngine();
    const { state: probe } = await started(true, [api], new FakeEngine());
    const address = probe.services[0]!.address;
    engine.taken.add(`${address}:80`);
    const { state } = await started(true, [api], engine);
    expect(state.services[0]!.ports[0]!.localPort).toBeGreaterThanOrEqual(40_000);
    // The failed attempt was dropped, not left in the list.
    expect([...engine.forwards.values()].map((f) => f.phase)).toEqual(['active']);
  });

  it('adds a Service created while it runs, drops a deleted one, follows a change', async () => {
    const { forwards, engine, feed, state } = await started(true, [web]);
    const events: NamespaceForwardState[] = [];
    forwards.subscribe((e) => {
      if (e.type === 'upsert') events.push(...e.groups);
    });
    feed.upsert([api]);
    await forwards.idle(state.id);
    expect(engine.forwards.size).toBe(3);
    expect(events.at(-1)!.services.map((s) => s.service)).toEqual(['api', 'web']);

    feed.delete(['u-web']);
    await forwards.idle(state.id);
    expect(engine.forwards.size).toBe(1);
    expect(forwards.get(state.id)!.services.map((s) => s.service)).toEqual(['api']);

    // api gains a port: its forwards are replaced.
    feed.upsert([apiTwoPorts()]);
    await forwards.idle(state.id);
    expect(engine.forwards.size).toBe(2);
    // An unchanged Service (a resync, a label edit) is left alone.
    const before = engine.starts;
    feed.upsert([apiTwoPorts()]);
    await forwards.idle(state.id);
    expect(forwards.get(state.id)!.services[0]!.ports).toHaveLength(2);
    expect(engine.starts).toBe(before);
  });

  it('says Forbidden when the Services cannot be listed', async () => {
    const watches = new FakeWatches();
    const forwards = new NamespaceForwards({
      engine: new FakeEngine(),
      watches,
      aliasesWork: async () => true,
    });
    const starting = forwards.start('c', 'team-a');
    const feed = await vi.waitFor(() => watches.listener<ServiceFacts>(KEY));
    feed.status({ phase: 'forbidden', message: 'services is forbidden: User "viewer" …' });
    expect((await starting).state).toBe('Forbidden: services is forbidden: User "viewer" …');
  });

  it('answers the running group when asked twice; stop ends every forward', async () => {
    const { forwards, engine, state } = await started(true, [web, api]);
    expect((await forwards.start('c', 'team-a')).id).toBe(state.id);
    const removed: string[] = [];
    forwards.subscribe((e) => e.type === 'remove' && removed.push(...e.ids));
    expect(await forwards.stop(state.id)).toBe(true);
    expect(engine.forwards.size).toBe(0);
    expect(engine.taken.size).toBe(0);
    expect(removed).toEqual([state.id]);
    expect(forwards.list()).toEqual([]);
    expect(await forwards.stop(state.id)).toBe(false);
  });
});

function apiTwoPorts(): ServiceFacts {
  return svc('api', {
    selector: { app: 'api' },
    ports: [
      { name: 'http', port: 80 },
      { name: 'grpc', port: 9090 },
    ],
  });
}
