/**
 * `npm run bench:metrics` (also the last step of `npm run bench`): the Pods table of N pods
 * (default 10,000) with the CPU and Memory columns on, against the same table without them.
 *   1. N pods via cluster:scale; wait until metrics-server reports (most of) them.
 *   2. Metrics on: the full pods table of all namespaces with CPU figures in the visible
 *      rows; services-process RSS and renderer JS heap (after GC).
 *   3. Renderer long tasks (> 50 ms) while metrics update for --seconds (default 300),
 *      sorted by name (cells update in place) and then the last minute sorted by CPU
 *      (every sample re-sorts); how many distinct samples the visible rows showed.
 *   4. Metrics off (the columns left out, localStorage 'pilothouse.metricColumns' = 'off',
 *      a fresh app so main has no poller): the same RSS, heap and long tasks sorted by name,
 *      the baseline that tells the metric updates' long tasks from the table's own.
 *   The long animation frames of both runs name the scripts that made them long.
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-metrics.md.
 * Runs on the demo cluster (PILOTHOUSE_CLUSTER_NAME picks another) and scales namespace
 * `scale` back to what it found when it ends, also after an error.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchCluster, kubectl } from '../support/cluster';
import { startWebApp } from '../support/web-app';
import { scale, scaleState } from './scale-fixture';
import { rssMb, watchLongFrames, watchLongTasks, type LongFrame } from './measure';

const { values: args } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '300' },
  },
});
const podCount = Number(args.pods);
const seconds = Number(args.seconds);
const say = (m: string) => console.error(`[bench:metrics] ${m}`);
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);

function podsWithMetrics(): number {
  try {
    const raw = kubectl(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/namespaces/scale/pods']);
    return (JSON.parse(raw) as { items: unknown[] }).items.length;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

interface Figures {
  rss: number;
  heapMb: number;
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
}

/** The pods table of all namespaces, complete (its count is the API's, give or take the CronJob). */
async function openPods(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const text = document.querySelector('[data-testid=row-count]')?.textContent ?? '';
      const n = Number(/^([\d,]+) pods$/.exec(text)?.[1]?.replace(/,/g, '') ?? -1);
      return Math.abs(n - want) <= 3;
    },
    expected,
    { polling: 1000, timeout: 180_000 },
  );
}

async function run(browser: Browser, expected: number, metrics: boolean) {
  const app = await startWebApp({
    kubeconfig,
    settingsDir: `${os.tmpdir()}/pilothouse-bench-metrics-${process.pid}-${metrics ? 'on' : 'off'}`,
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await app.open(page, '#/overview');
    await page.evaluate(
      (on) => localStorage.setItem('pilothouse.metricColumns', on ? 'on' : 'off'),
      metrics,
    );
    await app.open(page, '#/pods?context=pilothouse-admin&ns=all');
    await openPods(page, expected);
    if (metrics) {
      await page.waitForFunction(
        () => [...document.querySelectorAll('.usage-value')].length > 10,
        undefined,
        { polling: 1000, timeout: 180_000 },
      );
    }
    await page.waitForTimeout(5000);
    const figures: Figures = { rss: rssMb(app.pid), heapMb: await heapMb(page) };
    say(
      `metrics ${metrics ? 'on' : 'off'}: RSS ${figures.rss.toFixed(0)} MB, heap ${figures.heapMb.toFixed(0)} MB`,
    );
    return { figures, updates: await watchUpdates(page, metrics) };
  } finally {
    await page.close();
    await app.stop();
  }
}

/**
 * Long tasks while samples arrive, and the same span without metrics as the baseline (the
 * pods watch and the page's own timers run in both); the long frames' scripts say what made
 * each one long. With metrics: the visible rows' distinct sample times counted, then the last
 * part sorted by CPU.
 */
async function watchUpdates(page: Page, metrics: boolean) {
  // A string, not a function: tsx's transform names inner functions with a helper
  // (__name) that does not exist in the page.
  await page.evaluate(`(() => {
    window.sampleTimes = new Set();
    setInterval(() => {
      for (const cell of document.querySelectorAll('.usage-cell')) {
        const at = /sampled (\\S+)/.exec(cell.getAttribute('title') ?? '')?.[1];
        if (at) window.sampleTimes.add(at);
      }
    }, 1000);
  })()`);
  const sortedSeconds = metrics ? Math.min(60, Math.floor(seconds / 5)) : 0;
  say(
    `watching ${seconds - Math.min(60, Math.floor(seconds / 5))} s sorted by name` +
      (metrics ? `, then ${sortedSeconds} s sorted by CPU` : ''),
  );
  const readLongTasks = await watchLongTasks(page);
  const readLongFrames = await watchLongFrames(page);
  await sleep((seconds - Math.min(60, Math.floor(seconds / 5))) * 1000);
  const longTasks = await readLongTasks();
  const longFrames = await readLongFrames();
  if (!metrics)
    return { longTasks, longFrames, sortedLongTasks: [], sortedLongFrames: [], samples: 0 };
  await page.getByRole('columnheader', { name: 'CPU' }).getByRole('button').click();
  await page.waitForTimeout(2000);
  const readSorted = await watchLongTasks(page);
  const readSortedFrames = await watchLongFrames(page);
  await sleep(sortedSeconds * 1000);
  const sortedLongTasks = await readSorted();
  const sortedLongFrames = await readSortedFrames();
  const samples = await page.evaluate(
    () => (window as unknown as { sampleTimes: Set<string> }).sampleTimes.size,
  );
  return { longTasks, longFrames, sortedLongTasks, sortedLongFrames, samples };
}

/** The scripts of the long frames that blocked, heaviest first: `12× 340 ms invoker fn file`. */
function blamed(frames: LongFrame[]): string[] {
  const total = new Map<string, { count: number; ms: number }>();
  for (const frame of frames.filter((f) => f.blocking > 0))
    for (const script of frame.scripts) {
      const [invoker, ms, ...rest] = script.split(' ');
      const key = `${invoker} ${rest.join(' ').replace(/:\d+$/, '')}`;
      const entry = total.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += Number.parseInt(ms ?? '0', 10);
      total.set(key, entry);
    }
  return [...total]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 8)
    .map(([key, { count, ms }]) => `${count}× ${ms} ms ${key}`);
}

async function measure(): Promise<void> {
  mkdirSync('e2e/.artifacts', { recursive: true });
  say(`scaling to ${podCount} pods`);
  scale(['--pods', String(podCount)]);
  const expected = kubectl(['get', 'pods', '-A', '--no-headers']).trim().split('\n').length;
  say(`API holds ${expected} pods; waiting for metrics-server to report them`);
  for (let i = 0; i < 60 && podsWithMetrics() < podCount * 0.9; i++) await sleep(5000);
  const reported = podsWithMetrics();
  say(`metrics-server reports ${reported} pods of namespace scale`);

  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu', '--enable-precise-memory-info'],
  });
  let on: Awaited<ReturnType<typeof run>>;
  let off: Awaited<ReturnType<typeof run>>;
  try {
    off = await run(browser, expected, false);
    on = await run(browser, expected, true);
  } finally {
    await browser.close();
  }
  const max = (xs: number[]) => Math.max(0, ...xs).toFixed(0);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const report = `## Metrics in the tables (${new Date().toISOString().slice(0, 10)})

Command: \`npm run bench:metrics -- --pods ${podCount} --seconds ${seconds}\` · machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian) headless, local kwok cluster \`${clusterName}\` (metrics-server every 15 s; ${reported.toLocaleString('en-US')} pods reported).

| measure (${expected.toLocaleString('en-US')} pods, Pods table of all namespaces) | metrics on | metrics off | |
|---|---|---|---|
| services process RSS | ${on.figures.rss.toFixed(0)} MB | ${off.figures.rss.toFixed(0)} MB | |
| renderer JS heap (after GC) | ${on.figures.heapMb.toFixed(0)} MB | ${off.figures.heapMb.toFixed(0)} MB | |
| renderer long tasks > 50 ms during ${seconds - Math.min(60, Math.floor(seconds / 5))} s, sorted by name (with metrics: while they update) | ${on.updates.longTasks.length} (longest ${max(on.updates.longTasks)} ms) | ${off.updates.longTasks.length} (longest ${max(off.updates.longTasks)} ms) | goal: none from metric updates |
| the same for ${Math.min(60, Math.floor(seconds / 5))} s sorted by CPU (each sample re-sorts) | ${on.updates.sortedLongTasks.length} (longest ${max(on.updates.sortedLongTasks)} ms) | | |
| distinct sample times the visible rows showed | ${on.updates.samples} | | |

The scripts Chromium names in the long animation frames that blocked (count, summed script time, invoker, function, file), metrics on sorted by name / by CPU / metrics off:
\`\`\`
on, by name:
${blamed(on.updates.longFrames).join('\n') || '(none)'}
on, by CPU:
${blamed(on.updates.sortedLongFrames).join('\n') || '(none)'}
off:
${blamed(off.updates.longFrames).join('\n') || '(none)'}
\`\`\`
`;
  writeFileSync('e2e/.artifacts/bench-metrics.md', report);
  console.log(report);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
