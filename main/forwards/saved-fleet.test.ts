import { describe, expect, it } from 'vitest';
import type { ForwardOrigin, ForwardSpecInput } from '../../shared/contract/forwards';
import { BULK_CONCURRENCY } from './bounded';
import { FakeEngine } from './fleet-fakes';
import { SavedForwardFleet } from './saved-fleet';
import { SavedForwardsStore, type SettingsSections } from './saved-forwards';

function memorySettings(): SettingsSections & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    section: (name) => structuredClone(data.get(name)),
    setSection: async (name, value) => void data.set(name, structuredClone(value)),
  };
}

const spec = (context: string, i: number): ForwardSpecInput => ({
  context,
  namespace: 'team-a',
  kind: 'pods',
  name: `pod-${i}`,
  port: 8080,
  localPort: 0,
});

/** An engine whose starts wait for a microtask turn, counting how many are in flight. */
class SlowEngine extends FakeEngine {
  inFlight = 0;
  most = 0;
  override async start(input: ForwardSpecInput, origin: ForwardOrigin) {
    this.inFlight++;
    this.most = Math.max(this.most, this.inFlight);
    await new Promise((r) => setImmediate(r));
    this.inFlight--;
    return super.start(input, origin);
  }
}

describe('SavedForwardFleet', () => {
  it('restores 50 "start automatically" forwards at app start, a few at a time', async () => {
    const settings = memorySettings();
    const store = new SavedForwardsStore(settings);
    for (let i = 0; i < 50; i++) await store.save(spec('c', i), true);
    await store.save(spec('c', 99), false);
    await store.save(spec('other', 1), true);

    // The next run: a fresh store and fleet over the same settings.
    const engine = new SlowEngine();
    const fleet = new SavedForwardFleet(new SavedForwardsStore(settings), engine);
    const outcome = await fleet.restore();
    expect(outcome).toEqual({ done: 51, failures: [] });
    expect(engine.most).toBe(BULK_CONCURRENCY);
    expect(engine.list().every((f) => f.phase === 'active')).toBe(true);
    const listed = fleet.list('c');
    expect(listed.filter((s) => s.forwardId !== null)).toHaveLength(50);
    expect(listed.find((s) => s.spec.name === 'pod-99')!.forwardId).toBeNull();
    // Restoring again starts nothing twice.
    expect(await fleet.restore()).toEqual({ done: 0, failures: [] });
  });

  it('reports failures by target and keeps going', async () => {
    const engine = new FakeEngine();
    engine.forbidden.add('team-a/pod-1');
    engine.taken.add('127.0.0.1:9999');
    const fleet = new SavedForwardFleet(new SavedForwardsStore(memorySettings()), engine);
    await fleet.save(spec('c', 0), true, false);
    await fleet.save(spec('c', 1), true, false);
    await fleet.save({ ...spec('c', 2), localPort: 9999 }, true, false);
    const outcome = await fleet.startAll('c');
    expect(outcome.done).toBe(1);
    expect(outcome.failures).toEqual([
      'team-a/pod/pod-1:8080: Forbidden: pods "x" is forbidden',
      'team-a/pod/pod-2:8080: Failed: local port 9999 is in use',
    ]);
  });

  it('save starts it; stop all keeps them as stopped; start all brings them back', async () => {
    const engine = new FakeEngine();
    const fleet = new SavedForwardFleet(new SavedForwardsStore(memorySettings()), engine);
    const a = await fleet.save(spec('c', 0), false, true);
    expect(a.forwardId).not.toBeNull();
    await fleet.save(spec('d', 0), false, true);

    expect(await fleet.stopAll('c', true)).toEqual({ done: 1, failures: [] });
    expect(engine.list().map((f) => [f.spec.context, f.phase])).toEqual([
      ['c', 'stopped'],
      ['d', 'active'],
    ]);
    // Kept as stopped: still listed with its (stopped) forward, still saved.
    expect(fleet.list('c')[0]!.forwardId).toBe(a.forwardId);

    expect(await fleet.startAll('c')).toEqual({ done: 1, failures: [] });
    expect(
      engine
        .list()
        .filter((f) => f.spec.context === 'c')
        .map((f) => f.phase),
    ).toEqual(['active']);

    // Removing a saved forward stops its forward and forgets it.
    await fleet.remove('c', a.id);
    expect(fleet.list('c')).toEqual([]);
    expect(engine.list().map((f) => f.spec.context)).toEqual(['d']);
    await expect(fleet.remove('c', a.id)).rejects.toThrow(/no saved forward/);

    // Stop all without keeping: removed from the engine, still saved.
    expect(await fleet.stopAll(undefined, false)).toEqual({ done: 1, failures: [] });
    expect(engine.list()).toEqual([]);
    expect(fleet.list('d')).toHaveLength(1);
  });

  it('a saved forward stopped without keeping is forgotten; kept, or at app close, it stays', async () => {
    const engine = new FakeEngine();
    const fleet = new SavedForwardFleet(new SavedForwardsStore(memorySettings()), engine);
    const a = await fleet.save(spec('c', 0), true, true);
    const b = await fleet.save(spec('c', 1), true, true);
    const c = await fleet.save(spec('c', 2), true, true);
    // The user's choice in forward.stop: keep (stays saved, listed as stopped) ...
    await engine.stop(b.forwardId!, true);
    expect(fleet.list('c').map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    // ... or not (removed, and forgotten).
    await engine.stop(a.forwardId!, false);
    expect(fleet.list('c').map((s) => s.id)).toEqual([b.id, c.id]);
    // The app closing stops everything and forgets nothing.
    fleet.close();
    await engine.stop(c.forwardId!, false);
    expect(fleet.list('c').map((s) => s.id)).toEqual([b.id, c.id]);
  });

  it('turns autostart on and off', async () => {
    const fleet = new SavedForwardFleet(new SavedForwardsStore(memorySettings()), new FakeEngine());
    const a = await fleet.save(spec('c', 0), false, false);
    expect((await fleet.setAutostart('c', a.id, true)).autostart).toBe(true);
    await expect(fleet.setAutostart('c', 's-404', true)).rejects.toThrow(/no saved forward/);
  });
});
