/**
 * `npm run bench:forwards`: Pilothouse's forward engine against `kubectl port-forward`, to
 * the same pod port (the fixture agent's server of pod `solo`, namespace bench-forwards),
 * in the same run, alternating, each in a process of its own:
 *   - one 100 MB transfer (GET /bytes?n=104857600): MB/s, best and median of --rounds;
 *   - 200 short HTTP requests, 20 at a time, each on a new connection: p50/p95 latency and
 *     requests/s (median round);
 *   - RSS of the engine process holding 50 idle forwards (and holding none), next to one
 *     `kubectl port-forward` process.
 * Prints a Markdown section and writes it to e2e/.artifacts/bench-forwards.md.
 * Runs on the demo cluster unless PILOTHOUSE_CLUSTER_NAME picks another; changes only its
 * own namespace, deleted at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCluster, deleteNamespace, freshNamespace, kubectlPath } from '../support/cluster';
import { repoRoot } from '../support/web-app';
import { applyFixture } from '../integration/forward-fixture';
import { rssMb } from './measure';

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Number(args.rounds);
const NS = 'bench-forwards';
const POD = 'solo';
const PORT = 5432;
const BIG_BYTES = 100 * 1024 * 1024;
const REQUESTS = 200;
const CONCURRENCY = 20;
const IDLE_FORWARDS = 50;
const say = (m: string) => console.error(`[bench] ${m}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const { name: clusterName, kubeconfig } = benchCluster();
say(`cluster ${clusterName} (${kubeconfig})`);

interface Side {
  name: string;
  port: number;
  child: ChildProcess;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`${what}: no ${pattern} in 180 s\n${err}`)),
      180_000,
    );
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited ${code}\n${err}`)));
  });
}

async function startKubectl(): Promise<Side> {
  const child = spawn(kubectlPath(), [
    '--kubeconfig',
    kubeconfig,
    '--context',
    'pilothouse-admin',
    '-n',
    NS,
    'port-forward',
    `pod/${POD}`,
    `:${PORT}`,
  ]);
  const m = await waitForLine(
    child,
    /Forwarding from 127\.0\.0\.1:(\d+) ->/,
    'kubectl port-forward',
  );
  return { name: 'kubectl port-forward', port: Number(m[1]), child };
}

async function startEngine(count: number): Promise<Side & { ports: number[] }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'e2e/bench/forward-child.ts',
      '--kubeconfig',
      kubeconfig,
      '--namespace',
      NS,
      '--pod',
      POD,
      '--port',
      String(PORT),
      '--count',
      String(count),
    ],
    { cwd: repoRoot, env: { ...process.env, PILOTHOUSE_LOG: 'silent' } },
  );
  const m = await waitForLine(child, /^(\{"ports".*\})$/m, 'forward engine');
  const ports = (JSON.parse(m[1]!) as { ports: number[] }).ports;
  return { name: 'Pilothouse', port: ports[0] ?? 0, ports, child };
}

function stop(side: { child: ChildProcess }): Promise<void> {
  return new Promise((resolve) => {
    if (side.child.exitCode !== null) return resolve();
    side.child.once('exit', () => resolve());
    side.child.kill('SIGTERM');
  });
}

/** GET on a new connection; resolves with the bytes received and the elapsed ms. */
function get(port: number, urlPath: string): Promise<{ bytes: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

async function throughput(side: Side): Promise<number> {
  const r = await get(side.port, `/bytes?n=${BIG_BYTES}`);
  if (r.bytes !== BIG_BYTES) throw new Error(`${side.name}: got ${r.bytes} of ${BIG_BYTES} bytes`);
  return BIG_BYTES / 1024 / 1024 / (r.ms / 1000);
}

async function shortRequests(side: Side): Promise<{ p50: number; p95: number; rps: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++;
        const r = await get(side.port, '/hello');
        latencies.push(r.ms);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), rps: REQUESTS / seconds };
}

const f = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  freshNamespace(NS, { agentLogs: true });
  applyFixture(NS, 1);
  try {
    const engine = await startEngine(1);
    const kube = await startKubectl();
    // Warm both paths once (process start, TLS, the agent's server).
    await get(engine.port, '/hello');
    await get(kube.port, '/hello');
    const tp: Record<string, number[]> = { Pilothouse: [], kubectl: [] };
    const rq: Record<string, Array<{ p50: number; p95: number; rps: number }>> = {
      Pilothouse: [],
      kubectl: [],
    };
    for (let i = 1; i <= rounds; i++) {
      for (const [key, side] of i % 2
        ? ([
            ['Pilothouse', engine],
            ['kubectl', kube],
          ] as const)
        : ([
            ['kubectl', kube],
            ['Pilothouse', engine],
          ] as const)) {
        const mbs = await throughput(side);
        tp[key]!.push(mbs);
        say(`round ${i} ${key}: 100 MB at ${f(mbs, 1)} MB/s`);
        const r = await shortRequests(side);
        rq[key]!.push(r);
        say(
          `round ${i} ${key}: ${REQUESTS} requests p50 ${f(r.p50, 1)} ms p95 ${f(r.p95, 1)} ms ${f(r.rps)} req/s`,
        );
      }
    }
    const engineRss1 = rssMb(engine.child.pid!);
    const kubectlRss = rssMb(kube.child.pid!);
    await stop(engine);
    await stop(kube);

    const idle0 = await startEngine(0).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 3000));
    const rss0 = idle0 ? rssMb(idle0.child.pid!) : NaN;
    if (idle0) await stop(idle0);
    const idle50 = await startEngine(IDLE_FORWARDS);
    await new Promise((r) => setTimeout(r, 3000));
    const rss50 = rssMb(idle50.child.pid!);
    await stop(idle50);

    const medRq = (k: string) => {
      const byRps = [...rq[k]!].sort((a, b) => a.rps - b.rps);
      return byRps[Math.floor(byRps.length / 2)]!;
    };
    const P = medRq('Pilothouse');
    const K = medRq('kubectl');
    const tpP = median(tp['Pilothouse']!);
    const tpK = median(tp['kubectl']!);
    const all = (xs: number[]) => xs.map((x) => f(x, 1)).join(', ');
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const md = [
      `## Port-forwards: the engine against kubectl port-forward (${new Date().toISOString().slice(0, 10)})`,
      '',
      `Command: \`PILOTHOUSE_CLUSTER_NAME=${clusterName} npm run bench:forwards\` · machine: ${os.cpus().length} × ${cpu}, ${f(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, local kwok cluster (the fixture agent's server of pod ${NS}/${POD}:${PORT} behind kwok's port-forward). ${rounds} rounds, alternating which goes first; each side a process of its own; medians, every round in brackets.`,
      '',
      '| measure | Pilothouse | `kubectl port-forward` | ratio |',
      '| --- | --- | --- | --- |',
      `| one 100 MB transfer, MB/s | ${f(tpP, 1)} (${all(tp['Pilothouse']!)}) | ${f(tpK, 1)} (${all(tp['kubectl']!)}) | ${f(tpP / tpK, 2)}x |`,
      `| ${REQUESTS} requests, ${CONCURRENCY} at a time: requests/s | ${f(P.rps)} | ${f(K.rps)} | ${f(P.rps / K.rps, 2)}x |`,
      `| … p50 latency | ${f(P.p50, 1)} ms | ${f(K.p50, 1)} ms | ${f(K.p50 / P.p50, 2)}x |`,
      `| … p95 latency | ${f(P.p95, 1)} ms | ${f(K.p95, 1)} ms | ${f(K.p95 / P.p95, 2)}x |`,
      `| RSS after the run (1 forward) | ${f(engineRss1)} MiB | ${f(kubectlRss)} MiB | |`,
      `| RSS holding 0 / ${IDLE_FORWARDS} idle forwards | ${f(rss0)} / ${f(rss50)} MiB | ${IDLE_FORWARDS} processes ≈ ${f(kubectlRss * IDLE_FORWARDS)} MiB | |`,
      '',
    ].join('\n');
    console.log(md);
    const dir = path.join(repoRoot, 'e2e/.artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'bench-forwards.md'), md);
  } finally {
    deleteNamespace(NS);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
