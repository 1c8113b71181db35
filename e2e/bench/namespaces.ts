/**
 * `npm run bench:namespaces`: the namespace picker with 20,000 namespaces (issue 15).
 *   1. N namespaces (default 20,000, label pilothouse.dev/bench=namespaces) are created if
 *      missing; `kubectl get namespaces` is timed as the baseline in the same run.
 *   2. A fresh browser-mode app; the picker's button is clicked and the time until the
 *      picker shows its filter box and rows, one frame later, is taken in the page (median of
 *      5 openings).
 *   3. A namespace name is typed into the filter one character at a time; for each, the time
 *      from the input event until the rows show the filtered list, one frame later.
 *   4. Renderer long tasks (> 50 ms) over all of it.
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-namespaces.md.
 * Runs on the demo cluster unless PILOTHOUSE_CLUSTER_NAME picks another; the namespaces it
 * made are deleted at the end unless --keep (the namespace controller then takes minutes
 * to remove them all).
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCluster, kubectl, kubectlPath } from '../support/cluster';
import { repoRoot, startWebApp } from '../support/web-app';
import { watchLongTasks } from './measure';

const { values: args } = parseArgs({
  options: {
    namespaces: { type: 'string', default: '20000' },
    keep: { type: 'boolean', default: false },
  },
});
const wanted = Number(args.namespaces);
const LABEL = 'pilothouse.dev/bench=namespaces';
const CREATE_BATCH = 500;
const OPENINGS = 5;
const say = (m: string) => console.error(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);

const nameOf = (i: number) => `bench-ns-${String(i).padStart(5, '0')}`;

function existingBenchNamespaces(): Set<string> {
  const out = kubectl(['get', 'namespaces', '-l', LABEL, '-o', 'name']);
  return new Set(
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^namespace\//, '')),
  );
}

function ensureNamespaces(): void {
  const have = existingBenchNamespaces();
  const missing = Array.from({ length: wanted }, (_, i) => nameOf(i + 1)).filter(
    (n) => !have.has(n),
  );
  say(`${have.size} bench namespaces exist; creating ${missing.length}`);
  const t0 = performance.now();
  for (let i = 0; i < missing.length; i += CREATE_BATCH) {
    const items = missing.slice(i, i + CREATE_BATCH).map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'pilothouse.dev/bench': 'namespaces' } },
    }));
    execFileSync(
      kubectlPath(),
      ['--kubeconfig', kubeconfig, '--context', 'pilothouse-admin', 'create', '-f', '-'],
      {
        input: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
        stdio: ['pipe', 'ignore', 'inherit'],
      },
    );
    if ((i / CREATE_BATCH) % 10 === 9) say(`created ${i + CREATE_BATCH}`);
  }
  if (missing.length)
    say(`created ${missing.length} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

function timeKubectlGetNamespaces(): number {
  const t0 = performance.now();
  execFileSync(
    kubectlPath(),
    ['--kubeconfig', kubeconfig, '--context', 'pilothouse-admin', 'get', 'namespaces'],
    { maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return performance.now() - t0;
}

/** Clicks the picker's button; ms until its filter box and rows are on screen, a frame later. */
function timeOpening(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const button = document.querySelector<HTMLButtonElement>('button.ns-button')!;
        const t0 = performance.now();
        button.click();
        const check = () => {
          const ready =
            document.querySelector('input[aria-label="Filter namespaces"]') &&
            document.querySelector('.ns-options div.ns-option');
          if (ready) requestAnimationFrame(() => resolve(performance.now() - t0));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

/** Types `text` into the filter, one character at a time; ms per character until the rows show it. */
function timeTyping(page: Page, text: string): Promise<number[]> {
  return page.evaluate(async (text) => {
    const input = document.querySelector<HTMLInputElement>(
      'input[aria-label="Filter namespaces"]',
    )!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const times: number[] = [];
    for (let n = 1; n <= text.length; n++) {
      const typed = text.slice(0, n);
      const t0 = performance.now();
      setValue.call(input, typed);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      times.push(
        await new Promise<number>((resolve) => {
          const check = () => {
            const rows = [...document.querySelectorAll('.ns-options div.ns-option .ns-name')];
            const shown =
              rows.length > 0
                ? rows.every((r) => r.textContent?.includes(typed))
                : document.querySelector('.ns-options .muted') !== null;
            if (shown) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      );
    }
    return times;
  }, text);
}

async function main(): Promise<void> {
  ensureNamespaces();
  const total = kubectl(['get', 'namespaces', '-o', 'name']).trim().split('\n').length;
  const kubectlMs = [1, 2, 3].map(() => timeKubectlGetNamespaces());
  const app = await startWebApp({ kubeconfig });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu'],
  });
  const openings: number[] = [];
  let typing: number[];
  let longTasks: number[];
  const typed = nameOf(Math.min(wanted, 12345));
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await app.open(page, '#/overview?context=pilothouse-admin');
    await page
      .getByRole('status', { name: 'Connection' })
      .getByText(/Connected/)
      .waitFor();
    // The list arrives once per context; open the picker once so it is loaded before timing.
    const button = page.getByRole('button', { name: /^Namespaces/ });
    await button.click();
    // Waits in the page: with every row in the DOM, role queries over 20,000 checkboxes are slow.
    await page.waitForFunction(
      (first) =>
        document.querySelector('.ns-options div.ns-option .ns-name')?.textContent === first,
      nameOf(1),
      { timeout: 300_000, polling: 1000 },
    );
    await button.click();
    const readLongTasks = await watchLongTasks(page);
    for (let i = 0; i < OPENINGS; i++) {
      openings.push(await timeOpening(page));
      await button.click();
      await page.waitForTimeout(200);
    }
    await button.click();
    typing = await timeTyping(page, typed);
    longTasks = await readLongTasks();
  } finally {
    await browser.close();
    await app.stop();
    if (!args.keep) {
      say('deleting the bench namespaces (the namespace controller finishes in the background)');
      kubectl(['delete', 'namespaces', '-l', LABEL, '--wait=false']);
    }
  }
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = `## Namespace picker with ${total.toLocaleString('en')} namespaces (${new Date().toISOString().slice(0, 10)})

Command: \`PILOTHOUSE_CLUSTER_NAME=${clusterName} npm run bench:namespaces\` · machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian) headless, local kwok cluster. Times are taken in the page, from the click or input event until the picker shows the result, one frame later.

| measure | Pilothouse | baseline |
| --- | --- | --- |
| open the picker (median of ${OPENINGS}) | ${median(openings).toFixed(0)} ms (${list(openings)}) | \`kubectl get namespaces\`: ${median(kubectlMs).toFixed(0)} ms (${list(kubectlMs)}) |
| type "${typed}" into its filter, per character (median, max) | ${median(typing).toFixed(0)} ms, ${Math.max(...typing).toFixed(0)} ms (${list(typing)}) | |
| renderer long tasks > 50 ms during both | ${longTasks.length}${longTasks.length ? ` (longest ${Math.max(...longTasks).toFixed(0)} ms)` : ''} | |
`;
  mkdirSync(path.join(repoRoot, 'e2e/.artifacts'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'e2e/.artifacts/bench-namespaces.md'), section);
  console.log(section);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
