// The delete and scale channels accept only the kinds the UI offers those actions for (the
// registry's `actions`), and a delete names the object it means by its uid.
import { describe, expect, it } from 'vitest';
import {
  builtinKinds,
  deletableKindIds,
  isDeletable,
  isScalable,
  offersAction,
} from '../kube/kinds';
import { resourceChannels } from './resources';

const UID = '0f6e2b8a-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
const del = resourceChannels['resource.delete'].input;
const scale = resourceChannels['resource.scale'].input;
const custom = {
  group: 'gateway.networking.k8s.io',
  version: 'v1',
  plural: 'httproutes',
  namespaced: true,
  kind: 'HTTPRoute',
};

function deleteInput(kind: unknown, extra: Record<string, unknown> = {}) {
  return { context: 'c', kind, namespace: 'team-a', name: 'x', uid: UID, ...extra };
}

describe('resource.delete', () => {
  it('accepts exactly the kinds whose registry actions include delete', () => {
    const deletable = builtinKinds.filter((k) => k.actions.includes('delete')).map((k) => k.id);
    expect([...deletableKindIds]).toEqual(deletable);
    expect(deletable).not.toContain('nodes');
    for (const k of builtinKinds) {
      const input = k.namespaced ? deleteInput(k.id) : deleteInput(k.id, { namespace: undefined });
      expect(del.safeParse(input).success, k.id).toBe(isDeletable(k.id));
      expect(offersAction(k.id, 'delete'), k.id).toBe(isDeletable(k.id));
    }
  });

  it('refuses a kind without delete with a message naming the kinds that have it', () => {
    for (const kind of ['nodes', 'namespaces', 'events', 'pod', 'Pods', '', 42, null, custom]) {
      const parsed = del.safeParse(deleteInput(kind));
      expect(parsed.success, JSON.stringify(kind)).toBe(false);
    }
    const parsed = del.safeParse(deleteInput('nodes'));
    expect(parsed.error?.issues[0]?.message).toMatch(/offers delete for \(pods, deployments/);
    expect(offersAction(custom, 'delete')).toBe(false);
  });

  it('needs the uid of the object the user saw', () => {
    expect(del.safeParse(deleteInput('pods')).success).toBe(true);
    expect(del.safeParse(deleteInput('pods', { uid: undefined })).success).toBe(false);
    for (const uid of ['', 'x'.repeat(65), 'not a uid', '../x', 7])
      expect(del.safeParse(deleteInput('pods', { uid })).success, String(uid)).toBe(false);
  });

  it('needs the namespace of a namespaced kind and refuses extra fields', () => {
    expect(del.safeParse(deleteInput('pods', { namespace: undefined })).success).toBe(false);
    expect(del.safeParse(deleteInput('pods', { propagationPolicy: 'Orphan' })).success).toBe(false);
    expect(del.safeParse(deleteInput('pods', { preconditions: { uid: UID } })).success).toBe(false);
  });
});

describe('resource.scale', () => {
  const input = { context: 'c', namespace: 'n', name: 'x', replicas: 1 };

  it('accepts exactly the kinds whose registry actions include scale', () => {
    for (const k of builtinKinds) {
      expect(scale.safeParse({ ...input, kind: k.id }).success, k.id).toBe(isScalable(k.id));
      expect(offersAction(k.id, 'scale'), k.id).toBe(isScalable(k.id));
    }
    expect(scale.safeParse({ ...input, kind: custom }).success).toBe(false);
    expect(scale.safeParse({ ...input, kind: 'pods' }).error?.issues[0]?.message).toMatch(
      /offers scale for \(deployments, replicasets, statefulsets\)/,
    );
  });
});
