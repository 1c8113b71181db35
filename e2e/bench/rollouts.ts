/**
 * `npm run bench:rollouts`: how soon the Rollouts view shows a rolling update, against
 * `kubectl rollout status` in the same run. Per round (default 5, median reported):
 *   t0 = just before `kubectl set image` is spawned on a copy of the fixture rollouts/slow
 *   (4 replicas, maxSurge 1, maxUnavailable 1, minReadySeconds 3) in namespace
 *   bench-rollouts;
 *   - Pilothouse: the open Rollouts page (browser mode, Chromium) shows the new revision in
 *     the row, checked every animation frame; then the row says Complete;
 *   - kubectl: `kubectl rollout status -w` started as soon as `set image` has returned
 *     (before that there is nothing new to see) prints its first line about the new
 *     rollout; then it exits, done.
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-rollouts.md.
 * Runs on the demo cluster unless PILOTHOUSE_CLUSTER_NAME picks another; changes only its
 * own namespace, deleted at the end.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import {
  benchCluster,
  deleteNamespace,
  freshNamespace,
  kubectl,
  kubectlApply,
  kubectlPath,
} from '../support/cluster';
import { repoRoot, startWebApp } from '../support/web-app';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(args.rounds);
const NS = 'bench-rollouts';
const say = (m: string) => console.error(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);

/** `kubectl rollout status -w`: ms (from t0) of its first line about the new rollout, and of its end. */
function kubectlWatch(t0: number): Promise<{ seen: number; done: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath(), [
      '--kubeconfig',
      kubeconfig,
      '--context',
      'pilothouse-admin',
      '-n',
      NS,
      'rollout',
      'status',
      '-w',
      'deploy/slow',
      '--timeout=180s',
    ]);
    let out = '';
    let seen = -1;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (seen < 0 && /Waiting for deployment/.test(out)) seen = performance.now() - t0;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const done = performance.now() - t0;
      if (code !== 0 || seen < 0) reject(new Error(`kubectl rollout status: exit ${code}: ${out}`));
      else resolve({ seen, done });
    });
  });
}

async function main(): Promise<void> {
  freshNamespace(NS);
  const doc = parse(
    readFileSync(path.join(repoRoot, 'e2e/cluster/fixtures/rollouts/slow.yaml'), 'utf8'),
  ) as { metadata: { namespace: string } };
  doc.metadata.namespace = NS;
  kubectlApply(stringify(doc));
  kubectl(['-n', NS, 'rollout', 'status', 'deploy/slow', '--timeout=120s']);

  const app = await startWebApp({ kubeconfig });
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-gpu'],
  });
  const results: {
    kubectlSet: number;
    revision: number;
    complete: number;
    kSeen: number;
    kDone: number;
  }[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await app.open(page, `#/rollouts?context=pilothouse-admin&ns=${NS}`);
    const revisionShown = (want: number) =>
      page.waitForFunction(
        (want) => {
          const row = [
            ...document.querySelectorAll('[role=table][aria-label=Rollouts] [role=row]'),
          ].find((r) => r.querySelector('[role=cell] .name')?.textContent === 'slow');
          // Columns with one namespace: Kind, Name, Strategy, Progress, Revision, Status…
          const cells = row ? [...row.querySelectorAll('[role=cell]')] : [];
          return cells[4]?.textContent === String(want) ? (cells[5]?.textContent ?? '') : false;
        },
        want,
        { polling: 'raf', timeout: 120_000 },
      );
    const completeShown = () =>
      page.waitForFunction(
        () => {
          const row = [
            ...document.querySelectorAll('[role=table][aria-label=Rollouts] [role=row]'),
          ].find((r) => r.querySelector('[role=cell] .name')?.textContent === 'slow');
          return (
            row?.querySelectorAll('[role=cell]')[5]?.textContent?.includes('Complete') ?? false
          );
        },
        undefined,
        { polling: 'raf', timeout: 180_000 },
      );
    let revision = Number(
      kubectl([
        '-n',
        NS,
        'get',
        'deploy',
        'slow',
        '-o',
        'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
      ]),
    );
    await revisionShown(revision);
    for (let round = 1; round <= rounds; round++) {
      revision++;
      const t0 = performance.now();
      const shown = revisionShown(revision).then(() => performance.now() - t0);
      const setImage = spawn(kubectlPath(), [
        '--kubeconfig',
        kubeconfig,
        '--context',
        'pilothouse-admin',
        '-n',
        NS,
        'set',
        'image',
        'deploy/slow',
        `app=registry.example.invalid/rollouts/slow:bench-${Date.now()}`,
      ]);
      await new Promise<void>((resolve, reject) =>
        setImage.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`set image: ${code}`)),
        ),
      );
      const kubectlSet = performance.now() - t0;
      const watched = kubectlWatch(t0);
      const revisionMs = await shown;
      const completeMs = await completeShown().then(() => performance.now() - t0);
      const k = await watched;
      results.push({
        kubectlSet,
        revision: revisionMs,
        complete: completeMs,
        kSeen: k.seen,
        kDone: k.done,
      });
      say(
        `round ${round}: set image ${kubectlSet.toFixed(0)} ms; new revision in the row ${revisionMs.toFixed(0)} ms, ` +
          `kubectl rollout status sees it ${k.seen.toFixed(0)} ms; complete ${completeMs.toFixed(0)} / ${k.done.toFixed(0)} ms`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
    deleteNamespace(NS);
  }

  const col = (f: (r: (typeof results)[number]) => number) => {
    const xs = results.map(f);
    return `${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  };
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const section = `## Rollouts: a rolling update seen live (${new Date().toISOString().slice(0, 10)})

Command: \`PILOTHOUSE_CLUSTER_NAME=${clusterName} npm run bench:rollouts\` · machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium (Debian) headless, local kwok cluster. ${rounds} rounds of \`kubectl set image\` on a copy of the fixture \`rollouts/slow\`; t0 is just before \`set image\` is spawned; medians, every round in brackets.

| from \`kubectl set image\` (t0) to …                           | Pilothouse (Rollouts row)      | \`kubectl rollout status -w\` (started when set image returns) |
| ------------------------------------------------------------- | ------------------------------ | ----------------------------------------------------------- |
| \`kubectl set image\` returns                                   | ${col((r) => r.kubectlSet)} |                                                             |
| the new rollout is seen (row: new revision; kubectl: first "Waiting for deployment" line) | ${col((r) => r.revision)} | ${col((r) => r.kSeen)} |
| the rollout is complete (row: Complete; kubectl: exits done)  | ${col((r) => r.complete)} | ${col((r) => r.kDone)} |
`;
  mkdirSync(path.join(repoRoot, 'e2e/.artifacts'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'e2e/.artifacts/bench-rollouts.md'), section);
  console.log(section);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
