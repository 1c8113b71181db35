import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreferencesStore } from './preferences';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pilothouse-prefs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Context names a kubeconfig may use that are special on a plain JavaScript object. */
const specialNames = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];

describe('PreferencesStore keys contexts by any name', () => {
  it.each(specialNames)('remembers context "%s" like any other, across a restart', async (name) => {
    const store = new PreferencesStore(dir);
    await store.load();
    // Nothing stored yet: the defaults, not whatever Object.prototype has under that name.
    expect(store.forContext(name)).toEqual({ choice: { all: true }, addedNamespaces: [] });
    await store.setChoice(name, { all: false, namespaces: ['team-b', 'team-a'] });
    await store.editAdded(name, 'extra', 'add');
    await store.setLastContext(name);
    await store.flush();

    const expected = {
      choice: { all: false, namespaces: ['team-a', 'team-b'] },
      addedNamespaces: ['extra'],
    };
    expect(store.forContext(name)).toEqual(expected);
    // Other contexts are untouched (no prototype pollution through the name).
    expect(store.forContext('other')).toEqual({ choice: { all: true }, addedNamespaces: [] });
    expect(({} as Record<string, unknown>)['choice']).toBeUndefined();

    const reloaded = new PreferencesStore(dir);
    await reloaded.load();
    expect(reloaded.forContext(name)).toEqual(expected);
    expect(reloaded.lastContext()).toBe(name);
    expect(reloaded.forContext('other')).toEqual({ choice: { all: true }, addedNamespaces: [] });
  });

  it('reads a settings file whose context keys are __proto__ and constructor', async () => {
    const prefs = (ns: string) => ({
      choice: { all: false, namespaces: [ns] },
      addedNamespaces: [],
    });
    await writeFile(
      path.join(dir, 'settings.json'),
      `{"version":1,"contexts":{"__proto__":${JSON.stringify(prefs('a'))},"constructor":${JSON.stringify(prefs('b'))}}}`,
    );
    const store = new PreferencesStore(dir);
    await store.load();
    expect(store.forContext('__proto__')).toEqual(prefs('a'));
    expect(store.forContext('constructor')).toEqual(prefs('b'));
    await store.setChoice('x', { all: true });
    await store.flush();
    const written = await readFile(path.join(dir, 'settings.json'), 'utf8');
    expect(Object.keys(JSON.parse(written).contexts)).toEqual(['__proto__', 'constructor', 'x']);
  });

  it('sets aside a file whose context entry is invalid, as before', async () => {
    await writeFile(
      path.join(dir, 'settings.json'),
      '{"version":1,"contexts":{"__proto__":{"choice":"nope","addedNamespaces":[]}}}',
    );
    const store = new PreferencesStore(dir);
    await store.load();
    expect(store.forContext('__proto__')).toEqual({ choice: { all: true }, addedNamespaces: [] });
  });
});
