import { describe, expect, it } from 'vitest';
import {
  builtinKindNamed,
  builtinKinds,
  customKindId,
  isBuiltin,
  isScalable,
  kindIds,
  resolveKind,
  scalableKindIds,
} from './kinds';
import { kindId, resourceChannels } from '../contract/resources';

describe('the kind registry', () => {
  it('has unique ids, Kind names and group/plural pairs; the id is the plural', () => {
    const ids = builtinKinds.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(builtinKinds.map((k) => k.kind)).size).toBe(ids.length);
    expect(new Set(builtinKinds.map((k) => `${k.group}/${k.plural}`)).size).toBe(ids.length);
    for (const k of builtinKinds) expect(k.plural).toBe(k.id);
  });

  it('every kind has labels, a section and a table with name first', () => {
    for (const k of builtinKinds) {
      expect(k.label, k.id).toMatch(/^[A-Z]/);
      expect(k.singular, k.id).toBe(k.kind);
      expect(k.section, k.id).toBeTruthy();
      expect(k.columns[0]?.id === 'name' || k.id === 'events', k.id).toBe(true);
    }
  });

  it('the contract’s kindId enum is the registry’s ids', () => {
    expect(kindId.options).toEqual(builtinKinds.map((k) => k.id));
    expect(kindIds).toEqual(builtinKinds.map((k) => k.id));
  });

  it('resource.scale accepts exactly the kinds whose actions include scale', () => {
    const scalable = builtinKinds.filter((k) => k.actions.includes('scale')).map((k) => k.id);
    expect(scalable).toEqual(['deployments', 'replicasets', 'statefulsets']);
    expect([...scalableKindIds]).toEqual(scalable);
    const input = { context: 'c', namespace: 'n', name: 'x', replicas: 1 };
    const scale = resourceChannels['resource.scale'].input;
    for (const k of builtinKinds)
      expect(scale.safeParse({ ...input, kind: k.id }).success, k.id).toBe(isScalable(k.id));
  });

  it.each(builtinKinds.map((k) => [k.kind, k.id] as const))('names %s as %s', (kind, id) =>
    expect(builtinKindNamed(kind)?.id).toBe(id),
  );

  it('knows no kind by a made-up or plural name', () => {
    expect(builtinKindNamed('Widget')).toBeUndefined();
    expect(builtinKindNamed('Pods')).toBeUndefined();
    expect(builtinKindNamed('pod')).toBeUndefined();
  });

  it('tells built-in group/plural pairs from others', () => {
    expect(isBuiltin('apps', 'deployments')).toBe(true);
    expect(isBuiltin('networking.k8s.io', 'ingresses')).toBe(true);
    expect(isBuiltin('networking.k8s.io', 'networkpolicies')).toBe(false);
    expect(isBuiltin('gateway.networking.k8s.io', 'gateways')).toBe(false);
  });

  it('resolves a custom resource generically, named by its real kind', () => {
    const ref = {
      group: 'gateway.networking.k8s.io',
      version: 'v1',
      plural: 'httproutes',
      namespaced: true,
      kind: 'HTTPRoute',
    };
    const def = resolveKind(ref)!;
    expect(def).toMatchObject({
      id: 'gateway.networking.k8s.io/v1/httproutes',
      kind: 'HTTPRoute',
      label: 'HTTPRoute',
      singular: 'HTTPRoute',
      actions: [],
    });
    expect(def.columns.map((c) => c.id)).toEqual(['name', 'namespace', 'age']);
    expect(customKindId(ref)).toBe(def.id);
    expect(resolveKind('no-such-kind')).toBeUndefined();
  });
});
