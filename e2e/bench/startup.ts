/**
 * `npm run bench:startup` (part of `npm run bench`): how long Pilothouse takes to start,
 * side by side with kubectl in the same run. Needs no cluster.
 *   1. `pilothouse logs --help` through the package's bin: wall time, CPU time and peak RSS
 *      (median of --runs), against `kubectl logs --help`, with `node -e 0` as the floor.
 *   2. `npm run web` to its "Pilothouse is running at" line when nothing changed (median of
 *      --web-runs), and the built server started directly, against a kubeconfig file that
 *      exists (a throwaway one: no context is selected, so nothing is dialled); the floor is
 *      Node importing client-node. CPU time is the whole process group's (npm, shell, node).
 *   3. The freshness check that decides whether to rebuild before starting.
 * CPU time is reported next to wall time because the machine is shared: wall time grows
 * with everyone else's load, CPU time much less.
 * One warm-up run of each goes first and is not counted (it also rebuilds a stale build).
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-startup.md.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../support/web-app';
import { kubectlPath } from '../support/cluster';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '15' },
    'web-runs': { type: 'string', default: '5' },
  },
});
const runs = Number(args.runs);
const webRuns = Number(args['web-runs']);
const say = (m: string) => console.error(`[bench:startup] ${m}`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const TIME = '/usr/bin/time';

interface Sample {
  ms: number;
  /** user + system CPU time: what the run costs, whatever else the machine is doing. */
  cpuMs: number;
  rssMb: number;
}

/** One run under GNU time: wall time measured here; peak RSS and CPU time from time. */
function timed(command: string, argv: string[]): Sample {
  const out = path.join(os.tmpdir(), `pilothouse-bench-time-${process.pid}`);
  const started = performance.now();
  const result = spawnSync(TIME, ['-f', '%M %U %S', '-o', out, command, ...argv], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${command} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  const [kb, user, system] = (readFileSync(out, 'utf8').trim().split('\n').pop() ?? '')
    .split(' ')
    .map(Number);
  rmSync(out, { force: true });
  return { ms, cpuMs: ((user ?? NaN) + (system ?? NaN)) * 1000, rssMb: (kb ?? NaN) / 1024 };
}

function series(label: string, command: string, argv: string[]): Sample[] {
  say(`${label}: warm-up and ${runs} runs`);
  timed(command, argv);
  return Array.from({ length: runs }, () => timed(command, argv));
}

const CLOCK_TICKS_PER_S = 100;

/** CPU time so far of every process in a process group, with its reaped children, in ms. */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "(comm)": state ppid pgrp ... utime(14) stime cutime cstime.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    for (const i of [11, 12, 13, 14]) ticks += Number(fields[i]);
  }
  return (ticks / CLOCK_TICKS_PER_S) * 1000;
}

/** Starts a server command; wall and CPU time to its "running at" line; then stops it. */
function toRunningLine(command: string, argv: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so npm, its shell and the server stop together.
    const child = spawn(command, argv, {
      cwd: repoRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => finish(new Error(`no "running at" line:\n${stderr}`)), 120_000);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const cpuMs = child.pid ? groupCpuMs(child.pid) : NaN;
      child.once('exit', () => (error ? reject(error) : resolve({ ms, cpuMs, rssMb: NaN })));
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      else if (error) reject(error);
    };
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (/Pilothouse is running at /.test(stdout)) finish();
    });
    child.once('error', reject);
  });
}

async function webSeries(label: string, command: string, argv: string[]): Promise<Sample[]> {
  say(`${label}: warm-up and ${webRuns} runs`);
  await toRunningLine(command, argv);
  const samples: Sample[] = [];
  for (let i = 0; i < webRuns; i++) samples.push(await toRunningLine(command, argv));
  return samples;
}

/** The kubectl the test cluster's build leaves in the cache, if it has run. */
function findKubectl(): string | undefined {
  try {
    return kubectlPath();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install -y time`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-bench-startup-'));
  const kubeconfig = path.join(scratch, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: bench, context: {cluster: c, user: u}}]
current-context: bench
`,
  );
  const webArgs = ['--no-open', '--port', '0', '--kubeconfig', kubeconfig];
  const webArgsFor = (run: string) => [...webArgs, '--settings-dir', path.join(scratch, run)];
  try {
    const bin = path.join(repoRoot, 'main/cli/pilothouse.mjs');
    const ours = series('pilothouse logs --help', process.execPath, [bin, 'logs', '--help']);
    // Floors: Node itself starting, and Node loading client-node (the bulk of the server).
    const bare = series('node -e 0', process.execPath, ['-e', '0']);
    const clientNode = series('import client-node', process.execPath, [
      '--input-type=module',
      '-e',
      "await import('@kubernetes/client-node')",
    ]);
    const kubectlBin = findKubectl();
    const kubectl = kubectlBin
      ? series('kubectl logs --help', kubectlBin, ['logs', '--help'])
      : undefined;

    const npmWeb = await webSeries('npm run web', 'npm', [
      'run',
      'web',
      '--silent',
      '--',
      ...webArgsFor('npm'),
    ]);
    const builtServer = path.join(repoRoot, 'dist/node/web.js');
    const direct = existsSync(builtServer)
      ? await webSeries('node dist/node/web.js', process.execPath, [
          builtServer,
          ...webArgsFor('direct'),
        ])
      : undefined;

    // The check every start pays; absent before the build step existed.
    const checkModule = path.join(repoRoot, 'main/tools/build.mjs');
    let checkMs: number[] | undefined;
    if (existsSync(checkModule)) {
      const { staleSource } = (await import(checkModule)) as {
        staleSource(target: string): string | undefined;
      };
      checkMs = ['node', 'renderer'].map((target) => {
        const started = performance.now();
        for (let i = 0; i < 20; i++) staleSource(target);
        return (performance.now() - started) / 20;
      });
    }

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const free = execFileSync('free', ['-g'], { encoding: 'utf8' }).split('\n')[1]?.trim();
    const wall = (xs: Sample[]) =>
      `${median(xs.map((x) => x.ms)).toFixed(0)} ms (${xs.map((x) => x.ms.toFixed(0)).join(', ')})`;
    const cpuTime = (xs: Sample[]) => `${median(xs.map((x) => x.cpuMs)).toFixed(0)} ms`;
    const peak = (xs: Sample[]) => `${median(xs.map((x) => x.rssMb)).toFixed(0)} MiB`;
    const rows = [
      `| \`pilothouse logs --help\`: wall time (median of ${runs}) | **${wall(ours)}** | ${kubectl ? `\`kubectl logs --help\`: ${wall(kubectl)}` : 'kubectl not found (build the test cluster first)'} | target < 250 ms |`,
      `| (same) CPU time, user + system | ${cpuTime(ours)} | ${kubectl ? cpuTime(kubectl) : ''} | |`,
      `| (same) peak RSS | **${peak(ours)}** | ${kubectl ? peak(kubectl) : ''} | target < 80 MiB |`,
      `| floor: \`node -e 0\` (Node itself starting) | ${wall(bare)}; CPU ${cpuTime(bare)}; ${peak(bare)} | | |`,
      `| floor: Node importing @kubernetes/client-node, which the server loads before listening | ${wall(clientNode)}; CPU ${cpuTime(clientNode)} | | |`,
      `| \`npm run web\` to "Pilothouse is running at", nothing changed (median of ${webRuns}) | **${wall(npmWeb)}**; CPU ${cpuTime(npmWeb)} | | target < 2000 ms |`,
    ];
    if (direct)
      rows.push(
        `| \`node dist/node/web.js\` (the built server, no npm, no check) to the same line | ${wall(direct)}; CPU ${cpuTime(direct)} | | |`,
      );
    if (checkMs)
      rows.push(
        `| freshness check (every source's mtime against the build) | main+shared ${checkMs[0]!.toFixed(1)} ms, renderer+shared ${checkMs[1]!.toFixed(1)} ms | | |`,
      );
    const report = `## Startup (${new Date().toISOString().slice(0, 10)})

Command: \`npm run bench:startup\` · machine: \`nproc\` ${os.cpus().length} × ${cpu}, \`free -g\`: ${free}, Node ${process.version}.

| measure | Pilothouse | baseline | |
|---|---|---|---|
${rows.join('\n')}
`;
    mkdirSync(path.join(repoRoot, 'e2e/.artifacts'), { recursive: true });
    writeFileSync(path.join(repoRoot, 'e2e/.artifacts/bench-startup.md'), report);
    console.log(report);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
