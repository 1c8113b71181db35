/**
 * `npm run bench:fit`: the fit engine (shared/scheduling) judging one pod against a cluster
 * generated in memory: 5,000 nodes in 10 zones (some tainted, some cordoned) and 50,000
 * bound pods (10 per node, 1 in 20 with a required anti-affinity by hostname). For a few pod
 * shapes it times, median of --rounds runs (default 7, after one warm-up):
 *   - fitPod: index the input (snapshot) and judge every node — what one call costs;
 *   - on a snapshot: judge with the index built once (the what-if form, a corpus).
 * The engine is timed as it ships: bundled by esbuild the way main/tools/build.mjs builds
 * the CLI and the server (tsx's per-import getters and name helpers would add a third).
 * No cluster needed. Prints a Markdown section and writes e2e/.artifacts/bench-fit.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { KubeObject } from '../../shared/kube/object-types';
import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';
import type * as Fit from '../../shared/scheduling/fit';
import type * as Builders from '../../shared/scheduling/builders';
import type * as SnapshotModule from '../../shared/scheduling/snapshot';
import { repoRoot } from '../support/web-app';

type Engine = typeof Fit & typeof Builders & typeof SnapshotModule;

/** The engine bundled as main/tools/build.mjs bundles main (esm, node20.19, no keepNames). */
async function bundledEngine(outDir: string): Promise<Engine> {
  const file = path.join(outDir, 'bench-fit-engine.mjs');
  await build({
    absWorkingDir: repoRoot,
    stdin: {
      contents: [
        "export * from './shared/scheduling/fit';",
        "export * from './shared/scheduling/builders';",
        "export { buildSnapshot } from './shared/scheduling/snapshot';",
      ].join('\n'),
      resolveDir: repoRoot,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    outfile: file,
    logLevel: 'warning',
  });
  return (await import(pathToFileURL(file).href)) as Engine;
}

const out = path.join(repoRoot, 'e2e', '.artifacts');
mkdirSync(out, { recursive: true });
const { makeNode, makePod, fitOnSnapshot, fitPod, podToFit, buildSnapshot } =
  await bundledEngine(out);

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    nodes: { type: 'string', default: '5000' },
    pods: { type: 'string', default: '50000' },
  },
});
const rounds = Number(args.rounds);
const NODES = Number(args.nodes);
const PODS = Number(args.pods);
const ZONES = 10;
const say = (m: string) => console.error(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function cluster(): { nodes: KubeObject[]; pods: KubeObject[] } {
  const nodes: KubeObject[] = [];
  for (let i = 0; i < NODES; i++) {
    nodes.push(
      makeNode(`node-${i}`, {
        labels: {
          'topology.kubernetes.io/zone': `zone-${i % ZONES}`,
          'pilothouse.dev/team': `team-${i % 7}`,
        },
        ...(i % 50 === 0
          ? { taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }] }
          : {}),
        ...(i % 97 === 0 ? { unschedulable: true } : {}),
        allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
      }),
    );
  }
  const pods: KubeObject[] = [];
  for (let i = 0; i < PODS; i++) {
    const app = `app-${i % 500}`;
    pods.push(
      makePod(`pod-${i}`, {
        namespace: `ns-${i % 20}`,
        uid: `uid-${i}`,
        labels: { app },
        nodeName: `node-${i % NODES}`,
        requests: { cpu: `${100 + (i % 10) * 50}m`, memory: `${128 + (i % 8) * 64}Mi` },
        ...(i % 20 === 0
          ? {
              spec: {
                affinity: {
                  podAntiAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: [
                      {
                        labelSelector: { matchLabels: { app } },
                        topologyKey: 'kubernetes.io/hostname',
                      },
                    ],
                  },
                },
              },
            }
          : {}),
      }),
    );
  }
  return { nodes, pods };
}

const shapes: { name: string; pod: KubeObject }[] = [
  {
    name: 'plain requests (cpu 500m, memory 1Gi)',
    pod: makePod('new', {
      namespace: 'ns-1',
      labels: { app: 'app-1' },
      requests: { cpu: '500m', memory: '1Gi' },
    }),
  },
  {
    name: 'required anti-affinity by hostname',
    pod: makePod('new', {
      namespace: 'ns-1',
      labels: { app: 'app-1' },
      requests: { cpu: '500m' },
      spec: {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: { app: 'app-1' } },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
      },
    }),
  },
  {
    name: 'topology spread by zone (DoNotSchedule)',
    pod: makePod('new', {
      namespace: 'ns-1',
      labels: { app: 'app-1' },
      requests: { cpu: '500m' },
      spec: {
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'DoNotSchedule',
            labelSelector: { matchLabels: { app: 'app-1' } },
          },
        ],
      },
    }),
  },
];

interface Timing {
  wall: number[];
  cpu: number[];
}

/** Wall time and this process's CPU time (user + system) per run, in ms. */
function time(fn: () => unknown): Timing {
  fn();
  const out: Timing = { wall: [], cpu: [] };
  for (let i = 0; i < rounds; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    out.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    out.cpu.push((c.user + c.system) / 1000);
  }
  return out;
}

const { nodes, pods } = cluster();
say(`${nodes.length} nodes, ${pods.length} bound pods generated`);
const snapshotTimes = time(() => buildSnapshot(nodes, pods));
const snapshot = buildSnapshot(nodes, pods);
const fmtList = (xs: number[]) =>
  `${median(xs).toFixed(1)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
const fmt = (t: Timing) => `${fmtList(t.cpu)} CPU · ${median(t.wall).toFixed(1)} ms wall`;
const rows: string[] = [];
for (const shape of shapes) {
  const full = time(() => fitPod({ pod: shape.pod, nodes, boundPods: pods }));
  const pod = podToFit(shape.pod);
  const onSnapshot = time(() => fitOnSnapshot(snapshot, pod));
  const r = fitOnSnapshot(snapshot, pod);
  say(`${shape.name}: ${r.feasible.length} feasible; ${r.summary.slice(0, 160)}`);
  rows.push(`| ${shape.name} | ${fmt(full)} | ${fmt(onSnapshot)} | ${r.feasible.length} |`);
}
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
const section = [
  `## Fit engine: one pod against ${NODES.toLocaleString('en')} nodes and ${PODS.toLocaleString('en')} bound pods (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Command: \`npm run bench:fit\` · machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)} when it ran. Engine bundled by esbuild as the app ships it. Cluster generated in memory (10 zones, 1 node in 50 GPU-tainted, 1 in 97 cordoned, 10 pods per node, 1 pod in 20 with a required anti-affinity by hostname). Median of ${rounds} runs after a warm-up, every run's CPU time in brackets (CPU time is what the engine costs; wall time also counts the other processes of a shared machine). Goal: under 100 ms.`,
  '',
  `Index alone (buildSnapshot): ${fmt(snapshotTimes)}.`,
  '',
  '| pod shape | fitPod (index + judge) | judge on a built index | feasible nodes |',
  '| --- | --- | --- | --- |',
  ...rows,
  '',
].join('\n');
console.log(section);
writeFileSync(path.join(out, 'bench-fit.md'), section);
