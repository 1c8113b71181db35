/**
 * `npm run bench:views-memory`: what the services process holds for the pods table of all
 * namespaces, over its first minute: RSS when idle, 2, 10, 30 and 60 s after the table is
 * complete (the list's garbage goes in that minute). `--metrics` keeps the CPU and Memory
 * columns on (the default in the app; off here, so the figure is the table's own);
 * `--node-options "<flags>"` starts the services process with other V8 flags (as
 * NODE_OPTIONS, after the flags `npm run web` starts it with); `--snapshot`
 * writes a heap snapshot at the end (Heap.*.heapsnapshot in the repository root, for
 * Chrome DevTools' Memory tab). Runs on the demo cluster (PILOTHOUSE_CLUSTER_NAME picks
 * another) with the pods it has: `npm run cluster:scale -- --pods 10000` first.
 */
import { chromium } from '@playwright/test';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchCluster } from '../support/cluster';
import { repoRoot, startWebApp } from '../support/web-app';
import { rssMb } from './measure';

const { values: args } = parseArgs({
  options: {
    metrics: { type: 'boolean', default: false },
    'node-options': { type: 'string', default: '' },
    snapshot: { type: 'boolean', default: false },
  },
});
const say = (m: string) => console.log(`[bench:views-memory] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const { name, kubeconfig } = benchCluster();
  const app = await startWebApp({
    kubeconfig,
    settingsDir: `${os.tmpdir()}/pilothouse-views-memory-${process.pid}`,
    env: { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 ${args['node-options']}`.trim() },
  });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await app.open(page, '#/overview');
    await page.evaluate(
      (on) => localStorage.setItem('pilothouse.metricColumns', on ? 'on' : 'off'),
      args.metrics,
    );
    say(
      `cluster ${name}; metrics ${args.metrics ? 'on' : 'off'}; NODE_OPTIONS ${args['node-options'] || '(none)'}`,
    );
    say(`idle: RSS ${rssMb(app.pid).toFixed(0)} MB`);
    const t0 = Date.now();
    await app.open(page, '#/pods?context=pilothouse-admin&ns=all');
    // Complete: the row count stops growing for a second.
    await page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid=row-count]')?.textContent ?? '';
        const n = Number(/^([\d,]+) pods$/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
        const w = window as unknown as { lastCount?: number; lastChange?: number };
        if (n > 0 && n === w.lastCount && Date.now() - (w.lastChange ?? 0) > 1000) return true;
        if (n !== w.lastCount) {
          w.lastCount = n;
          w.lastChange = Date.now();
        }
        return false;
      },
      undefined,
      { polling: 100, timeout: 180_000 },
    );
    const rows = await page.locator('[data-testid=row-count]').textContent();
    say(`${rows} after ${Date.now() - t0 - 1000} ms`);
    let waited = 0;
    for (const at of [2, 10, 30, 60]) {
      await sleep((at - waited) * 1000);
      waited = at;
      say(`RSS ${at} s after: ${rssMb(app.pid).toFixed(0)} MB`);
    }
    if (args.snapshot) {
      const before = new Set(readdirSync(repoRoot));
      process.kill(app.pid, 'SIGUSR2');
      for (let i = 0; i < 120; i++) {
        await sleep(1000);
        const fresh = readdirSync(repoRoot).find(
          (f) => f.endsWith('.heapsnapshot') && !before.has(f),
        );
        if (fresh) {
          await sleep(5000); // written in one go after it appears
          say(`heap snapshot: ${fresh}`);
          break;
        }
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
