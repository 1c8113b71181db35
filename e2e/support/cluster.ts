/**
 * The cluster the tests run on, and helpers for it. `npm test` (e2e/test-all.sh) creates its
 * own cluster, `pilothouse-test`, and removes it afterwards; the demo cluster `pilothouse`
 * (npm run demo / cluster:up) is never the default here, so the tests cannot disturb it.
 * Tests that need a cluster fail clearly without one.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { repoRoot } from './web-app';

/** The demo cluster of `npm run demo` and `npm run cluster:*` (e2e/cluster/lib.sh's default). */
export const DEMO_CLUSTER = 'pilothouse';
/** The cluster `npm test` creates for itself (e2e/test-all.sh). */
export const TEST_CLUSTER = 'pilothouse-test';

/** The selected cluster: PILOTHOUSE_CLUSTER_NAME, else the test cluster. */
export function clusterName(): string {
  return process.env['PILOTHOUSE_CLUSTER_NAME'] || TEST_CLUSTER;
}

/** Where cluster:up writes a cluster's kubeconfig: the OUT_DIR rule of e2e/cluster/lib.sh. */
export function kubeconfigOfCluster(name: string): string {
  const dir =
    name === DEMO_CLUSTER ? 'e2e/.cluster' : `e2e/.cluster-${name.replace(/^pilothouse-/, '')}`;
  return path.join(repoRoot, dir, 'kubeconfig');
}

/**
 * The kubeconfig the tests use: PILOTHOUSE_CLUSTER_KUBECONFIG (e.g. to run read-only suites
 * against another cluster), else the selected cluster's.
 */
export function clusterKubeconfigPath(): string {
  const explicit = process.env['PILOTHOUSE_CLUSTER_KUBECONFIG'];
  return explicit ? path.resolve(explicit) : kubeconfigOfCluster(clusterName());
}

export function requireClusterKubeconfig(): string {
  const file = clusterKubeconfigPath();
  if (!existsSync(file)) {
    const name = clusterName();
    throw new Error(
      `${file} does not exist: start the cluster ${name} with ` +
        `"PILOTHOUSE_CLUSTER_NAME=${name} npm run cluster:up" ` +
        '(or run "PILOTHOUSE_TEST_KEEP_CLUSTER=1 npm test" once, which keeps it)',
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
      // Lists of 10,000 objects are far over execFileSync's 1 MiB default.
      maxBuffer: 1 << 30,
    },
  );
}

/**
 * The cluster a benchmark runs on: PILOTHOUSE_CLUSTER_NAME, else the demo cluster (the one a
 * person starts with cluster:up to look at numbers). Benchmarks scale their cluster through
 * cluster:scale, which reads only the name, so a PILOTHOUSE_CLUSTER_KUBECONFIG pointing
 * elsewhere is refused rather than measuring one cluster while scaling another.
 */
export function benchCluster(): { name: string; kubeconfig: string } {
  process.env['PILOTHOUSE_CLUSTER_NAME'] ||= DEMO_CLUSTER;
  const name = clusterName();
  const explicit = process.env['PILOTHOUSE_CLUSTER_KUBECONFIG'];
  if (explicit && path.resolve(explicit) !== kubeconfigOfCluster(name)) {
    throw new Error(
      `PILOTHOUSE_CLUSTER_KUBECONFIG=${explicit} is not the kubeconfig of cluster ${name}: ` +
        'benchmarks pick their cluster with PILOTHOUSE_CLUSTER_NAME only',
    );
  }
  return { name, kubeconfig: requireClusterKubeconfig() };
}

/**
 * Waits while namespace `name` is being deleted (a benchmark run just before this one
 * removed it): objects cannot be created in it until it is gone.
 */
export async function untilNamespaceNotTerminating(name: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    let phase: string;
    try {
      phase = kubectl(['get', 'namespace', name, '-o', 'jsonpath={.status.phase}']);
    } catch {
      return; // gone
    }
    if (phase !== 'Terminating') return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`namespace ${name} is still being deleted after 2 minutes`);
}

/** `kubectl apply -f -` of a manifest, as the admin. */
export function kubectlApply(yaml: string): void {
  execFileSync(
    kubectlPath(),
    [
      '--kubeconfig',
      requireClusterKubeconfig(),
      '--context',
      'pilothouse-admin',
      'apply',
      '-f',
      '-',
    ],
    { input: yaml, stdio: ['pipe', 'pipe', 'pipe'] },
  );
}

/**
 * A namespace of a test's own, created afresh (a leftover of an earlier, failed run is
 * deleted first), ready for pods. Tests that change the cluster do it in such a namespace,
 * never on the shared fixtures, so they cannot break each other in any order.
 * `agentLogs`: the fixture agent writes live per-pod logs there, as in team-a/team-b.
 */
export function freshNamespace(name: string, options: { agentLogs?: boolean } = {}): string {
  kubectl(['delete', 'namespace', name, '--ignore-not-found', '--wait=true', '--timeout=120s']);
  const labels = { 'pilothouse.dev/test': 'true' } as Record<string, string>;
  if (options.agentLogs) labels['pilothouse.dev/fixture-agent'] = 'per-pod';
  kubectlApply(JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  // The ServiceAccount admission plugin rejects pods until the default SA exists.
  kubectl(['wait', '-n', name, '--for=create', 'serviceaccount/default', '--timeout=60s']);
  return name;
}

/** Removes a test's namespace and everything in it (in the background). */
export function deleteNamespace(name: string): void {
  kubectl(['delete', 'namespace', name, '--ignore-not-found', '--wait=false']);
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

/** Runs a bash snippet with e2e/cluster/lib.sh sourced for one cluster. */
function withClusterLib(name: string, script: string): string {
  return execFileSync('bash', ['-c', `. e2e/cluster/lib.sh && ${script}`], {
    cwd: repoRoot,
    env: { ...process.env, PILOTHOUSE_CLUSTER_NAME: name },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

/** The server of a kubeconfig's first cluster, or of the cluster of one of its contexts. */
function serverOf(file: string, context?: string): string | undefined {
  const doc = parse(readFileSync(file, 'utf8')) as {
    clusters?: { name: string; cluster: { server?: string } }[];
    contexts?: { name: string; context: { cluster: string } }[];
  };
  const clusterRef = context
    ? doc.contexts?.find((c) => c.name === context)?.context.cluster
    : doc.clusters?.[0]?.name;
  return doc.clusters?.find((c) => c.name === clusterRef)?.cluster.server;
}

/**
 * The state folder of the cluster that the helpers below may stop and restart: the selected
 * cluster, and only when the tests' kubeconfig points at it. Never the demo cluster.
 * (PILOTHOUSE_CLUSTER_KUBECONFIG can point the tests at another cluster than the selected
 * one; a disruptive test must then refuse rather than stop a cluster it is not watching.)
 */
export function disruptableClusterDir(): { name: string; dir: string } {
  const name = clusterName();
  if (name === DEMO_CLUSTER) {
    throw new Error(
      `refusing to stop or restart the demo cluster "${DEMO_CLUSTER}": the disruptive tests ` +
        `run on their own cluster (npm test, or PILOTHOUSE_CLUSTER_NAME=${TEST_CLUSTER})`,
    );
  }
  const dir = clusterDir(name);
  const theirs = existsSync(path.join(dir, 'kubeconfig.yaml'))
    ? serverOf(path.join(dir, 'kubeconfig.yaml'))
    : undefined;
  const ours = serverOf(requireClusterKubeconfig(), 'pilothouse-admin');
  if (!theirs || theirs !== ours) {
    throw new Error(
      `refusing to stop or restart cluster "${name}" (${theirs ?? 'not created'}): the tests ` +
        `use ${requireClusterKubeconfig()}, which points at ${ours ?? 'nothing'}`,
    );
  }
  return { name, dir };
}

/** Stops or starts every component of the test cluster (etcd keeps its data). */
export function clusterPower(action: 'stop' | 'start'): void {
  const { name } = disruptableClusterDir();
  withClusterLib(name, `"$BIN_DIR/kwokctl" --name "$CLUSTER_NAME" ${action} cluster`);
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

/** Where kwokctl keeps cluster `name`'s state: pid files, logs, its kubeconfig. */
function clusterDir(name: string): string {
  return withClusterLib(name, 'printf %s "$CLUSTER_DIR"');
}

/** The pid of one component of the current cluster (kwokctl's pid file), for measuring it. */
export function componentPid(component: 'kube-apiserver' | 'kwok-controller' | 'etcd'): number {
  return Number(
    readFileSync(path.join(clusterDir(clusterName()), 'pids', `${component}.pid`), 'utf8').trim(),
  );
}

/**
 * Restarts one component of the cluster alone, as an upgrade or a crash would: the same
 * binary and flags, a new process; the others keep running. Waits until the API is ready.
 */
export async function restartComponent(
  component: 'kube-apiserver' | 'kwok-controller',
  /** SIGKILL: a crash. SIGTERM lets an API server drain, and it keeps serving the tunnels
   * (port-forwards) it holds until they close, so nothing using one sees an outage. */
  signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
): Promise<void> {
  const { dir } = disruptableClusterDir();
  const pidFile = path.join(dir, 'pids', `${component}.pid`);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, signal);
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await sleep(100);
  const log = openSync(path.join(dir, 'logs', `${component}.log`), 'a');
  const child = spawn(argv[0]!, argv.slice(1), {
    cwd,
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  // Asynchronously: the suites run the engine in this process, and a blocked event loop
  // would hide from them exactly the outage they are there to see.
  for (let i = 0; i < 300; i++) {
    const ready = await new Promise<boolean>((resolve) =>
      execFile(
        kubectlPath(),
        ['--kubeconfig', requireClusterKubeconfig(), 'get', '--raw', '/readyz'],
        { encoding: 'utf8' },
        (error, stdout) => resolve(!error && stdout.trim() === 'ok'),
      ),
    );
    if (ready) return;
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

/**
 * Waits until the fixture agent has published the kwok PortForward of every pod in the
 * namespace (named as the pod): a pod is Ready before the agent has served it, and a forward
 * started in between is rightly told "no forward found for port …" by kwok.
 */
export function waitForAgentForwards(namespace: string): void {
  const pods = kubectl(['-n', namespace, 'get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'])
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  for (const pod of pods)
    kubectl([
      '-n',
      namespace,
      'wait',
      '--for=create',
      `portforwards.kwok.x-k8s.io/${pod}`,
      '--timeout=60s',
    ]);
}

/**
 * The scheduler's message on a Pending pod is as old as its last attempt, and it does not
 * retry on a node's deletion (only every 5 minutes): after a suite's own nodes came and
 * went, a fixture Pending pod may still say "0/10 nodes are available". This recreates
 * each fixture Pending pod (label pilothouse.dev/pending-reason, from
 * fixtures/40-pending.yaml, unchanged) whose message counts another number of nodes than
 * the cluster has, and waits for its fresh message.
 */
export function refreshStalePendingFixtures(): void {
  const nodes = kubectl(['get', 'nodes', '-o', 'name']).trim().split('\n').filter(Boolean).length;
  const pods = JSON.parse(
    kubectl(['get', 'pods', '-A', '-l', 'pilothouse.dev/pending-reason', '-o', 'json']),
  ) as {
    items: Array<{
      metadata: { name: string; namespace: string };
      status?: { conditions?: Array<{ type: string; message?: string }> };
    }>;
  };
  const stale = pods.items.filter((p) => {
    const message = p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message ?? '';
    return !message.startsWith(`0/${nodes} nodes are available`);
  });
  if (stale.length === 0) return;
  for (const p of stale)
    kubectl(['delete', 'pod', '-n', p.metadata.namespace, p.metadata.name, '--wait=true']);
  kubectl(['apply', '-f', path.join(repoRoot, 'e2e/cluster/fixtures/40-pending.yaml')]);
  for (const p of stale)
    kubectl([
      'wait',
      '-n',
      p.metadata.namespace,
      `pod/${p.metadata.name}`,
      `--for=jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}=Unschedulable`,
      '--timeout=60s',
    ]);
}
