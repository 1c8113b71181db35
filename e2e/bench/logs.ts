/**
 * `npm run bench:logs` (part of `npm run bench`): the log engine under load, side by side
 * with kubectl in the same run.
 *   1. Viewer: 50 containers writing 400 lines/s each (20,000 lines/s) for 60 s into the
 *      Logs view in Chromium: lag of the newest rendered line behind the wall clock (p50,
 *      p95), renderer long tasks > 50 ms, renderer heap and services RSS over time.
 *   2. CLI, one container at the fixture's highest rate: lines/s of `pilothouse logs`
 *      against `kubectl logs -f`, both reading the same stream at the same time.
 *   3. CLI, a 20-pod Deployment: `pilothouse logs deploy:…` against
 *      `kubectl logs -f -l … --max-log-requests 20`, at the same time.
 * Prints a Markdown section (with the load average: figures from a loaded machine say so)
 * and writes it to e2e/.artifacts/bench-logs.md. `--viewer-only` runs part 1 alone.
 * Runs on the demo cluster (PILOTHOUSE_CLUSTER_NAME picks another) and removes what it
 * created when it ends: its Deployments, and namespace logs-bench if it was not there.
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  benchCluster,
  firstPodName,
  kubectl,
  kubectlPath,
  untilNamespaceNotTerminating,
} from '../support/cluster';
import { repoRoot, startWebApp } from '../support/web-app';
import {
  cpuMs,
  descendantsCpuMs,
  machineBusyMs,
  rendererPids,
  rssMb,
  schedMs,
  watchLongTasks,
} from './measure';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    containers: { type: 'string', default: '50' },
    rate: { type: 'string', default: '400' },
    'cli-seconds': { type: 'string', default: '20' },
    'burst-rate': { type: 'string', default: '20000' },
    /** Only the viewer (part 1): a quicker run when working on the Logs view. */
    'viewer-only': { type: 'boolean', default: false },
  },
});
const say = (m: string) => console.error(`[bench:logs] ${m}`);
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
/** Served by the fixture agent like team-a/team-b, without their pod quota. */
const NS = 'logs-bench';

function deployment(name: string, replicas: number, rate: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${NS}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
      annotations: {pilothouse.dev/log-rate: "${rate}"}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`;
}

function apply(yaml: string): void {
  execFileSync(
    kubectlPath(),
    ['--kubeconfig', kubeconfig, '--context', 'pilothouse-admin', 'apply', '-f', '-'],
    {
      input: yaml,
      stdio: ['pipe', 'ignore', 'inherit'],
    },
  );
}

function rollout(name: string): void {
  kubectl(['-n', NS, 'rollout', 'status', `deploy/${name}`, '--timeout=180s']);
}

/** The page's JS heap; `gc` forces a full collection first (a long task itself). */
async function heapMb(page: Page, gc: boolean): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

/**
 * The baseline for lag: `kubectl logs -f --timestamps` on one of the same pods, each line's
 * kubelet timestamp against the wall clock when kubectl printed it.
 */
function kubectlLag(pod: string): { stop(): number[] } {
  const lags: number[] = [];
  const child = spawn(kubectlPath(), kubectlArgs(pod, '--timestamps'), {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let rest = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const now = Date.now();
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const t = Date.parse(line.slice(0, line.indexOf(' ')));
      if (!Number.isNaN(t)) lags.push(now - t);
    }
  });
  return {
    stop() {
      child.kill('SIGINT');
      return lags;
    },
  };
}

interface ViewerResult {
  lagP50: number;
  lagP95: number;
  lagMax: number;
  longTasks: number[];
  heap: number[];
  rss: number[];
  skipped: number;
  heapAfterGc: number;
  kubectlP50: number;
  kubectlP95: number;
  /** 1-minute load average when the viewer run started and ended. */
  load: [number, number];
  /** CPU over the run, ms: who held the cores while the renderer's tasks waited. */
  cpu: {
    rendererMain: number;
    rendererWaiting: number;
    services: number;
    chromium: number;
    machine: number;
  };
}

async function viewer(): Promise<ViewerResult> {
  const app = await startWebApp({
    kubeconfig,
    settingsDir: path.join(os.tmpdir(), `pilothouse-bench-logs-${process.pid}`),
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const q = encodeURIComponent('deploy:logbench tail:0');
    await app.open(page, `#/logs?context=pilothouse-admin&ns=${NS}&q=${q}`);
    const list = page.getByRole('log', { name: 'Log lines' });
    await list.waitFor();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[role=log]')?.getAttribute('data-line-count') ?? 0) > 1000,
      undefined,
      { timeout: 60_000 },
    );
    const readLongTasks = await watchLongTasks(page);
    // Which renderer is the page's is told at the end: the one whose main thread ran most.
    const mainThreads = new Map(rendererPids(process.pid).map((pid) => [pid, schedMs(pid)]));
    const chromiumCpu = () => descendantsCpuMs(process.pid, 'chromium');
    const cpuAtStart = {
      services: cpuMs(app.pid),
      chromium: chromiumCpu(),
      machine: machineBusyMs(),
    };
    const pod = firstPodName(NS, 'app=logbench');
    const baseline = kubectlLag(pod);
    const seconds = Number(args.seconds);
    const lags: number[] = [];
    const heap: number[] = [];
    const rss: number[] = [];
    const t0 = Date.now();
    const loadAtStart = os.loadavg()[0]!;
    // Memory every 2 s, without forcing a GC (that would be a long task of our making):
    // both heaps are sawtooths, so they are reported as min–max per 20 s window.
    let nextMemory = t0 + 2_000;
    while (Date.now() - t0 < seconds * 1000) {
      const newest = await list.getAttribute('data-newest-time');
      if (newest) lags.push(Date.now() - Date.parse(newest));
      if (Date.now() >= nextMemory) {
        nextMemory += 2_000;
        heap.push(await heapMb(page, false));
        rss.push(rssMb(app.pid));
        if (heap.length % 5 === 0)
          say(
            `t=${Math.round((Date.now() - t0) / 1000)} s lag p95 so far ${percentile(lags, 95)} ms, heap ${heap.at(-1)!.toFixed(0)} MB, rss ${rss.at(-1)!.toFixed(0)} MB`,
          );
      }
      await sleep(250);
    }
    const kubectlLags = baseline.stop();
    const longTasks = await readLongTasks();
    const [main] = [...mainThreads]
      .map(([pid, before]) => {
        const after = schedMs(pid);
        return { running: after.running - before.running, waiting: after.waiting - before.waiting };
      })
      .sort((a, b) => b.running - a.running);
    const cpu = {
      rendererMain: main?.running ?? NaN,
      rendererWaiting: main?.waiting ?? NaN,
      services: cpuMs(app.pid) - cpuAtStart.services,
      chromium: chromiumCpu() - cpuAtStart.chromium,
      machine: machineBusyMs() - cpuAtStart.machine,
    };
    const heapAfterGc = await heapMb(page, true);
    const skipped = await page.evaluate(
      () =>
        [...document.querySelectorAll('[role=log] *')]
          .map((e) => /^([\d,]+) lines? skipped/.exec(e.textContent ?? '')?.[1])
          .filter(Boolean).length,
    );
    await page.screenshot({ path: 'e2e/.artifacts/bench-logs-viewer.png' });
    return {
      lagP50: percentile(lags, 50),
      lagP95: percentile(lags, 95),
      lagMax: Math.max(...lags),
      longTasks,
      heap,
      rss,
      skipped,
      heapAfterGc,
      kubectlP50: percentile(kubectlLags, 50),
      kubectlP95: percentile(kubectlLags, 95),
      load: [loadAtStart, os.loadavg()[0]!],
      cpu,
    };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** Runs a command for `seconds`, counting stdout lines after a warm-up. */
function countLines(
  command: string,
  argv: string[],
  seconds: number,
  warmupSeconds = 5,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let counting = false;
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (!counting) return;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    setTimeout(() => (counting = true), warmupSeconds * 1000);
    setTimeout(() => child.kill('SIGINT'), (warmupSeconds + seconds) * 1000);
    child.on('error', reject);
    child.on('exit', () => resolve(lines / seconds));
  });
}

const pilothouse = (...q: string[]) => [
  path.join(repoRoot, 'main/cli/pilothouse.mjs'),
  'logs',
  '--kubeconfig',
  kubeconfig,
  '--context',
  'pilothouse-admin',
  ...q,
];
const kubectlArgs = (...a: string[]) => [
  '--kubeconfig',
  kubeconfig,
  '--context',
  'pilothouse-admin',
  '-n',
  NS,
  'logs',
  '-f',
  '--tail=0',
  ...a,
];

/** Parts 2 and 3: lines/s printed by `pilothouse logs` and kubectl on the same streams. */
async function cliThroughput(rate: number, cliSeconds: number) {
  say(`CLI: one container at ${args['burst-rate']} lines/s`);
  apply(deployment('logburst', 1, Number(args['burst-rate'])));
  rollout('logburst');
  await sleep(5000);
  const pod = firstPodName(NS, 'app=logburst');
  const [oneOurs, oneKubectl] = await Promise.all([
    countLines(process.execPath, pilothouse(`pod:${pod}`, `ns:${NS}`, 'tail:0'), cliSeconds),
    countLines(kubectlPath(), kubectlArgs(pod, '-c', 'nginx'), cliSeconds),
  ]);
  kubectl(['-n', NS, 'delete', 'deploy', 'logburst', '--wait=true']);

  say(`CLI: a 20-pod Deployment at ${rate} lines/s each`);
  apply(deployment('logbench20', 20, rate));
  rollout('logbench20');
  await sleep(5000);
  const [manyOurs, manyKubectl] = await Promise.all([
    countLines(process.execPath, pilothouse('deploy:logbench20', `ns:${NS}`, 'tail:0'), cliSeconds),
    countLines(
      kubectlPath(),
      kubectlArgs('-l', 'app=logbench20', '--max-log-requests', '20', '--prefix'),
      cliSeconds,
    ),
  ]);
  kubectl(['-n', NS, 'delete', 'deploy', 'logbench20', '--wait=false']);
  return { oneOurs, oneKubectl, manyOurs, manyKubectl };
}

async function main(): Promise<void> {
  const containers = Number(args.containers);
  const rate = Number(args.rate);
  const cliSeconds = Number(args['cli-seconds']);
  await untilNamespaceNotTerminating(NS);
  const created = !kubectl(['get', 'namespaces', '-o', 'name']).includes(`namespace/${NS}`);
  try {
    if (created) kubectl(['create', 'namespace', NS]);
    say(`viewer: ${containers} containers × ${rate} lines/s`);
    apply(deployment('logbench', containers, rate));
    rollout('logbench');
    await sleep(5000); // the agent sets up each pod's log file
    const v = await viewer();
    kubectl(['-n', NS, 'delete', 'deploy', 'logbench', '--wait=true']);

    const cli = args['viewer-only'] ? undefined : await cliThroughput(rate, cliSeconds);

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    // min–max of each 20 s window (10 samples at one per 2 s).
    const mb = (xs: number[]) =>
      Array.from({ length: Math.ceil(xs.length / 10) }, (_, i) => xs.slice(i * 10, i * 10 + 10))
        .map((w) => `${Math.min(...w).toFixed(0)}–${Math.max(...w).toFixed(0)}`)
        .join(' · ');
    const total = containers * rate;
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    const report = `## Logs (${new Date().toISOString().slice(0, 10)})

Command: \`npm run bench:logs${args['viewer-only'] ? ' -- --viewer-only' : ''}\` · machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian) headless, local kwok cluster \`${clusterName}\`.

| measure | Pilothouse | baseline | |
|---|---|---|---|
| ${containers} containers × ${rate} lines/s (${total.toLocaleString('en-US')}/s) for ${args.seconds} s: newest line on screen behind the wall clock | p50 ${v.lagP50} ms, **p95 ${v.lagP95} ms**, max ${v.lagMax} ms | \`kubectl logs -f --timestamps\` on one of the pods, same time: p50 ${v.kubectlP50} ms, p95 ${v.kubectlP95} ms | target p95 ≤ 1000 ms |
| (same) renderer long tasks > 50 ms | ${v.longTasks.length}${v.longTasks.length ? ` (longest ${Math.max(...v.longTasks).toFixed(0)} ms)` : ''} | | target 0 |
| (same) the renderer's main thread: time on a core, and time ready to run but waiting for one | ${seconds(v.cpu.rendererMain)} s on a core, ${seconds(v.cpu.rendererWaiting)} s waiting | | a task is long when it waits, not when it works: \`npm run bench:logs-profile -- --trace\` gives each task's wall and CPU time |
| (same) CPU used on the machine's ${os.cpus().length} cores (${seconds(os.cpus().length * Number(args.seconds) * 1000)} s available) | services ${seconds(v.cpu.services)} s, Chromium ${seconds(v.cpu.chromium)} s | everything else (the simulated cluster writing and serving the lines, kubectl): ${seconds(v.cpu.machine - v.cpu.services - v.cpu.chromium)} s | |
| (same) renderer JS heap, min–max per 20 s window | ${mb(v.heap)} MB (${v.heapAfterGc.toFixed(0)} MB after a forced GC at the end) | | flat once the 100,000-line buffer is full |
| (same) services process RSS, min–max per 20 s window | ${mb(v.rss)} MB | | flat |
| (same) "lines skipped" markers on screen at the end | ${v.skipped} | | |
${
  cli
    ? `| one container at ${args['burst-rate']} lines/s: lines/s printed (${cliSeconds} s, same stream, same time) | \`pilothouse logs\`: ${cli.oneOurs.toFixed(0)} | \`kubectl logs -f\`: ${cli.oneKubectl.toFixed(0)} | ${(cli.oneOurs / cli.oneKubectl).toFixed(2)}× |
| 20-pod Deployment × ${rate} lines/s: lines/s printed | \`pilothouse logs deploy:logbench20\`: ${cli.manyOurs.toFixed(0)} | \`kubectl logs -f -l app=logbench20 --max-log-requests 20\`: ${cli.manyKubectl.toFixed(0)} | ${(cli.manyOurs / cli.manyKubectl).toFixed(2)}× |
`
    : ''
}
Load average (1 min) when the viewer run started and ended: ${v.load.map((l) => l.toFixed(2)).join(' → ')} on ${os.cpus().length} CPUs${v.load[0]! > os.cpus().length ? ' (a loaded machine: the timings are inflated)' : ''}.
`;
    writeFileSync('e2e/.artifacts/bench-logs.md', report);
    console.log(report);
  } finally {
    for (const name of ['logbench', 'logburst', 'logbench20'])
      kubectl(['-n', NS, 'delete', 'deploy', name, '--ignore-not-found', '--wait=false']);
    if (created) kubectl(['delete', 'namespace', NS, '--wait=false']);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
