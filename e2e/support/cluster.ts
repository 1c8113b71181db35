/** The local test cluster, as `npm run cluster:up` leaves it. Tests that need it fail clearly without it. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
