/** The local test cluster, as `npm run cluster:up` leaves it. Tests that need it fail clearly without it. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { clusterKubeconfig, repoRoot } from './web-app';

export function requireClusterKubeconfig(): string {
  const file = process.env['PILOTHOUSE_CLUSTER_KUBECONFIG'] ?? clusterKubeconfig;
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: start the local test cluster with "npm run cluster:up"`,
    );
  }
  return file;
}

interface KubeconfigDoc {
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

/** A copy of the cluster's kubeconfig with one more context whose token the server rejects. */
export function withBadTokenContext(file: string, name: string): string {
  const doc = parse(readFileSync(file, 'utf8')) as KubeconfigDoc;
  const admin = doc.contexts.find((c) => c.name === 'pilothouse-admin');
  if (!admin) throw new Error('pilothouse-admin context missing');
  doc.users.push({ name: `${name}-user`, user: { token: 'not-a-valid-token' } });
  doc.contexts.push({ name, context: { cluster: admin.context.cluster, user: `${name}-user` } });
  return stringify(doc);
}

/** The kubectl built with the test cluster (Debian's is too old), at the pinned versions. */
export function kubectlPath(): string {
  const env = Object.fromEntries(
    readFileSync(path.join(repoRoot, 'e2e/cluster/versions.env'), 'utf8')
      .split('\n')
      .map((l) => /^([A-Z0-9_]+)=(.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2]]),
  ) as Record<string, string>;
  const cache = process.env['PILOTHOUSE_CACHE'] ?? path.join(os.homedir(), '.cache/pilothouse');
  const dir = `k8s-${env['K8S_VERSION']}-etcd-${env['ETCD_VERSION']}-kwok-${env['KWOK_VERSION']}-ms-${env['METRICS_SERVER_VERSION']}`;
  const file = path.join(cache, 'bin', dir, 'kubectl');
  if (!existsSync(file))
    throw new Error(`${file} is missing: run "npm run cluster:up" to build it`);
  return file;
}

/** Runs the built kubectl against the test cluster's kubeconfig. */
export function kubectl(args: string[], context = 'pilothouse-admin'): string {
  return execFileSync(
    kubectlPath(),
    ['--kubeconfig', requireClusterKubeconfig(), '--context', context, ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** `kubectl get pods` as sorted "namespace/name STATUS" lines. */
export function kubectlPods(namespace: string | 'all', context = 'pilothouse-admin'): string[] {
  const scope = namespace === 'all' ? ['-A'] : ['-n', namespace];
  return kubectl(['get', 'pods', ...scope, '--no-headers'], context)
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const f = line.trim().split(/\s+/);
      return namespace === 'all' ? `${f[0]}/${f[1]} ${f[3]}` : `${namespace}/${f[0]} ${f[2]}`;
    })
    .sort();
}

/** Stops or starts every component of the test cluster (etcd keeps its data). */
export function clusterPower(action: 'stop' | 'start'): void {
  execFileSync(
    'bash',
    ['-c', `. e2e/cluster/lib.sh && "$BIN_DIR/kwokctl" --name "$CLUSTER_NAME" ${action} cluster`],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    },
  );
}

/** A pod the scheduler can never place (so it stays Pending), created afresh. */
export function kubectlRunPendingPod(namespace: string, name: string): void {
  kubectl(['-n', namespace, 'delete', 'pod', name, '--ignore-not-found', '--wait=true']);
  kubectl([
    '-n',
    namespace,
    'run',
    name,
    '--image=registry.example.invalid/outsider:1',
    '--restart=Never',
    '--overrides={"spec":{"nodeSelector":{"no-such-label":"x"}}}',
  ]);
}

/**
 * Restarts one component of the cluster alone, as an upgrade or a crash would: the same
 * binary and flags, a new process; the others keep running. Waits until the API is ready.
 */
export async function restartComponent(
  component: 'kube-apiserver' | 'kwok-controller',
): Promise<void> {
  const dir = execFileSync('bash', ['-c', '. e2e/cluster/lib.sh && printf %s "$CLUSTER_DIR"'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const pidFile = path.join(dir, 'pids', `${component}.pid`);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await sleep(100);
  const log = openSync(path.join(dir, 'logs', `${component}.log`), 'a');
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  for (let i = 0; i < 300; i++) {
    try {
      if (kubectl(['get', '--raw', '/readyz']).trim() === 'ok') return;
    } catch {
      // not up yet
    }
    await sleep(200);
  }
  throw new Error(`the API was not ready within 60 s after restarting ${component}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The name of the first pod a label selector picks in a namespace. */
export function firstPodName(namespace: string, selector: string): string {
  const name = kubectl([
    '-n',
    namespace,
    'get',
    'pods',
    '-l',
    selector,
    '-o',
    'jsonpath={.items[0].metadata.name}',
  ]).trim();
  if (!name) throw new Error(`no pod matches ${selector} in ${namespace}`);
  return name;
}
