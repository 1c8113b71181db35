/**
 * `npm run bench:logs-profile`: where the Logs view's renderer time goes under the log
 * benchmark's load (50 containers × 400 lines/s), as counts that do not depend on how
 * loaded the machine is: a CPU profile of the page (self time per function, grouped), the
 * Long Animation Frame entries with the scripts they name, and the renderer's long tasks.
 * Leaves the `logbench` Deployment running with --keep, so repeated profiles skip the rollout.
 * Writes e2e/.artifacts/logs-profile.cpuprofile (open it in Chrome DevTools). With --trace,
 * records a Chromium trace instead and prints the longest tasks' wall and CPU time, which
 * tells a task that works long from one that waits for a core.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  benchCluster,
  kubectl,
  kubectlPath,
  untilNamespaceNotTerminating,
} from '../support/cluster';
import { startWebApp } from '../support/web-app';
import { watchLongFrames, watchLongTasks } from './measure';
import { rendererTasks, TASK_CATEGORIES, type TraceEvent } from './trace-tasks';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    containers: { type: 'string', default: '50' },
    rate: { type: 'string', default: '400' },
    keep: { type: 'boolean', default: false },
    /** A Chromium trace instead of the CPU profile: each long task's wall and CPU time. */
    trace: { type: 'boolean', default: false },
    query: { type: 'string', default: 'deploy:logbench tail:0' },
  },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NS = 'logs-bench';
const { kubeconfig } = benchCluster();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (ms), the top `n`, from a CDP CPU profile. */
function selfTimes(profile: Profile, n: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.split('/').at(-1) ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`);
}

async function main(): Promise<void> {
  await untilNamespaceNotTerminating(NS);
  const deployed = kubectl(['-n', NS, 'get', 'deploy', '-o', 'name']).includes('logbench\n');
  if (!deployed) {
    if (!kubectl(['get', 'namespaces', '-o', 'name']).includes(`namespace/${NS}`))
      kubectl(['create', 'namespace', NS]);
    execFileSync(
      kubectlPath(),
      ['--kubeconfig', kubeconfig, '--context', 'pilothouse-admin', 'apply', '-f', '-'],
      {
        input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: logbench, namespace: ${NS}}
spec:
  replicas: ${args.containers}
  selector: {matchLabels: {app: logbench}}
  template:
    metadata:
      labels: {app: logbench}
      annotations: {pilothouse.dev/log-rate: "${args.rate}"}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`,
        stdio: ['pipe', 'ignore', 'inherit'],
      },
    );
    kubectl(['-n', NS, 'rollout', 'status', 'deploy/logbench', '--timeout=180s']);
    await sleep(5000);
  }
  const app = await startWebApp({
    kubeconfig,
    settingsDir: path.join(os.tmpdir(), `pilothouse-logs-profile-${process.pid}`),
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Counts what the socket delivers, to tell a slow page from a slow cluster.
    await page.addInitScript(() => {
      const w = window as unknown as { wsBytes: number; wsMessages: number };
      w.wsBytes = 0;
      w.wsMessages = 0;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener('message', (e: MessageEvent) => {
            w.wsMessages++;
            w.wsBytes += typeof e.data === 'string' ? e.data.length : 0;
          });
        }
      };
    });
    await app.open(
      page,
      `#/logs?context=pilothouse-admin&ns=${NS}&q=${encodeURIComponent(args.query)}`,
    );
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[role=log]')?.getAttribute('data-line-count') ?? 0) > 1000,
      undefined,
      { timeout: 60_000 },
    );
    await sleep(5000); // the buffer fills
    if (args.trace) return await traced(browser, page);
    const readLongTasks = await watchLongTasks(page);
    const readLongFrames = await watchLongFrames(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const load0 = os.loadavg()[0]!;
    const counters = () =>
      page.evaluate(() => {
        const w = window as unknown as { wsBytes: number; wsMessages: number };
        return [w.wsBytes, w.wsMessages] as const;
      });
    const [bytes0, messages0] = await counters();
    const lags: number[] = [];
    const t0 = Date.now();
    while (Date.now() - t0 < Number(args.seconds) * 1000) {
      const lag = await page.evaluate(() => {
        const t = document.querySelector('[role=log]')?.getAttribute('data-newest-time');
        return t ? Date.now() - Date.parse(t) : undefined;
      });
      if (lag !== undefined) lags.push(lag);
      await sleep(250);
    }
    const [bytes1, messages1] = await counters();
    const secs = (Date.now() - t0) / 1000;
    lags.sort((a, b) => a - b);
    const pct = (p: number) => lags[Math.min(lags.length - 1, Math.floor((lags.length * p) / 100))];
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const longTasks = await readLongTasks();
    const loaf = await readLongFrames();
    mkdirSync('e2e/.artifacts', { recursive: true });
    await page.screenshot({ path: 'e2e/.artifacts/logs-profile.png' });
    writeFileSync('e2e/.artifacts/logs-profile.cpuprofile', JSON.stringify(profile));
    const total = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
    const idle = selfTimes(profile, 400).find((l) => l.includes('(idle)'));
    console.log(`load average ${load0.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`);
    console.log(
      `socket: ${((bytes1 - bytes0) / secs / 1e6).toFixed(2)} MB/s in ${((messages1 - messages0) / secs).toFixed(1)} messages/s; lag p50 ${pct(50)} ms p95 ${pct(95)} ms max ${lags.at(-1)} ms (${lags.length} samples)`,
    );
    console.log(`profiled ${total.toFixed(0)} ms; ${idle ?? ''}`);
    console.log(
      `long tasks > 50 ms: ${longTasks.length} [${longTasks.map(Math.round).join(', ')}]`,
    );
    console.log(`long animation frames: ${loaf.length}`);
    for (const f of loaf.slice(0, 30)) console.log(`  ${JSON.stringify(f)}`);
    console.log('self time, top 40:');
    for (const line of selfTimes(profile, 40)) console.log(line);
  } finally {
    await browser.close();
    await app.stop();
    if (!args.keep) kubectl(['-n', NS, 'delete', 'deploy', 'logbench', '--wait=false']);
  }
}

/** Records a trace for the run and prints the renderer's longest tasks, wall against CPU. */
async function traced(browser: Browser, page: Page): Promise<void> {
  const readLongTasks = await watchLongTasks(page);
  const file = 'e2e/.artifacts/logs-profile.trace.json';
  mkdirSync('e2e/.artifacts', { recursive: true });
  const load0 = os.loadavg()[0]!;
  await browser.startTracing(page, { path: file, categories: TASK_CATEGORIES });
  await sleep(Number(args.seconds) * 1000);
  // Read before the trace is handed over: that hand-over is itself a run of long tasks.
  const longTasks = await readLongTasks();
  await browser.stopTracing();
  const { traceEvents } = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] };
  const tasks = rendererTasks(traceEvents, 10);
  console.log(`load average ${load0.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`);
  console.log(`long tasks > 50 ms: ${longTasks.length} [${longTasks.map(Math.round).join(', ')}]`);
  console.log(
    `renderer main thread: ${tasks.count} tasks, ${(tasks.wallMs / 1000).toFixed(1)} s wall, ${(tasks.cpuMs / 1000).toFixed(1)} s CPU`,
  );
  console.log('longest tasks (wall / CPU, and what ran inside, wall/CPU):');
  for (const t of tasks.longest)
    console.log(
      `  ${t.wallMs.toFixed(1).padStart(6)} / ${t.cpuMs.toFixed(1).padStart(5)} ms  ${t.inside.join(' | ')}`,
    );
  console.log(`trace: ${file} (open it in Chrome DevTools' Performance panel)`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
