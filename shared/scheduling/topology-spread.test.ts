import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import { makeNode, makePod } from './builders';
import { fitPod } from './fit';

const SPREAD = "node(s) didn't match pod topology spread constraints";
const MISSING = "node(s) didn't match pod topology spread constraints (missing required label)";
const nodes = [
  makeNode('a1', { labels: { zone: 'a' } }),
  makeNode('a2', { labels: { zone: 'a' } }),
  makeNode('b1', { labels: { zone: 'b' } }),
  makeNode('c1', {
    labels: { zone: 'c', pool: 'gpu' },
    taints: [{ key: 'gpu', effect: 'NoSchedule' }],
  }),
  makeNode('x'),
];
const web = (name: string, nodeName: string, extra: Record<string, unknown> = {}) =>
  makePod(name, { labels: { app: 'web' }, nodeName, ...extra });
const constraint = (extra: Record<string, unknown> = {}) => ({
  maxSkew: 1,
  topologyKey: 'zone',
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { app: 'web' } },
  ...extra,
});
function verdicts(spec: Record<string, unknown>, bound: KubeObject[], labels = { app: 'web' }) {
  const r = fitPod({ pod: makePod('new', { labels, spec }), nodes, boundPods: bound });
  return Object.fromEntries(r.nodes.map((n) => [n.name, n.fits ? 'fits' : n.reasons[0]]));
}

describe('PodTopologySpread DoNotSchedule', () => {
  it('skew = pods in the domain + self − the global minimum; the tainted zone counts (nodeTaintsPolicy Ignore)', () => {
    // zone a: 2, zone b: 1, zone c: 0 -> minimum 0; a: 2+1-0 = 3 > 1, b: 1+1 = 2 > 1, c: 1.
    const r = verdicts(
      {
        topologySpreadConstraints: [constraint()],
        tolerations: [{ key: 'gpu', operator: 'Exists' }],
      },
      [web('w1', 'a1'), web('w2', 'a2'), web('w3', 'b1')],
    );
    expect(r).toEqual({ a1: SPREAD, a2: SPREAD, b1: SPREAD, c1: 'fits', x: MISSING });
  });
  it('nodeTaintsPolicy Honor leaves the untolerated zone out of the minimum', () => {
    const r = verdicts({ topologySpreadConstraints: [constraint({ nodeTaintsPolicy: 'Honor' })] }, [
      web('w1', 'a1'),
      web('w3', 'b1'),
    ]);
    // domains a: 1, b: 1 -> minimum 1; skew 1 everywhere; c1 fails on its taint first.
    expect(r).toEqual({
      a1: 'fits',
      a2: 'fits',
      b1: 'fits',
      c1: 'node(s) had untolerated taint {gpu: }',
      x: MISSING,
    });
  });
  it('nodeAffinityPolicy Honor (default) counts only nodes the pod may land on; Ignore counts all', () => {
    const onlyAB = { nodeSelector: { zone: 'a' } };
    const honor = verdicts({ ...onlyAB, topologySpreadConstraints: [constraint()] }, [
      web('w1', 'a1'),
      web('w4', 'c1'),
    ]);
    // Honor: only zone a counts (1 pod) -> minimum 1, skew on a = 1 -> fits.
    expect(honor.a1).toBe('fits');
    const ignore = verdicts(
      { ...onlyAB, topologySpreadConstraints: [constraint({ nodeAffinityPolicy: 'Ignore' })] },
      [web('w1', 'a1'), web('w4', 'c1')],
    );
    // Ignore: zones a 1, b 0, c 1 -> minimum 0, skew on a = 2.
    expect(ignore.a1).toBe(SPREAD);
  });
  it('minDomains above the number of domains makes the minimum 0', () => {
    const bound = [web('w1', 'a1'), web('w2', 'b1'), web('w3', 'c1')];
    const tol = { tolerations: [{ key: 'gpu', operator: 'Exists' }] };
    expect(verdicts({ ...tol, topologySpreadConstraints: [constraint()] }, bound).a1).toBe('fits');
    expect(
      verdicts({ ...tol, topologySpreadConstraints: [constraint({ minDomains: 4 })] }, bound).a1,
    ).toBe(SPREAD);
  });
  it('pods being deleted, in other namespaces, or not matching do not count; a pod not matching its own selector adds 0', () => {
    const bound = [
      web('w1', 'a1', { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      web('w2', 'a1', { namespace: 'other' }),
      makePod('api', { labels: { app: 'api' }, nodeName: 'a1' }),
    ];
    expect(verdicts({ topologySpreadConstraints: [constraint({ maxSkew: 1 })] }, bound).a1).toBe(
      'fits',
    );
    const twoInA = [web('w1', 'a1'), web('w2', 'a2')];
    expect(
      verdicts({ topologySpreadConstraints: [constraint({ maxSkew: 2 })] }, twoInA, {
        app: 'other',
      }).a1,
    ).toBe('fits');
    expect(verdicts({ topologySpreadConstraints: [constraint({ maxSkew: 2 })] }, twoInA).a1).toBe(
      SPREAD,
    );
  });
  it('ScheduleAnyway constraints never filter; matchLabelKeys narrows the selector', () => {
    expect(
      verdicts(
        { topologySpreadConstraints: [constraint({ whenUnsatisfiable: 'ScheduleAnyway' })] },
        [web('w1', 'a1'), web('w2', 'a1')],
      ).a1,
    ).toBe('fits');
    const bound = [
      web('w1', 'a1', { labels: { app: 'web', rev: '1' } }),
      web('w2', 'a1', { labels: { app: 'web', rev: '1' } }),
    ];
    const spec = { topologySpreadConstraints: [constraint({ matchLabelKeys: ['rev'] })] };
    expect(verdicts(spec, bound, { app: 'web', rev: '2' } as { app: string }).a1).toBe('fits');
    expect(verdicts(spec, bound, { app: 'web', rev: '1' } as { app: string }).a1).toBe(SPREAD);
  });
});
