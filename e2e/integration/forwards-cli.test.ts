// `pilothouse forward` (the bin entry) against the test cluster: each of kubectl's forms
// answers from the right pod, one line per forward when ready, --all-services, clear exits
// (2 bad input, 1 unknown target / port in use / forbidden), Ctrl-C exits 0, and under
// `kubectl rollout restart` of a Deployment behind a Service forward the CLI prints each
// move. Connections go to 127.0.0.1 / 127.1.x.y only.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNamespace, freshNamespace, kubectl, kubectlApply } from '../support/cluster';
import { eventually, KUBECONFIG } from './cluster';
import { field, httpGet } from './forward-http';

const bin = path.resolve('main/cli/pilothouse.mjs');
const NS = 'e2e-forwards-cli';
/** `127.0.0.1:8080 -> team-a/svc/web:80 (pod web-…)`: the ready line. */
const READY = /^(\S+):(\d+) -> (\S+) \(pod ([^)]+)\)$/;

interface Run {
  child: ChildProcess;
  lines: string[];
  stderr: () => string;
  /** Resolves with the first stdout line matching `re`. */
  line(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exit: Promise<number | null>;
}

function run(args: string[], context = 'pilothouse-admin'): Run {
  const child = spawn(
    process.execPath,
    [bin, 'forward', '--kubeconfig', KUBECONFIG, '--context', context, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 170_000);
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      for (const w of waiters) w();
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exit,
    line: (re, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        let from = 0;
        const check = () => {
          for (; from < lines.length; from++) {
            const m = re.exec(lines[from]!);
            if (m) {
              waiters.delete(check);
              clearTimeout(timer);
              return resolve(m);
            }
          }
          if (child.exitCode !== null) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited ${child.exitCode} before ${re}: ${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`no line ${re} in ${timeoutMs} ms; got ${JSON.stringify(lines)} ${stderr}`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

async function interrupt(r: Run): Promise<number | null> {
  r.child.kill('SIGINT');
  return r.exit;
}

/** A port free on 127.0.0.1 now (bound and released). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(() => {
  freshNamespace(NS, { agentLogs: true });
  kubectlApply(
    [
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'mover', namespace: NS },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'mover' } },
          template: {
            metadata: { labels: { app: 'mover' } },
            spec: {
              terminationGracePeriodSeconds: 0,
              containers: [
                {
                  name: 'main',
                  image: 'nginx:1.27',
                  ports: [{ name: 'http', containerPort: 8080 }],
                },
              ],
            },
          },
        },
      }),
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'mover', namespace: NS },
        spec: {
          selector: { app: 'mover' },
          ports: [{ name: 'http', port: 80, targetPort: 'http' }],
        },
      }),
    ].join('\n---\n'),
  );
  kubectl(['rollout', 'status', '-n', NS, 'deployment/mover', '--timeout=90s']);
}, 180_000);
afterAll(() => deleteNamespace(NS));

describe('pilothouse forward', () => {
  it('svc/web LOCAL:80 -n team-a: the ready line, a web pod answers, Ctrl-C exits 0', async () => {
    const local = await freePort();
    const r = run(['svc/web', `${local}:80`, '-n', 'team-a']);
    const m = await r.line(READY);
    expect(m.slice(1, 4)).toEqual(['127.0.0.1', String(local), 'team-a/svc/web:80']);
    const body = await httpGet('127.0.0.1', local);
    expect(field(body, 'pod')).toBe(m[4]);
    expect(field(body, 'pod')).toMatch(/^web-/);
    // targetPort http is container port 8080 on the web pods.
    expect(field(body, 'port')).toBe('8080');
    expect(await interrupt(r)).toBe(0);
  });

  it('pod/db-0 :5432: a free local port, db-0 answers', async () => {
    const r = run(['pod/db-0', ':5432', '-n', 'team-a']);
    const m = await r.line(READY);
    expect(m[3]).toBe('team-a/pod/db-0:5432');
    expect(m[4]).toBe('db-0');
    const body = await httpGet('127.0.0.1', Number(m[2]));
    expect(field(body, 'pod')).toBe('db-0');
    expect(field(body, 'port')).toBe('5432');
    expect(await interrupt(r)).toBe(0);
  });

  it('deploy/web LOCAL:http: the named container port on a web pod', async () => {
    const local = await freePort();
    const r = run(['deploy/web', `${local}:http`, '--ns', 'team-a']);
    const m = await r.line(READY);
    expect(m[3]).toBe('team-a/deploy/web:http');
    const body = await httpGet('127.0.0.1', local);
    expect(field(body, 'pod')).toBe(m[4]);
    expect(field(body, 'portName')).toBe('http');
    expect(await interrupt(r)).toBe(0);
  });

  it('--ns team-a --all-services: every Service on its own address, and the hosts lines', async () => {
    const r = run(['--ns', 'team-a', '--all-services']);
    const web = await r.line(/^(127\.1\.\d+\.\d+):80 -> team-a\/svc\/web:80 \(pod (web-[^)]+)\)$/);
    const api = await r.line(
      /^(127\.1\.\d+\.\d+):8080 -> team-a\/svc\/api:8080 \(pod (api-[^)]+)\)$/,
    );
    expect(web[1]).not.toBe(api[1]);
    await r.line(
      new RegExp(
        `^${web[1]!.replace(/\./g, '\\.')} web web\\.team-a web\\.team-a\\.svc\\.cluster\\.local$`,
      ),
    );
    expect(field(await httpGet(web[1]!, 80), 'pod')).toBe(web[2]);
    expect(field(await httpGet(api[1]!, 8080), 'pod')).toBe(api[2]);
    expect(await interrupt(r)).toBe(0);
    expect(r.stderr()).not.toMatch(/error/i);
  });

  it('prints each move under kubectl rollout restart of the Deployment behind a Service', async () => {
    const local = await freePort();
    const r = run([`svc/mover`, `${local}:http`, '-n', NS]);
    const first = await r.line(READY);
    let pod = first[4]!;
    const moves: string[] = [];
    let restartedAt = 0;
    for (let i = 0; i < 3; i++) {
      // kubectl stamps restartedAt in whole seconds and refuses a second restart within one;
      // on kwok a one-pod rollout can be over in less than that.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, restartedAt + 1100 - Date.now())),
      );
      restartedAt = Date.now();
      kubectl(['rollout', 'restart', '-n', NS, 'deployment/mover']);
      kubectl(['rollout', 'status', '-n', NS, 'deployment/mover', '--timeout=90s']);
      const moved = await r.line(
        new RegExp(
          `^127\\.0\\.0\\.1:${local} -> ${NS}/svc/mover:http \\(pod (\\S+)\\): moved from pod ${pod}$`,
        ),
        30_000,
      );
      moves.push(moved[0]);
      pod = moved[1]!;
      await eventually(
        `the new pod ${pod} answers`,
        async () => (field(await httpGet('127.0.0.1', local), 'pod') === pod ? true : undefined),
        10_000,
        100,
      );
    }
    expect(new Set(moves).size).toBe(3);
    expect(await interrupt(r)).toBe(0);
  }, 300_000);

  it.each([
    ['an unknown target', ['svc/nope', ':80', '-n', 'team-a'], 'pilothouse-admin', 1, /nope/],
    [
      'a forbidden namespace',
      ['pod/db-0', ':5432', '-n', 'team-a'],
      'pilothouse-viewer',
      1,
      /Forbidden/,
    ],
    [
      'a bad port',
      ['svc/web', '80:0', '-n', 'team-a'],
      'pilothouse-admin',
      2,
      /remote port must be > 0/,
    ],
    ['an unknown kind', ['job/x', '80'], 'pilothouse-admin', 2, /cannot forward to "job"/],
  ])('exits clearly for %s', async (_what, args, context, code, message) => {
    const r = run(args, context);
    expect(await r.exit).toBe(code);
    expect(r.stderr()).toMatch(message);
    expect(r.lines.filter(Boolean)).toEqual([]);
  });

  it('exits 1 for a local port in use, naming the port', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const r = run(['svc/web', `${port}:80`, '-n', 'team-a']);
      expect(await r.exit).toBe(1);
      expect(r.stderr()).toContain(`local port ${port} is in use`);
    } finally {
      busy.close();
    }
  });
});
