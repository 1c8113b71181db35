// Issue 13: Pilothouse's metrics equal kubectl's. A pod of this test's own (namespace
// e2e-metrics) gets its usage from kwok's fixture (annotations kwok.x-k8s.io/usage-cpu|memory,
// e2e/cluster/fixtures/03-kwok-metrics.yaml) and has an init container, a sidecar (a
// restartable init container) and per-container requests/limits. Pilothouse's side is
// main's own `metrics.watch` / `metrics.history` handlers; kubectl's is the built binary:
// `kubectl top pod --containers`, `kubectl top node`, `kubectl describe node`. Usage is
// re-drawn on every scrape, so each comparison is made on one sample: the metrics API's
// timestamps are read before and after kubectl and must equal the ones Pilothouse holds.
//
// Repeat: PILOTHOUSE_CLUSTER_NAME=pilothouse-<name> npx vitest run -c vitest.integration.config.ts
//   e2e/integration/metrics-top.test.ts
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, startServices, type AppServices } from '../../main/app';
import type { Handlers, StreamSink } from '../../main/rpc/handler-types';
import type {
  MetricsHistory,
  MetricsHistoryEvent,
  MetricsState,
  MetricsStreamEvent,
  NodeSample,
  PodSample,
  WorkloadSample,
} from '../../shared/contract/metrics';
import { allocatedPercent, formatCpu, formatMemory, topPercent } from '../../shared/metrics/format';
import { cpuMillicores, quantityBytes } from '../../shared/kube/quantity';
import {
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  requireClusterKubeconfig,
} from '../support/cluster';
import { eventually } from './cluster';

const NS = 'e2e-metrics';
const CONTEXT = 'pilothouse-admin';

let services: AppServices;
let handlers: Handlers;
const pods = new Map<string, PodSample>();
const nodes = new Map<string, NodeSample>();
const workloads = new Map<string, WorkloadSample>();
const states = new Map<string, MetricsState>();
const streams: AbortController[] = [];

function sink<E>(emit: (event: E) => void): StreamSink<E> {
  return {
    emit,
    end: () => undefined,
    fail: (e) => {
      throw e;
    },
    pending: () => 0,
    held: () => false,
    writable: () => Promise.resolve(),
  };
}

function open<E>(
  channel: 'metrics.watch' | 'metrics.history',
  input: unknown,
  emit: (e: E) => void,
) {
  const controller = new AbortController();
  streams.push(controller);
  (handlers[channel] as (i: unknown, s: StreamSink<E>, a: AbortSignal) => void)(
    input,
    sink(emit),
    controller.signal,
  );
  return controller;
}

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'usage',
    namespace: NS,
    annotations: { 'kwok.x-k8s.io/usage-cpu': '300m', 'kwok.x-k8s.io/usage-memory': '100Mi' },
  },
  spec: {
    nodeName: 'pilot-a1',
    initContainers: [
      {
        name: 'setup',
        image: 'busybox',
        resources: { requests: { cpu: '900m', memory: '32Mi' }, limits: { cpu: '1' } },
      },
      {
        name: 'proxy',
        image: 'envoy',
        restartPolicy: 'Always',
        resources: { requests: { cpu: '50m', memory: '48Mi' }, limits: { memory: '96Mi' } },
      },
    ],
    containers: [
      {
        name: 'app',
        image: 'app',
        resources: {
          requests: { cpu: '250m', memory: '128Mi' },
          limits: { cpu: '500m', memory: '256Mi' },
        },
      },
      { name: 'helper', image: 'helper', resources: { requests: { cpu: '0.1' } } },
    ],
  },
};

beforeAll(async () => {
  freshNamespace(NS);
  kubectlApply(JSON.stringify(POD));
  services = await startServices({
    mode: 'web',
    kubeconfig: requireClusterKubeconfig(),
    settingsDir: mkdtempSync(path.join(os.tmpdir(), 'pilothouse-metrics-')),
    version: 'test',
    watchKubeconfig: false,
    loadSettings: false,
  });
  handlers = createHandlers(services);
  open<MetricsStreamEvent>(
    'metrics.watch',
    { context: CONTEXT, namespaces: { all: true }, include: ['pods', 'nodes', 'workloads'] },
    (event) => {
      if (event.type === 'pods') {
        for (const s of event.samples) pods.set(`${s[0]}/${s[1]}`, s);
        for (const k of event.gone) pods.delete(k);
      } else if (event.type === 'nodes') {
        for (const s of event.samples) nodes.set(s[0], s);
        for (const k of event.gone) nodes.delete(k);
      } else if (event.type === 'workloads') {
        for (const s of event.samples) workloads.set(`${s[0]}/${s[1]}/${s[2]}`, s);
        for (const k of event.gone) workloads.delete(k);
      } else {
        states.set(`${event.resource}@${event.scope}`, event.state);
      }
    },
  );
});

afterAll(async () => {
  for (const s of streams) s.abort();
  await services?.stop();
  deleteNamespace(NS);
});

/** metrics.k8s.io timestamps, by `namespace/name` or node name, straight from the API. */
function apiTimestamps(pathName: string): Map<string, number> {
  const list = JSON.parse(kubectl(['get', '--raw', pathName])) as {
    items: { metadata: { name: string; namespace?: string }; timestamp: string }[];
  };
  return new Map(
    list.items.map((i) => [
      i.metadata.namespace ? `${i.metadata.namespace}/${i.metadata.name}` : i.metadata.name,
      Date.parse(i.timestamp),
    ]),
  );
}

/**
 * Runs kubectl while the metrics API keeps one sample for `keys`, and Pilothouse holds
 * that same sample; retries across scrapes until it does.
 */
async function onOneSample(
  what: string,
  apiPath: string,
  keys: string[],
  ours: (key: string) => number | undefined,
  run: () => string,
): Promise<string> {
  return eventually(
    `${what} on one sample`,
    async () => {
      const before = apiTimestamps(apiPath);
      if (keys.some((k) => before.get(k) === undefined || before.get(k) !== ours(k)))
        return undefined;
      const out = run();
      const after = apiTimestamps(apiPath);
      if (keys.some((k) => after.get(k) !== before.get(k))) return undefined;
      if (keys.some((k) => ours(k) !== before.get(k))) return undefined;
      return out;
    },
    150_000,
    500,
  );
}

const table = (out: string) =>
  out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/));

describe('metrics.watch against kubectl', () => {
  it('reports pods and containers as `kubectl top pod --containers` does, sample for sample', async () => {
    const key = `${NS}/usage`;
    await eventually('a sample of the test pod', async () => pods.get(key), 150_000, 1000);
    const out = await onOneSample(
      'kubectl top pod --containers',
      `/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`,
      [key],
      (k) => pods.get(k)?.[2],
      () => kubectl(['top', 'pod', '--containers', '-n', NS]),
    );
    const sample = pods.get(key)!;
    const theirs = table(out).map(([pod, container, cpu, memory]) => [pod, container, cpu, memory]);
    const mine = sample[7].map(([name, cpu, memory]) => [
      'usage',
      name,
      formatCpu(cpu),
      formatMemory(memory),
    ]);
    expect(mine.sort()).toEqual(theirs.sort());
    // The pod line (`kubectl top pod`) is the exact sum of the containers.
    const podLine = table(kubectl(['top', 'pod', '-n', NS]))[0]!;
    if (pods.get(key)?.[2] === sample[2]) {
      expect([formatCpu(sample[4]), formatMemory(sample[5])]).toEqual([podLine[1], podLine[2]]);
    }
    // Every figure says when it was sampled, and over which window.
    expect(sample[2]).toBeGreaterThan(Date.now() - 120_000);
    expect(sample[3]).toBeGreaterThan(0);
  });

  it('shares usage against requests and limits as the scheduler counts them', () => {
    const sample = pods.get(`${NS}/usage`)!;
    // kubectl's podRequests, init containers in order: the regular containers sum to 350m;
    // setup (900m, before the sidecar starts) is the init maximum; the sidecar proxy adds
    // its 50m to the sum (400m) but the pod needs max(400m, 900m) = 900m. Memory: 128Mi +
    // 48Mi (sidecar) = 176Mi over setup's 32Mi. Limits: cpu max(500m, setup 1) = 1000m
    // (helper sets none), memory 256Mi + 96Mi = 352Mi. `describe node` below checks the sums.
    expect(sample[6]).toEqual([900, 176 * 2 ** 20, 1000, 352 * 2 ** 20]);
    const app = sample[7].find((c) => c[0] === 'app')!;
    expect(app[3]).toEqual([250, 128 * 2 ** 20, 500, 256 * 2 ** 20]);
    const helper = sample[7].find((c) => c[0] === 'helper')!;
    expect(helper[3]).toEqual([100, null, null, null]);
    expect(sample[8]).toBe('pilot-a1');
  });

  it('reports nodes as `kubectl top node` does (usage and % of allocatable)', async () => {
    const names = ['pilot-a1', 'pilot-a2', 'pilot-b1', 'pilot-b2', 'pilot-c1', 'pilot-c2'];
    await eventually('node samples', async () => names.every((n) => nodes.has(n)), 150_000, 1000);
    const out = await onOneSample(
      'kubectl top node',
      '/apis/metrics.k8s.io/v1beta1/nodes',
      names,
      (n) => nodes.get(n)?.[1],
      () => kubectl(['top', 'node']),
    );
    const theirs = table(out).filter((r) => names.includes(r[0]!));
    const mine = names.map((n) => {
      const s = nodes.get(n)!;
      return [
        n,
        formatCpu(s[3]),
        `${topPercent('cpu', s[3], s[5])}%`,
        formatMemory(s[4]),
        `${topPercent('memory', s[4], s[6])}%`,
      ];
    });
    expect(mine.sort()).toEqual(theirs.sort());
  });

  it('sums requests and limits per node as `kubectl describe node` "Allocated resources"', async () => {
    for (const name of ['pilot-a1', 'pilot-b1', 'pilot-c2', 'pilot-b2']) {
      const out = kubectl(['describe', 'node', name]);
      const block = out.slice(out.indexOf('Allocated resources:'));
      const row = (resource: string) => {
        const m = new RegExp(
          `\\n\\s+${resource}\\s+(\\S+) \\((\\d+)%\\)\\s+(\\S+) \\((\\d+)%\\)`,
        ).exec(block);
        if (!m) throw new Error(`no ${resource} row in describe node ${name}`);
        return m;
      };
      const cpu = row('cpu');
      const memory = row('memory');
      const podCount = Number(/Non-terminated Pods:\s+\((\d+) in total\)/.exec(out)?.[1]);
      const sample = await eventually(
        `allocated sums of ${name}`,
        async () => {
          const s = nodes.get(name);
          return s && s[8] === podCount ? s : undefined;
        },
        30_000,
        500,
      );
      const [cpuReq, memReq, cpuLim, memLim] = sample[7];
      expect([cpuReq, cpuLim, memReq, memLim]).toEqual([
        cpuMillicores(cpu[1]!),
        cpuMillicores(cpu[3]!),
        quantityBytes(memory[1]!),
        quantityBytes(memory[3]!),
      ]);
      expect([
        allocatedPercent('cpu', cpuReq!, sample[5]),
        allocatedPercent('cpu', cpuLim!, sample[5]),
        allocatedPercent('memory', memReq!, sample[6]),
        allocatedPercent('memory', memLim!, sample[6]),
      ]).toEqual([Number(cpu[2]), Number(cpu[4]), Number(memory[2]), Number(memory[4])]);
    }
  });

  it('sums a workload over its pods (a Deployment through its ReplicaSet)', async () => {
    const web = await eventually(
      'the web Deployment sum',
      async () => workloads.get('deployments/team-a/web'),
      60_000,
      1000,
    );
    const webPods = [...pods.values()].filter(
      (p) => p[0] === 'team-a' && p[1].startsWith('web-') && !p[1].startsWith('web-tls'),
    );
    expect(web[7]).toBe(webPods.length);
    expect(web[7]).toBeGreaterThan(0);
  });

  it('says ready, with when it was sampled', () => {
    const state = states.get('pods@');
    expect(state?.state).toBe('ready');
  });
});

describe('metrics.history', () => {
  it("keeps a pod's history per container, with requests and limits as references", async () => {
    let last: MetricsHistory | undefined;
    const stream = open<MetricsHistoryEvent>(
      'metrics.history',
      { context: CONTEXT, target: { kind: 'pod', namespace: NS, name: 'usage' } },
      (e) => {
        if (e.type === 'history') last = e.history;
      },
    );
    const history = await eventually(
      'a history with two samples',
      async () => (last && last.times.length >= 2 ? last : undefined),
      90_000,
      1000,
    );
    stream.abort();
    // metrics-server reports regular containers only (kwok: no usage for init containers).
    expect(history.series.map((s) => s.id).sort()).toEqual(['app', 'helper']);
    expect(history.references.perSeries.find(([id]) => id === 'app')?.[1]).toEqual([
      250,
      128 * 2 ** 20,
      500,
      256 * 2 ** 20,
    ]);
    const app = history.series.find((s) => s.id === 'app')!;
    expect(app.cpu.length).toBe(history.times.length);
    // The newest point is the live sample (Float32 in the ring: to 6 digits).
    const live = pods.get(`${NS}/usage`)![7].find((c) => c[0] === 'app')!;
    if (history.times.at(-1) === pods.get(`${NS}/usage`)![2])
      expect(app.cpu.at(-1)).toBeCloseTo(live[1], 3);
  });

  it('charts a node against allocatable and its allocated sums', async () => {
    let last: MetricsHistory | undefined;
    const stream = open<MetricsHistoryEvent>(
      'metrics.history',
      { context: CONTEXT, target: { kind: 'node', name: 'pilot-a1' }, minutes: 10 },
      (e) => {
        if (e.type === 'history') last = e.history;
      },
    );
    const history = await eventually(
      'a node history',
      async () => (last && last.times.length >= 1 && last.references.allocated ? last : undefined),
      60_000,
      500,
    );
    stream.abort();
    const live = nodes.get('pilot-a1')!;
    expect(history.references.allocatable).toEqual([live[5], live[6]]);
    expect(history.references.allocated).toEqual(live[7]);
  });
});

describe('states', () => {
  it("gives the viewer the forbidden state with the API's reason", async () => {
    let state: MetricsState | undefined;
    open<MetricsStreamEvent>(
      'metrics.watch',
      {
        context: 'pilothouse-viewer',
        namespaces: { all: false, namespaces: ['team-a'] },
        include: ['pods'],
      },
      (e) => {
        if (e.type === 'state') state = e.state;
      },
    );
    const forbidden = await eventually(
      'forbidden',
      async () => (state?.state === 'forbidden' ? state : undefined),
      30_000,
      200,
    );
    expect(forbidden.message).toContain(
      'cannot list resource "pods" in API group "metrics.k8s.io"',
    );
  });
});
