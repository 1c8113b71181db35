/**
 * Turning the test cluster's metrics-server off and on, for the metrics states a user sees
 * when it is stopped (stale, then unavailable) and when it is not installed at all (no
 * `metrics.k8s.io` APIService). Only on the selected, disruptable cluster (never the demo
 * cluster, see disruptableClusterDir); every helper has its undo, which the tests call in
 * `finally`/afterAll so later suites find metrics-server as it was.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { disruptableClusterDir, kubectl, kubectlApply } from './cluster';

const APISERVICE = 'v1beta1.metrics.k8s.io';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stopped {
  argv: string[];
  cwd: string;
  pidFile: string;
  log: string;
}

/** Stops metrics-server (SIGTERM) and returns what restarting it takes. */
export async function stopMetricsServer(): Promise<Stopped> {
  const { dir } = disruptableClusterDir();
  const pidFile = path.join(dir, 'pids', 'metrics-server.pid');
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const cwd = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) await sleep(100);
  return { argv, cwd, pidFile, log: path.join(dir, 'logs', 'metrics-server.log') };
}

/** Starts metrics-server again with its own binary and flags; waits until the API answers. */
export async function startMetricsServer(stopped: Stopped): Promise<void> {
  const log = openSync(stopped.log, 'a');
  const child = spawn(stopped.argv[0]!, stopped.argv.slice(1), {
    cwd: stopped.cwd,
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  writeFileSync(stopped.pidFile, String(child.pid));
  await waitForMetricsApi();
}

/** Deletes the metrics APIService (as on a cluster without metrics-server); returns its manifest. */
export function removeMetricsApi(): string {
  disruptableClusterDir();
  const manifest = kubectl(['get', 'apiservice', APISERVICE, '-o', 'json']);
  kubectl(['delete', 'apiservice', APISERVICE, '--wait=true']);
  return manifest;
}

/** Puts the APIService back and waits until the metrics API answers again. */
export async function restoreMetricsApi(manifest: string): Promise<void> {
  const doc = JSON.parse(manifest) as {
    metadata: Record<string, unknown>;
    status?: unknown;
  };
  const { name, labels, annotations } = doc.metadata;
  doc.metadata = { name, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
  delete doc.status;
  kubectlApply(JSON.stringify(doc));
  await waitForMetricsApi();
}

async function waitForMetricsApi(): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      kubectl(['get', '--raw', '/apis/metrics.k8s.io/v1beta1/nodes']);
      return;
    } catch {
      // not answering yet
    }
    await sleep(500);
  }
  throw new Error('the metrics API did not answer within 60 s after restarting metrics-server');
}
