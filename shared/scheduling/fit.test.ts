import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/object-types';
import { makeNode, makePod } from './builders';
import { fitPod } from './fit';
import { summaryLine } from './summary';
import { FILTER_ORDER } from './types';

const gpuTaint = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };
// The six-node picture: a gpu node, a cordoned node, three busy nodes, one small.
const six = [
  makeNode('gpu', { taints: [gpuTaint], allocatable: { 'nvidia.com/gpu': '4' } }),
  makeNode('cordoned', { unschedulable: true }),
  makeNode('busy-1'),
  makeNode('busy-2'),
  makeNode('busy-3'),
  makeNode('spot', { labels: { pool: 'spot' } }),
];
const hog = (node: string) =>
  makePod(`hog-${node}`, { nodeName: node, requests: { cpu: '3500m', memory: '1Gi' } });
const bound = ['busy-1', 'busy-2', 'busy-3'].map(hog);

describe('the summary line (FitError.Error)', () => {
  it('counts the first failing filter of each node, sorted as strings', () => {
    const pod = makePod('app', {
      requests: { cpu: '1' },
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'pool', operator: 'NotIn', values: ['spot'] }] },
              ],
            },
          },
        },
      },
    });
    const r = fitPod({ pod, nodes: six, boundPods: bound });
    expect(r.summary).toBe(
      "0/6 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 node(s) were unschedulable, 3 Insufficient cpu.",
    );
    expect(r.feasible).toEqual([]);
    expect(r.nodes.map((n) => n.failedFilter)).toEqual([
      'TaintToleration',
      'NodeUnschedulable',
      'NodeResourcesFit',
      'NodeResourcesFit',
      'NodeResourcesFit',
      'NodeAffinity',
    ]);
  });

  it('a node failing several resources counts each; 10 sorts before 2 as the scheduler sorts strings', () => {
    const nodes = Array.from({ length: 12 }, (_, i) =>
      makeNode(`n${i}`, { allocatable: { cpu: '1', memory: i < 2 ? '64Gi' : '1Gi' } }),
    );
    const r = fitPod({
      pod: makePod('big', { requests: { cpu: '2', memory: '2Gi' } }),
      nodes,
      boundPods: [],
    });
    expect(r.summary).toBe(
      '0/12 nodes are available: 10 Insufficient memory, 12 Insufficient cpu.',
    );
    expect(summaryLine(3, 0, [['b'], ['a'], ['b']])).toBe('0/3 nodes are available: 1 a, 2 b.');
  });

  it('the scheduler stops at the first failing filter; later ones show as not-run with what they would say', () => {
    const r = fitPod({
      pod: makePod('app', { requests: { cpu: '8' } }),
      nodes: [six[1]!],
      boundPods: [],
    });
    const node = r.nodes[0]!;
    expect(node.reasons).toEqual(['node(s) were unschedulable']);
    expect(node.filters.map((f) => f.filter)).toEqual([...FILTER_ORDER]);
    const fit = node.filters.find((f) => f.filter === 'NodeResourcesFit')!;
    expect(fit).toMatchObject({
      outcome: 'not-run',
      wouldFail: true,
      reasons: ['Insufficient cpu'],
    });
    expect(node.filters.find((f) => f.filter === 'NodeAffinity')!.outcome).toBe('skipped');
    expect(r.summary).toBe('0/1 nodes are available: 1 node(s) were unschedulable.');
  });

  it('with feasible nodes: the same shape with the feasible count', () => {
    const r = fitPod({
      pod: makePod('small', { requests: { cpu: '100m' } }),
      nodes: six,
      boundPods: bound,
    });
    expect(r.feasible).toEqual(['busy-1', 'busy-2', 'busy-3', 'spot']);
    expect(r.summary).toBe(
      '4/6 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 node(s) were unschedulable.',
    );
  });

  it('no nodes at all: the scheduler says so', () => {
    expect(fitPod({ pod: makePod('p'), nodes: [], boundPods: [] }).summary).toBe(
      'no nodes available to schedule pods',
    );
  });
});

describe('PreFilter: matchFields metadata.name pins and conflicts', () => {
  const pin = (...terms: string[][]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: terms.map((names) => ({
            matchFields: names.map((n) => ({ key: 'metadata.name', operator: 'In', values: [n] })),
          })),
        },
      },
    },
  });
  it('nodes outside the pinned set fail at PreFilter with the framework wording', () => {
    const r = fitPod({
      pod: makePod('p', { spec: pin(['busy-1']), requests: { cpu: '1' } }),
      nodes: six,
      boundPods: bound,
    });
    expect(r.summary).toBe(
      "0/6 nodes are available: 1 Insufficient cpu, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
    expect(r.nodes.find((n) => n.name === 'gpu')).toMatchObject({ failedFilter: 'PreFilter' });
  });
  it('terms whose names intersect to nothing: "pod affinity terms conflict" for every node', () => {
    const r = fitPod({
      pod: makePod('p', { spec: pin(['busy-1', 'busy-2']) }),
      nodes: six,
      boundPods: [],
    });
    expect(r.summary).toBe('0/6 nodes are available: pod affinity terms conflict.');
    expect(r.preFilter).toEqual({
      plugin: 'NodeAffinity',
      message: 'pod affinity terms conflict',
      unresolvable: true,
    });
    expect(r.nodes.every((n) => !n.fits && n.failedFilter === 'PreFilter')).toBe(true);
  });
});

describe('PreFilter pinning with labels in the same term (checked against kube-scheduler v1.33)', () => {
  it('a pinned node whose labels do not match fails NodeAffinity; the others fail at PreFilter', () => {
    const pod = makePod('p', {
      requests: { cpu: '600m' },
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchFields: [{ key: 'metadata.name', operator: 'In', values: ['spot'] }],
                  matchExpressions: [{ key: 'pool', operator: 'In', values: ['on-demand'] }],
                },
                { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['busy-1'] }] },
              ],
            },
          },
        },
      },
    });
    const r = fitPod({ pod, nodes: six, boundPods: bound });
    expect(r.summary).toBe(
      "0/6 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector, 4 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    );
  });
});

describe('the pod itself, templates, terminal pods', () => {
  it('a bound pod is judged without itself (its requests and ports are not counted twice)', () => {
    const node = makeNode('n', { allocatable: { cpu: '1' } });
    const self = makePod('me', { nodeName: 'n', uid: 'u1', requests: { cpu: '800m' } });
    const pod: KubeObject = { ...self, spec: { ...(self.spec as object), nodeName: undefined } };
    expect(fitPod({ pod, nodes: [node], boundPods: [self] }).feasible).toEqual(['n']);
    const other = makePod('other', { nodeName: 'n', requests: { cpu: '800m' } });
    expect(fitPod({ pod, nodes: [node], boundPods: [self, other] }).feasible).toEqual([]);
  });
  it('asUnscheduled: a running pod is judged as if not placed (nodeName and nomination ignored)', () => {
    const running = makePod('me', { nodeName: 'busy-1', uid: 'u9', requests: { cpu: '100m' } });
    const pinned = fitPod({ pod: running, nodes: six, boundPods: [...bound, running] });
    expect(pinned.feasible).toEqual(['busy-1']);
    expect(pinned.cannotJudge.map((n) => n.code)).toEqual(['node-name']);
    const free = fitPod({
      pod: running,
      nodes: six,
      boundPods: [...bound, running],
      asUnscheduled: true,
    });
    expect(free.feasible).toEqual(['busy-1', 'busy-2', 'busy-3', 'spot']);
    expect(free.cannotJudge).toEqual([]);
  });
  it('Succeeded and Failed pods do not hold resources', () => {
    const node = makeNode('n', { allocatable: { cpu: '1' } });
    const done = makePod('done', { nodeName: 'n', requests: { cpu: '1' }, phase: 'Succeeded' });
    expect(
      fitPod({ pod: makePod('p', { requests: { cpu: '1' } }), nodes: [node], boundPods: [done] })
        .feasible,
    ).toEqual(['n']);
  });
  it('a template takes the given namespace for its affinity terms', () => {
    const db = makePod('db', { namespace: 'shop', labels: { app: 'db' }, nodeName: 'busy-1' });
    const template: KubeObject = {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'c' }],
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: 'db' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
      },
    };
    expect(
      fitPod({ pod: template, nodes: six, boundPods: [db], namespace: 'shop' }).feasible,
    ).toEqual(['busy-1']);
    expect(fitPod({ pod: template, nodes: six, boundPods: [db] }).feasible).toEqual([]);
  });
});

describe('cannotJudge', () => {
  it('says what it does not decide', () => {
    const pod = makePod('p', {
      spec: {
        schedulerName: 'volcano',
        schedulingGates: [{ name: 'wait' }],
        volumes: [
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'cfg', configMap: { name: 'x' } },
        ],
        resourceClaims: [{ name: 'gpu', resourceClaimName: 'gpu' }],
      },
    });
    const notes = fitPod({ pod, nodes: six, boundPods: [] }).cannotJudge;
    expect(notes.map((n) => n.code)).toEqual([
      'scheduler-name',
      'scheduling-gates',
      'volumes',
      'dra',
    ]);
    expect(notes[2]!.message).toContain('data');
    expect(notes[2]!.message).not.toContain('cfg');
  });
  it('nothing to say for a plain pod', () => {
    expect(
      fitPod({
        pod: makePod('p', { spec: { volumes: [{ name: 'tmp', emptyDir: {} }] } }),
        nodes: six,
        boundPods: [],
      }).cannotJudge,
    ).toEqual([]);
  });
});

describe('preferences (per feasible node, per term; no pick)', () => {
  it('PreferNoSchedule taints, preferred node affinity weights, preferred pod (anti-)affinity', () => {
    const nodes = [
      makeNode('a', {
        labels: { zone: 'z1', disk: 'ssd' },
        taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }],
      }),
      makeNode('b', { labels: { zone: 'z2' } }),
    ];
    const cache = makePod('cache', { labels: { app: 'cache' }, nodeName: 'a' });
    const pod = makePod('p', {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 20,
                preference: {
                  matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }],
                },
              },
            ],
          },
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 5,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: 'cache' } },
                  topologyKey: 'zone',
                },
              },
            ],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 3,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: 'cache' } },
                  topologyKey: 'zone',
                },
              },
            ],
          },
        },
      },
    });
    const r = fitPod({ pod, nodes, boundPods: [cache] });
    expect(r.preferences.a).toEqual([
      {
        plugin: 'TaintToleration',
        term: 'PreferNoSchedule taint spot=true',
        weight: 1,
        matches: true,
        score: -1,
      },
      { plugin: 'NodeAffinity', term: 'disk=ssd', weight: 20, matches: true, score: 20 },
      {
        plugin: 'InterPodAffinity',
        term: 'affinity app=cache by zone',
        weight: 5,
        matches: true,
        score: 5,
      },
      {
        plugin: 'InterPodAffinity',
        term: 'anti-affinity app=cache by zone',
        weight: 3,
        matches: true,
        score: -3,
      },
    ]);
    expect(r.preferences.b!.map((p) => p.score)).toEqual([0, 0, 0]);
    const tolerated = fitPod({
      pod: makePod('q', {
        spec: { tolerations: [{ key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' }] },
      }),
      nodes,
      boundPods: [],
    });
    expect(tolerated.preferences.a).toEqual([
      {
        plugin: 'TaintToleration',
        term: 'PreferNoSchedule taint spot=true',
        weight: 1,
        matches: false,
        score: 0,
      },
    ]);
  });
});
