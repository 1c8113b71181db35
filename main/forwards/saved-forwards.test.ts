import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreferencesStore } from '../platform/preferences';
import { SavedForwardsStore } from './saved-forwards';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pilothouse-saved-forwards-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(): Promise<{ prefs: PreferencesStore; saved: SavedForwardsStore }> {
  const prefs = new PreferencesStore(dir);
  await prefs.load();
  return { prefs, saved: new SavedForwardsStore(prefs) };
}

const web = (context: string) => ({
  context,
  namespace: 'team-a',
  kind: 'services' as const,
  name: 'web',
  port: 'http',
  localPort: 8080,
});

describe('SavedForwardsStore: forwards remembered in the settings file', () => {
  it('round-trips through the file, per context, next to the namespace preferences', async () => {
    const { prefs, saved } = await open();
    await prefs.setChoice('kind-a', { all: false, namespaces: ['team-a'] });
    const a = await saved.save(web('kind-a'), true);
    const b = await saved.save(
      { context: 'kind-a', namespace: 'team-a', kind: 'pods', name: 'db-0', port: 5432 },
      false,
    );
    await saved.save(web('__proto__'), true);
    await prefs.flush();

    const again = await open();
    expect(again.saved.contexts().sort()).toEqual(['__proto__', 'kind-a']);
    expect(again.saved.list('kind-a')).toEqual([
      {
        id: a.id,
        autostart: true,
        spec: { ...web('kind-a'), address: '127.0.0.1' },
      },
      {
        id: b.id,
        autostart: false,
        spec: {
          context: 'kind-a',
          namespace: 'team-a',
          kind: 'pods',
          name: 'db-0',
          port: 5432,
          localPort: 'same-or-free',
          address: '127.0.0.1',
        },
      },
    ]);
    expect(again.saved.list('__proto__')).toHaveLength(1);
    expect(again.prefs.forContext('kind-a').choice).toEqual({ all: false, namespaces: ['team-a'] });
    expect(({} as Record<string, unknown>)['spec']).toBeUndefined();
  });

  it('saves the same forward once, and updates its autostart', async () => {
    const { saved } = await open();
    const first = await saved.save(web('c'), false);
    const second = await saved.save(web('c'), true);
    expect(second.id).toBe(first.id);
    expect(saved.list('c')).toEqual([{ ...first, autostart: true }]);
  });

  it('removes one and changes autostart, and gives fresh ids', async () => {
    const { prefs, saved } = await open();
    const a = await saved.save(web('c'), true);
    const b = await saved.save({ ...web('c'), localPort: 8081 }, true);
    expect(b.id).not.toBe(a.id);
    expect(await saved.remove('c', a.id)).toBe(true);
    expect(await saved.remove('c', a.id)).toBe(false);
    await saved.setAutostart('c', b.id, false);
    await prefs.flush();
    expect((await open()).saved.list('c')).toEqual([{ ...b, autostart: false }]);
    const c = await saved.save({ ...web('c'), localPort: 8082 }, true);
    expect([a.id, b.id]).not.toContain(c.id);
  });

  it('keeps unreadable entries verbatim, loads the others, and writes both back', async () => {
    const good = { id: 's-1', autostart: true, spec: { ...web('c'), address: '127.0.0.1' } };
    const bad = { id: 's-2', autostart: 'yes', spec: { name: 'x' } };
    const wrongContext = { ...good, id: 's-3', spec: { ...good.spec, context: 'other' } };
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        contexts: { c: { choice: { all: true }, addedNamespaces: ['extra'] } },
        forwards: { version: 1, contexts: { c: [good, bad, wrongContext] } },
      }),
    );
    const { prefs, saved } = await open();
    expect(saved.list('c')).toEqual([good]);
    expect(prefs.forContext('c').addedNamespaces).toEqual(['extra']);
    await saved.save({ ...web('c'), localPort: 9000 }, false);
    await prefs.flush();
    const written = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(written.forwards.unreadable).toEqual([
      { context: 'c', entry: bad },
      { context: 'c', entry: wrongContext },
    ]);
    expect(written.forwards.contexts.c).toHaveLength(2);
    expect(written.contexts.c.addedNamespaces).toEqual(['extra']);
  });

  it('a broken forwards section loses nothing else, and is kept', async () => {
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        lastContext: 'c',
        contexts: {},
        forwards: 'garbage',
      }),
    );
    const { prefs, saved } = await open();
    expect(prefs.lastContext()).toBe('c');
    expect(saved.contexts()).toEqual([]);
    await saved.save(web('c'), true);
    await prefs.flush();
    const written = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(written.forwards.unreadable).toEqual(['garbage']);
    expect(written.lastContext).toBe('c');
  });

  it('broken namespace preferences are set aside, and the saved forwards survive', async () => {
    const good = { id: 's-1', autostart: true, spec: { ...web('c'), address: '127.0.0.1' } };
    await writeFile(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        version: 1,
        contexts: { c: { choice: 'nope' } },
        forwards: { version: 1, contexts: { c: [good] } },
      }),
    );
    const { prefs, saved } = await open();
    await prefs.flush();
    expect(saved.list('c')).toEqual([good]);
    expect(prefs.forContext('c')).toEqual({ choice: { all: true }, addedNamespaces: [] });
    // The broken file is set aside (nothing lost), the forwards written back at once.
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
    const written = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(written.forwards.contexts.c).toEqual([good]);
  });

  it('refuses an invalid spec with zod', async () => {
    const { saved } = await open();
    await expect(saved.save({ ...web('c'), port: 0 }, true)).rejects.toThrow();
    await expect(saved.save({ ...web('c'), address: 'localhost' }, true)).rejects.toThrow();
  });
});
