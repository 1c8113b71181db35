import { describe, expect, it } from 'vitest';
import { makeNode, makePod, type NodeOptions } from './builders';
import {
  nodeAffinity,
  nodeName,
  nodePorts,
  nodeResourcesFit,
  nodeUnschedulable,
  taintToleration,
  type Rejection,
} from './node-filters';
import { readPodToFit } from './pod-to-fit';
import { buildSnapshot } from './snapshot';
import type { KubeObject } from '../kube/object-types';

type Filter = typeof nodeUnschedulable;

function judge(
  filter: Filter,
  spec: Record<string, unknown>,
  node: NodeOptions,
  bound: KubeObject[] = [],
  requests?: Record<string, string>,
): Rejection | null {
  const snapshot = buildSnapshot([makeNode('n1', node)], bound);
  return filter(
    readPodToFit(makePod('p', { spec, ...(requests ? { requests } : {}) }), 'default'),
    snapshot.nodes[0]!,
  );
}
const reasons = (r: Rejection | null) => r?.reasons ?? [];

describe('NodeUnschedulable', () => {
  it.each([
    ['schedulable node', {}, {}, []],
    ['cordoned node', {}, { unschedulable: true }, ['node(s) were unschedulable']],
    [
      'tolerates node.kubernetes.io/unschedulable',
      {
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
      { unschedulable: true },
      [],
    ],
    [
      'tolerates everything',
      { tolerations: [{ operator: 'Exists' }] },
      { unschedulable: true },
      [],
    ],
    [
      'a NoExecute toleration does not cover it',
      {
        tolerations: [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' },
        ],
      },
      { unschedulable: true },
      ['node(s) were unschedulable'],
    ],
  ])('%s', (_n, spec, node, want) => {
    const r = judge(nodeUnschedulable, spec, node);
    expect(reasons(r)).toEqual(want);
    if (r) expect(r.unresolvable).toBe(true);
  });
});

describe('NodeName', () => {
  it.each([
    ['no nodeName', {}, []],
    ['this node', { nodeName: 'n1' }, []],
    ['another node', { nodeName: 'n2' }, ["node(s) didn't match the requested node name"]],
  ])('%s', (_n, spec, want) => expect(reasons(judge(nodeName, spec, {}))).toEqual(want));
});

describe('TaintToleration (NoSchedule / NoExecute; PreferNoSchedule only scores)', () => {
  const gpu = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' };
  it.each([
    ['no taints', {}, [], []],
    [
      'untolerated NoSchedule',
      {},
      [gpu],
      ['node(s) had untolerated taint {nvidia.com/gpu: present}'],
    ],
    [
      'untolerated NoExecute, empty value',
      {},
      [{ key: 'dedicated', effect: 'NoExecute' }],
      ['node(s) had untolerated taint {dedicated: }'],
    ],
    [
      'PreferNoSchedule never filters',
      {},
      [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }],
      [],
    ],
    [
      'Equal toleration with the value',
      {
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
        ],
      },
      [gpu],
      [],
    ],
    [
      'empty operator means Equal',
      { tolerations: [{ key: 'nvidia.com/gpu', value: 'present' }] },
      [gpu],
      [],
    ],
    [
      'Equal with another value',
      { tolerations: [{ key: 'nvidia.com/gpu', value: 'absent' }] },
      [gpu],
      ['node(s) had untolerated taint {nvidia.com/gpu: present}'],
    ],
    [
      'Exists on the key, any effect',
      { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] },
      [gpu],
      [],
    ],
    [
      'effect mismatch',
      { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute' }] },
      [gpu],
      ['node(s) had untolerated taint {nvidia.com/gpu: present}'],
    ],
    [
      'the first untolerated taint is named',
      { tolerations: [{ key: 'a', operator: 'Exists' }] },
      [
        { key: 'a', effect: 'NoSchedule' },
        { key: 'b', value: '1', effect: 'NoExecute' },
        { key: 'c', effect: 'NoSchedule' },
      ],
      ['node(s) had untolerated taint {b: 1}'],
    ],
  ])('%s', (_n, spec, taints, want) =>
    expect(reasons(judge(taintToleration, spec, { taints }))).toEqual(want),
  );
});

describe('NodeAffinity (nodeSelector and required terms)', () => {
  const miss = ["node(s) didn't match Pod's node affinity/selector"];
  const required = (...terms: unknown[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
      },
    },
  });
  const expr = (key: string, operator: string, values?: string[]) => ({
    matchExpressions: [{ key, operator, ...(values ? { values } : {}) }],
  });
  const labels = { zone: 'a', cores: '8' };
  it.each([
    ['nodeSelector match', { nodeSelector: { zone: 'a' } }, []],
    ['nodeSelector miss', { nodeSelector: { zone: 'b' } }, miss],
    ['In', required(expr('zone', 'In', ['a', 'c'])), []],
    ['NotIn', required(expr('zone', 'NotIn', ['a'])), miss],
    ['Exists', required(expr('zone', 'Exists')), []],
    ['DoesNotExist', required(expr('zone', 'DoesNotExist')), miss],
    ['Gt', required(expr('cores', 'Gt', ['4'])), []],
    ['Lt', required(expr('cores', 'Lt', ['4'])), miss],
    ['terms are ORed', required(expr('zone', 'In', ['x']), expr('cores', 'Gt', ['2'])), []],
    [
      'matchFields metadata.name',
      required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }),
      [],
    ],
    [
      'matchFields another name',
      required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['n1'] }] }),
      miss,
    ],
    [
      'nodeSelector AND affinity',
      { nodeSelector: { zone: 'a' }, ...required(expr('cores', 'Lt', ['2'])) },
      miss,
    ],
  ])('%s', (_n, spec, want) => {
    const r = judge(nodeAffinity, spec, { labels });
    expect(reasons(r)).toEqual(want);
    if (r) expect(r.unresolvable).toBe(true);
  });
});

describe('NodePorts', () => {
  const withPort = (port: Record<string, unknown>) => ({
    containers: [{ name: 'c', ports: [{ containerPort: 80, ...port }] }],
  });
  const holder = (port: Record<string, unknown>) =>
    makePod('holder', { nodeName: 'n1', spec: withPort(port) });
  const busy = ["node(s) didn't have free ports for the requested pod ports"];
  it.each([
    ['free port', { hostPort: 8080 }, { hostPort: 9090 }, []],
    ['same port, both all IPs', { hostPort: 8080 }, { hostPort: 8080 }, busy],
    ['same port, other protocol', { hostPort: 8080, protocol: 'UDP' }, { hostPort: 8080 }, []],
    ['empty protocol is TCP', { hostPort: 8080, protocol: 'TCP' }, { hostPort: 8080 }, busy],
    [
      'different host IPs',
      { hostPort: 8080, hostIP: '10.0.0.1' },
      { hostPort: 8080, hostIP: '10.0.0.2' },
      [],
    ],
    [
      'specific IP against 0.0.0.0',
      { hostPort: 8080, hostIP: '10.0.0.1' },
      { hostPort: 8080 },
      busy,
    ],
    [
      '0.0.0.0 against a specific IP',
      { hostPort: 8080 },
      { hostPort: 8080, hostIP: '10.0.0.2' },
      busy,
    ],
    ['containerPort only (no hostPort)', { containerPort: 8080 }, { hostPort: 8080 }, []],
  ])('%s', (_n, want, held, expected) => {
    const r = judge(nodePorts, withPort(want), {}, [holder(held)]);
    expect(reasons(r)).toEqual(expected);
  });
  it('a terminated pod frees its port; a sidecar holds one', () => {
    expect(
      judge(nodePorts, withPort({ hostPort: 1 }), {}, [
        { ...holder({ hostPort: 1 }), status: { phase: 'Succeeded' } },
      ]),
    ).toBeNull();
    const sidecar = makePod('s', {
      nodeName: 'n1',
      spec: {
        initContainers: [
          { name: 'x', restartPolicy: 'Always', ports: [{ containerPort: 1, hostPort: 1 }] },
        ],
      },
    });
    expect(reasons(judge(nodePorts, withPort({ hostPort: 1 }), {}, [sidecar]))).toEqual(busy);
  });
});

describe('NodeResourcesFit', () => {
  const used = (requests: Record<string, string>, i = 0) =>
    makePod(`used-${i}`, { nodeName: 'n1', requests });
  it.each([
    ['fits', { cpu: '1' }, [used({ cpu: '2' })], {}, []],
    ['Insufficient cpu', { cpu: '3' }, [used({ cpu: '2' })], {}, ['Insufficient cpu']],
    ['exactly full fits', { cpu: '2' }, [used({ cpu: '2' })], {}, []],
    [
      'Insufficient memory',
      { memory: '5Gi' },
      [used({ memory: '4Gi' })],
      {},
      ['Insufficient memory'],
    ],
    [
      'Insufficient ephemeral-storage',
      { 'ephemeral-storage': '101Gi' },
      [],
      {},
      ['Insufficient ephemeral-storage'],
    ],
    [
      'extended resource absent on the node',
      { 'nvidia.com/gpu': '1' },
      [],
      {},
      ['Insufficient nvidia.com/gpu'],
    ],
    ['extended resource available', { 'nvidia.com/gpu': '1' }, [], { 'nvidia.com/gpu': '1' }, []],
    [
      'all reasons, in the scheduler order',
      { cpu: '5', memory: '9Gi', 'nvidia.com/gpu': '1' },
      [],
      { pods: '0' },
      ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient nvidia.com/gpu'],
    ],
    [
      'Too many pods even without requests',
      undefined,
      [used({}, 1), used({}, 2)],
      { pods: '2' },
      ['Too many pods'],
    ],
    ['a pod without requests fits a full node', undefined, [used({ cpu: '4' })], {}, []],
  ])('%s', (_n, requests, bound, allocatable, want) => {
    const r = judge(nodeResourcesFit, {}, { allocatable }, bound, requests);
    expect(reasons(r)).toEqual(want);
    if (r) expect(r.unresolvable).toBe(false);
  });
});
