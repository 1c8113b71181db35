/**
 * `npm run bench:metrics`: the memory and CPU cost of metrics history in main, with samples
 * fed straight into the store (no cluster): P pods (default 10,000) of C containers
 * (default 2) and N nodes (default 60), 60 minutes at metrics-server's 15 s resolution
 * (241 samples each: the ring's capacity), recorded round by round as the pollers record
 * them. Times are CPU time of the process (a shared machine's load inflates wall time).
 * Reports the rings' bytes, the heap and RSS growth after GC, the time to record
 * one round of P pods, to build the histories the charts ask for, and the size on the
 * wire of one live `pods` event with every pod.
 * Run with --expose-gc (the npm script does) so heap figures are after a full collection.
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-metrics.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContextHistory } from '../../main/metrics/history-store';
import { buildHistory, type ReferenceSource } from '../../main/metrics/history-series';
import type { RawSample } from '../../main/metrics/metrics-api';
import type { PodSample } from '../../shared/contract/metrics';
import { repoRoot } from '../support/web-app';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    containers: { type: 'string', default: '2' },
    nodes: { type: 'string', default: '60' },
    minutes: { type: 'string', default: '60' },
    resolution: { type: 'string', default: '15' },
  },
});
const PODS = Number(args.pods);
const CONTAINERS = Number(args.containers);
const NODES = Number(args.nodes);
const RES_MS = Number(args.resolution) * 1000;
const ROUNDS = Math.floor((Number(args.minutes) * 60_000) / RES_MS) + 1;
const say = (m: string) => console.error(`[bench] ${m}`);
const gc = (globalThis as { gc?: () => void }).gc;
const MiB = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function memory() {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

const start = Date.now() - ROUNDS * RES_MS;
const podKeys = Array.from({ length: PODS }, (_, i) => ({
  namespace: `ns-${i % 50}`,
  name: `pod-${i}`,
}));
const containerNames = Array.from({ length: CONTAINERS }, (_, c) => `c${c}`);
let seed = 1;
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

function round(r: number): { pods: RawSample[]; nodes: RawSample[] } {
  const at = start + r * RES_MS;
  const pods = podKeys.map(({ namespace, name }) => {
    const containers = containerNames.map((n) => ({
      name: n,
      cpu: Math.round(random() * 500_000_000) / 1e6,
      bytes: Math.round(16 * 2 ** 20 + random() * 512 * 2 ** 20),
    }));
    return {
      key: `${namespace}/${name}`,
      namespace,
      name,
      timestampMs: at,
      windowMs: RES_MS,
      cpu: containers.reduce((s, c) => s + c.cpu, 0),
      bytes: containers.reduce((s, c) => s + c.bytes, 0),
      containers,
    };
  });
  const nodes = Array.from({ length: NODES }, (_, i) => ({
    key: `node-${i}`,
    namespace: '',
    name: `node-${i}`,
    timestampMs: at,
    windowMs: RES_MS,
    cpu: random() * 8000,
    bytes: random() * 32 * 2 ** 30,
    containers: [],
  }));
  return { pods, nodes };
}

const before = memory();
const history = new ContextHistory();
history.noteWindow(RES_MS);
const recordMs: number[] = [];
/** CPU time (user + system) of this process, in ms: a shared machine's load inflates wall time. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let r = 0; r < ROUNDS; r++) {
  const { pods, nodes } = round(r);
  const t = cpuMs();
  for (const s of pods) history.recordPod(s);
  for (const s of nodes) history.recordNode(s);
  recordMs.push(cpuMs() - t);
  if (r % 60 === 0) say(`round ${r + 1}/${ROUNDS}`);
}
const after = memory();

const refs: ReferenceSource = {
  podFigures: () => [100, 128 * 2 ** 20, 500, 256 * 2 ** 20],
  containerFigures: () => [50, 64 * 2 ** 20, 250, 128 * 2 ** 20],
  containerOrder: () => undefined,
  node: () => ({ allocatable: [8000, 32 * 2 ** 30], allocated: [4000, 2 ** 34, 8000, 2 ** 35] }),
};
const now = start + ROUNDS * RES_MS;
const timed = <T>(fn: () => T): [T, number] => {
  const xs: number[] = [];
  let value!: T;
  for (let i = 0; i < 5; i++) {
    const t = cpuMs();
    value = fn();
    xs.push(cpuMs() - t);
  }
  return [value, median(xs)];
};
const [podHistory, podMs] = timed(() =>
  buildHistory(history, { kind: 'pod', namespace: 'ns-1', name: 'pod-1' }, 60, now, refs),
);
const [nodeHistory, nodeMs] = timed(() =>
  buildHistory(history, { kind: 'node', name: 'node-1' }, 60, now, refs),
);
const [overview, overviewMs] = timed(() =>
  buildHistory(history, { kind: 'overview', namespaces: { all: true } }, 60, now, refs),
);
const liveEvent: PodSample[] = round(ROUNDS).pods.map((s) => [
  s.namespace,
  s.name,
  s.timestampMs,
  s.windowMs,
  s.cpu,
  s.bytes,
  [100, 134217728, 500, 268435456],
  s.containers.map((c) => [c.name, c.cpu, c.bytes, [50, 67108864, 250, 134217728]]),
  'node-1',
]);
const wire = (x: unknown) => Buffer.byteLength(JSON.stringify(x));

const samples = PODS * ROUNDS;
const rows = [
  [
    'history kept',
    `${PODS} pods × ${CONTAINERS} containers + ${NODES} nodes, ${ROUNDS} samples each (${args.minutes} min at ${RES_MS / 1000} s)`,
  ],
  [
    'rings (typed arrays)',
    `${MiB(history.bytes())} (${(history.bytes() / samples).toFixed(1)} bytes per pod sample)`,
  ],
  ['heap + array buffers growth (after GC)', MiB(after.heap - before.heap)],
  ['RSS growth', MiB(after.rss - before.rss)],
  [
    'record one round of all pods, CPU time (median of all rounds)',
    `${median(recordMs).toFixed(1)} ms (max ${Math.max(...recordMs).toFixed(1)} ms)`,
  ],
  [
    'build a pod history (60 min), CPU time',
    `${podMs.toFixed(2)} ms, ${(wire(podHistory) / 1024).toFixed(1)} KiB JSON`,
  ],
  [
    'build a node history (60 min), CPU time',
    `${nodeMs.toFixed(2)} ms, ${(wire(nodeHistory) / 1024).toFixed(1)} KiB JSON`,
  ],
  [
    'build the cluster overview (all pods, 60 min), CPU time',
    `${overviewMs.toFixed(0)} ms, ${(wire(overview) / 1024).toFixed(1)} KiB JSON`,
  ],
  [
    'one live `pods` event with every pod',
    `${MiB(wire(liveEvent))} JSON (${(wire(liveEvent) / PODS).toFixed(0)} bytes per pod)`,
  ],
];
const cpu = os.cpus();
const section = [
  `## Metrics: history memory for ${PODS.toLocaleString('en')} pods (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Command: \`npm run bench:metrics\` (samples fed into main's history store, no cluster) · machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}${gc ? '' : ' (no --expose-gc: heap figures before GC)'}.`,
  '',
  '| measure | value |',
  '| --- | --- |',
  ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  '',
].join('\n');
console.log(section);
const out = path.join(repoRoot, 'e2e/.artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'bench-metrics.md'), section);
