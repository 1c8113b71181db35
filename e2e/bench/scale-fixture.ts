/**
 * The benchmarks' side of cluster:scale (e2e/cluster/scale.ts): set namespace `scale` to N
 * pods, and read how many it holds so that a benchmark leaves the cluster as it found it.
 */
import { execFileSync } from 'node:child_process';
import { kubectl } from '../support/cluster';
import { repoRoot } from '../support/web-app';

/** Runs cluster:scale with `args` (e.g. `--pods 10000`), its output on this terminal. */
export function scale(args: string[]): void {
  execFileSync('bash', ['e2e/cluster/scale.sh', ...args], { cwd: repoRoot, stdio: 'inherit' });
}

/** Whether namespace `scale` exists, and the pods its load Deployments are set to. */
export function scaleState(): { namespace: boolean; pods: number } {
  const namespace = kubectl(['get', 'namespace', 'scale', '--ignore-not-found', '-o', 'name']);
  if (!namespace.trim()) return { namespace: false, pods: 0 };
  // One Deployment per scale node (load-0, load-1, ...), all labelled app=load.
  const replicas = kubectl([
    ...['-n', 'scale', 'get', 'deployments', '-l', 'app=load'],
    ...['-o', 'jsonpath={.items[*].spec.replicas}'],
  ]);
  const pods = replicas
    .split(/\s+/)
    .filter(Boolean)
    .reduce((sum, n) => sum + Number(n), 0);
  return { namespace: true, pods };
}
