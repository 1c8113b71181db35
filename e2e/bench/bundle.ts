/**
 * `npm run bench:bundle`: the renderer's JavaScript before the first view (issue 15: only
 * the shell and the current view, split per feature), against the build before the split,
 * in the same run on the same cluster.
 *   1. Builds this tree's renderer (and server), and the renderer of `--before` (default:
 *      the parent of the commit that introduced renderer/src/shell/view-chunks.ts) from
 *      `git archive` into a temporary folder; prints this build's chunk table from its
 *      manifest (dist/renderer/.vite/manifest.json).
 *   2. For each build, a browser-mode app serving it (`--renderer-dir`), and for each first
 *      view (Overview, Pods) `--runs` fresh browser contexts (empty cache): the JavaScript
 *      fetched before the view is complete (the Resource Timing entries that ended before
 *      it; raw bytes, and gzip -6 of the same files), and the time from navigation to the
 *      complete view (Overview: every card filled; Pods: the count line shows every pod).
 *   3. From the Pods view, every other view opened for the first time by its sidebar link,
 *      from the click to its heading on screen one frame later (chunk fetch included): with
 *      the chunks prefetched (after waiting for the prefetch to finish), cold (prefetch off,
 *      `localStorage['pilothouse.prefetch'] = 'off'`), and the old single bundle. Frames in
 *      which the content area showed no view at all are counted (a flash of empty content).
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-bundle.md. Runs on the
 * demo cluster unless PILOTHOUSE_CLUSTER_NAME picks another. `--screenshots <dir>` saves
 * the first view loading and a cold view switch as PNGs.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { benchCluster, kubectl } from '../support/cluster';
import { repoRoot, startWebApp, type RunningApp } from '../support/web-app';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    before: { type: 'string' },
    screenshots: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const CONTEXT = 'pilothouse-admin';
const VIEWPORT = { width: 1400, height: 900 };
/** How long the prefetch may take before the benchmark gives up waiting for it. */
const PREFETCH_WAIT_MS = 60_000;
const say = (m: string) => console.error(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);

type FirstView = 'overview' | 'pods';
/** Sidebar label and the heading the view shows, in the order they are opened. */
const switches: readonly { label: string; heading: string }[] = [
  { label: 'Overview', heading: CONTEXT },
  { label: 'Deployments', heading: 'Deployments' },
  { label: 'Events', heading: 'Events' },
  { label: 'Logs', heading: 'Logs' },
  { label: 'Rollouts', heading: 'Rollouts' },
  { label: 'Metrics', heading: 'Metrics' },
  { label: 'Port-forwards', heading: 'Port-forwards' },
  { label: 'Taints & labels', heading: 'Taints & labels' },
  { label: 'Pods', heading: 'Pods' },
];

interface Build {
  label: string;
  dir: string;
}

function buildAfter(): Build {
  say('building this tree (renderer and server)');
  execFileSync(process.execPath, ['main/tools/build.mjs', 'node', 'renderer'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { label: 'after', dir: path.join(repoRoot, 'dist/renderer') };
}

function beforeRef(): string {
  if (args.before) return args.before;
  const added = execFileSync(
    'git',
    [
      'log',
      '-1',
      '--format=%H',
      '--diff-filter=A',
      'HEAD',
      '--',
      'renderer/src/shell/view-chunks.ts',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  ).trim();
  if (!added) throw new Error('no commit adds view-chunks.ts; name the baseline with --before');
  return `${added}^`;
}

async function buildBefore(ref: string, tmp: string): Promise<Build> {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).trim();
  say(`building the renderer of ${ref} (${sha}) in ${tmp}`);
  execSync(
    `git archive ${sha} renderer shared package.json tsconfig.base.json | tar -x -C ${JSON.stringify(tmp)}`,
    { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(tmp, 'node_modules'));
  const outDir = path.join(tmp, 'out');
  const { build } = await import('vite');
  await build({
    configFile: path.join(tmp, 'renderer/vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return { label: `before (${sha})`, dir: outDir };
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

const fileSizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string): { raw: number; gzip: number } {
  let size = fileSizes.get(file);
  if (!size) {
    const bytes = readFileSync(file);
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
    fileSizes.set(file, size);
  }
  return size;
}

/** Each entry's JS: its own file, and the shared chunks it needs beyond the shell's. */
function chunkTable(dir: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(dir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key)) return into;
    into.add(key);
    for (const dep of manifest[key]?.imports ?? []) closure(dep, into);
    return into;
  };
  const total = (keys: Iterable<string>) => {
    let raw = 0;
    let gzip = 0;
    for (const key of keys) {
      const s = sizeOf(path.join(dir, manifest[key]!.file));
      raw += s.raw;
      gzip += s.gzip;
    }
    return { raw, gzip };
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const shell = closure(entryKey);
  const shellSize = total(shell);
  const rows = [
    `| the shell (\`${manifest[entryKey]!.src ?? entryKey}\` and its static imports, ${shell.size} files) | ${kb(shellSize.raw)} | ${kb(shellSize.gzip)} |`,
  ];
  const dynamic = Object.keys(manifest).filter((k) => manifest[k]!.isDynamicEntry);
  const lines = dynamic.map((key) => {
    const extra = [...closure(key)].filter((k) => !shell.has(k));
    const size = total(extra);
    return { key, size, files: extra.length };
  });
  lines.sort((a, b) => b.size.raw - a.size.raw);
  for (const { key, size, files } of lines)
    rows.push(
      `| \`${key}\` (+${files} file${files === 1 ? '' : 's'}) | ${kb(size.raw)} | ${kb(size.gzip)} |`,
    );
  return `| chunk (what it adds to the shell) | raw | gzip -6 |\n| --- | --- | --- |\n${rows.join('\n')}`;
}

/** The in-page test for "the first view is complete", polled every frame from the start. */
async function installCompletion(page: Page, view: FirstView, pods: number): Promise<void> {
  await page.addInitScript(
    ({ view, pods }) => {
      const complete = () => {
        if (view === 'overview') {
          const grid = document.querySelector('.summary-grid');
          return (
            grid !== null &&
            ![...grid.querySelectorAll('.muted')].some((e) => e.textContent === 'Loading…')
          );
        }
        const text = document.querySelector('[data-testid=row-count]')?.textContent ?? '';
        const n = Number(/^([\d,]+) pods$/.exec(text)?.[1]?.replace(/,/g, '') ?? -1);
        // The fixture's CronJob adds a pod every two minutes: allow that much drift.
        return Math.abs(n - pods) <= 3 && document.querySelectorAll('[role=row]').length > 1;
      };
      const w = window as unknown as { firstViewAt?: number };
      const check = () => {
        if (complete()) requestAnimationFrame(() => (w.firstViewAt = performance.now()));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    { view, pods },
  );
}

interface Loaded {
  name: string;
  end: number;
  raw: number;
  gzip: number;
}

/** The JS files the page has fetched so far, with when each finished (page time, ms). */
async function scriptsLoaded(page: Page, dir: string): Promise<Loaded[]> {
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.js'))
      .map((e) => ({
        path: new URL(e.name).pathname,
        end: (e as PerformanceResourceTiming).responseEnd,
      })),
  );
  return entries.map((e) => ({
    name: path.basename(e.path),
    end: e.end,
    ...sizeOf(path.join(dir, e.path)),
  }));
}

interface FirstViewResult {
  ms: number;
  raw: number;
  gzip: number;
  files: number;
}

async function openFirstView(
  browser: Browser,
  app: RunningApp,
  build: Build,
  view: FirstView,
  pods: number,
  options: { shots?: string | undefined; prefetchOff?: boolean } = {},
): Promise<{ result: FirstViewResult; page: Page }> {
  const { shots } = options;
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx keeps function names with a `__name` helper that the page does not have.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  if (options.prefetchOff)
    await context.addInitScript(() => {
      try {
        localStorage.setItem('pilothouse.prefetch', 'off');
      } catch {
        // about:blank has no storage
      }
    });
  const page = await context.newPage();
  await installCompletion(page, view, pods);
  const hash = `#/${view}?context=${CONTEXT}&ns=all`;
  await app.open(page, hash);
  if (shots) await page.screenshot({ path: path.join(shots, `first-view-${view}-loading.png`) });
  await page.waitForFunction(
    () => (window as unknown as { firstViewAt?: number }).firstViewAt,
    null,
    {
      timeout: 120_000,
    },
  );
  if (shots) await page.screenshot({ path: path.join(shots, `first-view-${view}-complete.png`) });
  const at = await page.evaluate(() => (window as unknown as { firstViewAt: number }).firstViewAt);
  const before = (await scriptsLoaded(page, build.dir)).filter((s) => s.end <= at);
  return {
    result: {
      ms: at,
      raw: before.reduce((n, s) => n + s.raw, 0),
      gzip: before.reduce((n, s) => n + s.gzip, 0),
      files: before.length,
    },
    page,
  };
}

/** Clicks a sidebar link; ms until the view's heading is on screen (one frame later). */
function openView(
  page: Page,
  label: string,
  heading: string,
): Promise<{ ms: number; empty: number }> {
  return page.evaluate(
    ({ label, heading }) =>
      new Promise<{ ms: number; empty: number }>((resolve, reject) => {
        const link = [...document.querySelectorAll('nav[aria-label="Sections"] a')].find(
          (a) => a.textContent?.trim() === label,
        ) as HTMLAnchorElement | undefined;
        if (!link) return reject(new Error(`no sidebar link ${label}`));
        let empty = 0;
        const t0 = performance.now();
        link.click();
        const check = () => {
          const title = document.querySelector('.content h1.page-title');
          if (!title) empty++;
          if (title?.textContent?.trim() === heading)
            requestAnimationFrame(() => resolve({ ms: performance.now() - t0, empty }));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { label, heading },
  );
}

/** Waits until every JS file of the build but the chart library's has been fetched. */
async function waitForPrefetch(
  page: Page,
  build: Build,
  since: number,
): Promise<{ ms: number; raw: number; gzip: number }> {
  const manifest = JSON.parse(
    readFileSync(path.join(build.dir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const chartFiles = new Set(
    Object.values(manifest)
      .filter((c) => c.src?.endsWith('UsageChart.tsx'))
      .map((c) => path.basename(c.file)),
  );
  const wanted = new Set(
    Object.values(manifest)
      .map((c) => path.basename(c.file))
      .filter((f) => f.endsWith('.js') && !chartFiles.has(f)),
  );
  const deadline = Date.now() + PREFETCH_WAIT_MS;
  for (;;) {
    const loaded = await scriptsLoaded(page, build.dir);
    const have = new Set(loaded.map((s) => s.name));
    if ([...wanted].every((f) => have.has(f))) {
      const after = loaded.filter((s) => s.end > since);
      return {
        ms: Math.max(...loaded.map((s) => s.end)) - since,
        raw: after.reduce((n, s) => n + s.raw, 0),
        gzip: after.reduce((n, s) => n + s.gzip, 0),
      };
    }
    if (Date.now() > deadline)
      throw new Error(
        `prefetch incomplete: missing ${[...wanted].filter((f) => !have.has(f)).join(', ')}`,
      );
    await page.waitForTimeout(250);
  }
}

async function switchAll(page: Page): Promise<{ ms: number[]; empty: number }> {
  const ms: number[] = [];
  let empty = 0;
  for (const s of switches) {
    const r = await openView(page, s.label, s.heading);
    ms.push(r.ms);
    empty += r.empty;
  }
  return { ms, empty };
}

async function main(): Promise<void> {
  const after = buildAfter();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-bundle-before-'));
  const shots = args.screenshots ? path.resolve(args.screenshots) : undefined;
  if (shots) mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu'],
  });
  const loadStart = os.loadavg();
  const firstViews = new Map<string, FirstViewResult[]>();
  const switchTimes = new Map<string, { ms: number[][]; empty: number }>();
  let prefetch: { ms: number; raw: number; gzip: number } | undefined;
  try {
    const before = await buildBefore(beforeRef(), tmp);
    const pods = kubectl(['get', 'pods', '-A', '-o', 'name']).trim().split('\n').length;
    say(`${pods} pods`);
    const apps = new Map<Build, RunningApp>();
    for (const build of [before, after])
      apps.set(build, await startWebApp({ kubeconfig, args: ['--renderer-dir', build.dir] }));
    try {
      // First views, builds alternating so that a change of load hits both alike.
      for (let run = 0; run < RUNS; run++)
        for (const view of ['overview', 'pods'] as const)
          for (const build of [before, after]) {
            const { result, page } = await openFirstView(
              browser,
              apps.get(build)!,
              build,
              view,
              pods,
              { shots: run === 0 && build === after ? shots : undefined },
            );
            await page.context().close();
            const key = `${build.label}|${view}`;
            firstViews.set(key, [...(firstViews.get(key) ?? []), result]);
            say(
              `${key}: ${result.ms.toFixed(0)} ms, ${kb(result.raw)} JS in ${result.files} files`,
            );
          }
      // View switches from Pods: the old bundle, this build prefetched, this build cold.
      for (let run = 0; run < RUNS; run++)
        for (const mode of ['before', 'prefetched', 'cold'] as const) {
          const build = mode === 'before' ? before : after;
          const { page } = await openFirstView(browser, apps.get(build)!, build, 'pods', pods, {
            prefetchOff: mode === 'cold',
          });
          if (mode === 'prefetched') {
            const at = await page.evaluate(
              () => (window as unknown as { firstViewAt: number }).firstViewAt,
            );
            const p = await waitForPrefetch(page, build, at);
            prefetch ??= p;
          }
          if (mode === 'cold' && run === 0 && shots) {
            const logs = openView(page, 'Logs', 'Logs');
            await page.screenshot({ path: path.join(shots, 'switch-cold-to-logs-in-flight.png') });
            await logs;
            await page.screenshot({ path: path.join(shots, 'switch-cold-to-logs-done.png') });
            await openView(page, 'Pods', 'Pods');
          }
          const r = await switchAll(page);
          await page.context().close();
          const got = switchTimes.get(mode) ?? { ms: [], empty: 0 };
          got.ms.push(r.ms);
          got.empty += r.empty;
          switchTimes.set(mode, got);
          say(
            `switches ${mode}: ${r.ms.map((x) => x.toFixed(0)).join(', ')} ms; ${r.empty} empty frames`,
          );
        }
    } finally {
      for (const app of apps.values()) await app.stop();
    }
    const loadEnd = os.loadavg();
    const section = report(
      before,
      after,
      pods,
      firstViews,
      switchTimes,
      prefetch,
      loadStart,
      loadEnd,
    );
    mkdirSync(path.join(repoRoot, 'e2e/.artifacts'), { recursive: true });
    writeFileSync(path.join(repoRoot, 'e2e/.artifacts/bench-bundle.md'), section);
    console.log(section);
  } finally {
    await browser.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function report(
  before: Build,
  after: Build,
  pods: number,
  firstViews: Map<string, FirstViewResult[]>,
  switchTimes: Map<string, { ms: number[][]; empty: number }>,
  prefetch: { ms: number; raw: number; gzip: number } | undefined,
  loadStart: number[],
  loadEnd: number[],
): string {
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const firstRows = (['overview', 'pods'] as const).flatMap((view) => {
    const b = firstViews.get(`${before.label}|${view}`)!;
    const a = firstViews.get(`${after.label}|${view}`)!;
    const name = view === 'overview' ? 'Overview' : `Pods (${pods} pods)`;
    return [
      `| ${name}: JS fetched before the view is complete, raw (files) | ${kb(median(b.map((r) => r.raw)))} (${median(b.map((r) => r.files))}) | **${kb(median(a.map((r) => r.raw)))}** (${median(a.map((r) => r.files))}) |`,
      `| (same) gzip -6 | ${kb(median(b.map((r) => r.gzip)))} | **${kb(median(a.map((r) => r.gzip)))}** |`,
      `| (same) navigation → complete view, median of ${RUNS} | ${median(b.map((r) => r.ms)).toFixed(0)} ms (${list(b.map((r) => r.ms))}) | ${median(a.map((r) => r.ms)).toFixed(0)} ms (${list(a.map((r) => r.ms))}) |`,
    ];
  });
  const per = (mode: string, i: number) => median(switchTimes.get(mode)!.ms.map((run) => run[i]!));
  const switchRows = switches.map(
    (s, i) =>
      `| ${s.label} | ${per('before', i).toFixed(0)} ms | ${per('prefetched', i).toFixed(0)} ms | ${per('cold', i).toFixed(0)} ms |`,
  );
  const empties = (mode: string) => switchTimes.get(mode)!.empty;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
  return `## Renderer bundle before the first view (${new Date().toISOString().slice(0, 10)})

Command: \`PILOTHOUSE_CLUSTER_NAME=${clusterName} npm run bench:bundle\` (e2e/bench/bundle.ts) · machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian) headless, local kwok cluster, browser mode on 127.0.0.1 (no HTTP compression: gzip sizes are of the same files) · load average ${load(loadStart)} at the start, ${load(loadEnd)} at the end. "Before" is the renderer of ${before.label.replace(/^before /, '')} built in the same run and served by the same server; each first view in a fresh browser context (empty cache).

| measure | before (one bundle) | after (per-feature chunks) |
| --- | --- | --- |
${firstRows.join('\n')}

Opening each view for the first time from the Pods view, click → heading on screen (median of ${RUNS}); frames with no view in the content area over all switches: before ${empties('before')}, prefetched ${empties('prefetched')}, cold ${empties('cold')}.

| view | before (one bundle) | after, prefetched | after, cold (prefetch off) |
| --- | --- | --- | --- |
${switchRows.join('\n')}

${prefetch ? `Prefetch after the first view: ${kb(prefetch.raw)} raw (${kb(prefetch.gzip)} gzip) of chunks, the last one in ${prefetch.ms.toFixed(0)} ms after the view was complete (it starts 1.5 s after, one chunk per idle period).` : ''}

This build's chunks (from its manifest):

${chunkTable(after.dir)}
`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
