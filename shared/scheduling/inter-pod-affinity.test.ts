import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import { makeNode, makePod } from './builders';
import { fitPod } from './fit';

// Two zones: a (n1, n2) and b (n3); n4 has no zone label.
const nodes = [
  makeNode('n1', { labels: { zone: 'a' } }),
  makeNode('n2', { labels: { zone: 'a' } }),
  makeNode('n3', { labels: { zone: 'b' } }),
  makeNode('n4'),
];
const term = (app: string, topologyKey: string, extra: Record<string, unknown> = {}) => ({
  labelSelector: { matchLabels: { app } },
  topologyKey,
  ...extra,
});
const affinity = (kind: 'podAffinity' | 'podAntiAffinity', ...terms: unknown[]) => ({
  affinity: { [kind]: { requiredDuringSchedulingIgnoredDuringExecution: terms } },
});
function verdicts(pod: KubeObject, bound: KubeObject[], namespaces?: KubeObject[]) {
  const r = fitPod({ pod, nodes, boundPods: bound, ...(namespaces ? { namespaces } : {}) });
  return Object.fromEntries(r.nodes.map((n) => [n.name, n.fits ? 'fits' : n.reasons.join('; ')]));
}
const AFF = "node(s) didn't match pod affinity rules";
const ANTI = "node(s) didn't match pod anti-affinity rules";
const EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";
const db = makePod('db', { labels: { app: 'db' }, nodeName: 'n1' });

describe('InterPodAffinity: required affinity', () => {
  it('by zone: every node of the zone with a matching pod; nodes without the key fail', () => {
    const pod = makePod('web', { spec: affinity('podAffinity', term('db', 'zone')) });
    expect(verdicts(pod, [db])).toEqual({ n1: 'fits', n2: 'fits', n3: AFF, n4: AFF });
  });
  it('by hostname: only the node with the pod', () => {
    const pod = makePod('web', {
      spec: affinity('podAffinity', term('db', 'kubernetes.io/hostname')),
    });
    expect(verdicts(pod, [db])).toEqual({ n1: 'fits', n2: AFF, n3: AFF, n4: AFF });
  });
  it('pods in another namespace do not count unless the term names it', () => {
    const other = makePod('db', { labels: { app: 'db' }, nodeName: 'n3', namespace: 'data' });
    const pod = makePod('web', { spec: affinity('podAffinity', term('db', 'zone')) });
    expect(verdicts(pod, [other]).n3).toBe(AFF);
    const named = makePod('web', {
      spec: affinity('podAffinity', term('db', 'zone', { namespaces: ['data'] })),
    });
    expect(verdicts(named, [other]).n3).toBe('fits');
    const bySelector = makePod('web', {
      spec: affinity(
        'podAffinity',
        term('db', 'zone', { namespaceSelector: { matchLabels: { team: 'data' } } }),
      ),
    });
    const ns = [
      { metadata: { name: 'data', labels: { team: 'data' } } },
      { metadata: { name: 'default' } },
    ];
    expect(verdicts(bySelector, [other], ns).n3).toBe('fits');
    const all = makePod('web', {
      spec: affinity('podAffinity', term('db', 'zone', { namespaceSelector: {} })),
    });
    expect(verdicts(all, [other]).n3).toBe('fits');
  });
  it('the first pod of a group: no matching pod anywhere, and the pod matches its own term', () => {
    const self = makePod('web', {
      labels: { app: 'web' },
      spec: affinity('podAffinity', term('web', 'zone')),
    });
    // Every node with the key passes; n4 lacks the key.
    expect(verdicts(self, [])).toEqual({ n1: 'fits', n2: 'fits', n3: 'fits', n4: AFF });
    const notSelf = makePod('web', {
      labels: { app: 'other' },
      spec: affinity('podAffinity', term('web', 'zone')),
    });
    expect(verdicts(notSelf, [])).toEqual({ n1: AFF, n2: AFF, n3: AFF, n4: AFF });
    // Once one exists, only its zone.
    const first = makePod('web-0', { labels: { app: 'web' }, nodeName: 'n3' });
    expect(verdicts(self, [first])).toEqual({ n1: AFF, n2: AFF, n3: 'fits', n4: AFF });
  });
  it('a bound pod must match ALL the terms to count', () => {
    const pod = makePod('web', {
      spec: affinity('podAffinity', term('db', 'zone'), term('cache', 'zone')),
    });
    const cache = makePod('cache', { labels: { app: 'cache' }, nodeName: 'n3' });
    expect(verdicts(pod, [db, cache])).toEqual({ n1: AFF, n2: AFF, n3: AFF, n4: AFF });
  });
});

describe('InterPodAffinity: required anti-affinity', () => {
  it('by hostname: not beside a matching pod', () => {
    const pod = makePod('web', {
      spec: affinity('podAntiAffinity', term('db', 'kubernetes.io/hostname')),
    });
    expect(verdicts(pod, [db])).toEqual({ n1: ANTI, n2: 'fits', n3: 'fits', n4: 'fits' });
  });
  it('by zone: the whole zone; a node without the key passes', () => {
    const pod = makePod('web', { spec: affinity('podAntiAffinity', term('db', 'zone')) });
    expect(verdicts(pod, [db])).toEqual({ n1: ANTI, n2: ANTI, n3: 'fits', n4: 'fits' });
  });
  it("existing pods' anti-affinity keeps the incoming pod out of their domain", () => {
    const guard = makePod('guard', {
      labels: { app: 'guard' },
      nodeName: 'n3',
      spec: affinity('podAntiAffinity', term('web', 'zone')),
    });
    const pod = makePod('web', { labels: { app: 'web' } });
    expect(verdicts(pod, [guard])).toEqual({ n1: 'fits', n2: 'fits', n3: EXISTING, n4: 'fits' });
    const unrelated = makePod('api', { labels: { app: 'api' } });
    expect(verdicts(unrelated, [guard]).n3).toBe('fits');
  });
  it('the affinity check comes first, then anti-affinity, then existing anti-affinity', () => {
    const guard = makePod('guard', {
      labels: { app: 'guard' },
      nodeName: 'n1',
      spec: affinity('podAntiAffinity', term('web', 'kubernetes.io/hostname')),
    });
    const pod = makePod('web', {
      labels: { app: 'web' },
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term('guard', 'zone')],
          },
        },
      },
    });
    expect(verdicts(pod, [guard])).toEqual({ n1: ANTI, n2: ANTI, n3: 'fits', n4: 'fits' });
  });
});

describe("InterPodAffinity: existing pods' namespaceSelector is read against the incoming pod's namespace labels", () => {
  const guard = makePod('guard', {
    labels: { app: 'guard' },
    nodeName: 'n3',
    spec: affinity(
      'podAntiAffinity',
      term('noisy', 'zone', { namespaceSelector: { matchLabels: { team: 'a' } } }),
    ),
  });
  const namespaces = [
    { metadata: { name: 'team-a', labels: { team: 'a' } } },
    { metadata: { name: 'other' } },
  ];
  it('a pod in a selected namespace stays out of the zone; one in another namespace does not', () => {
    const inA = makePod('x', { namespace: 'team-a', labels: { app: 'noisy' } });
    expect(verdicts(inA, [guard], namespaces).n3).toBe(EXISTING);
    const inOther = makePod('y', { namespace: 'other', labels: { app: 'noisy' } });
    expect(verdicts(inOther, [guard], namespaces).n3).toBe('fits');
  });
  it('without the namespaces, the engine says it cannot judge', () => {
    const inA = makePod('x', { namespace: 'team-a', labels: { app: 'noisy' } });
    const r = fitPod({ pod: inA, nodes, boundPods: [guard] });
    expect(r.cannotJudge.map((n) => n.code)).toEqual(['namespaces-unknown']);
  });
});
