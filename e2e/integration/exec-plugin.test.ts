// Test 4 of issue 10: exec credential plugins, end to end, with the app's own services
// (startServices, as browser mode and Electron build them) against the real test
// apiserver. The plugins are real scripts on disk; the good ones print a real
// ServiceAccount token made with the built kubectl, which the apiserver accepts (a
// configmap list in a namespace is refused to anonymous users).
//
// - 50 concurrent watches of a context whose plugin takes 1 s start ONE plugin process;
// - a plugin that hangs ends in the "exec-failed" state within its timeout (2 s here, set
//   with PILOTHOUSE_EXEC_TIMEOUT_MS, the documented setting), it and the process it
//   started are killed, and it is not started again while 10 watches of that context keep
//   retrying for WOULD_BE_RETRIES_MS (longer than the first four periods of the old
//   Unreachable retry loop: 2 + 4 + 8 + 16 s... we wait past 2 + 4 + 8 s, and each watch
//   retries several times). Why that stands for "two minutes later": nothing schedules a
//   plugin run by time. ConnectionService retries only "unreachable" (exec-failed sets no
//   timer), every other request gets the remembered failure, and only context.select or a
//   kubeconfig edit clears it; main/cluster/connections.test.ts advances an hour of fake
//   timers over a failed plugin and counts one run;
// - an `aws` planted in the working directory, one in a relative PATH entry and one in
//   node_modules/.bin never run: the one in an absolute folder does, and the messages
//   name the folders searched, not the PATH.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, requireClusterKubeconfig } from '../support/cluster';
import { eventually, sleep } from './cluster';
import { startServices, type AppServices } from '../../main/app';
import type { ConnectionState } from '../../shared/contract/cluster';
import type { ScopeStatus } from '../../shared/contract/resources';
import type { Projection } from '../../main/watch/watch-cache';
import { kubeJson } from '../../main/platform/http';

const TIMEOUT_MS = 2_000;
/** Slack for a loaded 2-core machine between the timeout and the state reaching us. */
const STATE_SLACK_MS = 3_000;
const WOULD_BE_RETRIES_MS = 20_000;
const WATCHES = 50;
const tag = `${process.pid}-${Date.now().toString(36)}`;
const namespace = `e2e-exec-plugin-${tag}`;
const binding = `e2e-exec-plugin-${tag}`;

const configMaps: Projection<{ uid: string }> = {
  id: 'test-exec-configmaps',
  group: '',
  version: 'v1',
  plural: 'configmaps',
  namespaced: true,
  project: (o) => ({ uid: o.metadata?.uid ?? '' }),
};

let dir: string;
let work: string;
let app: AppServices;
const saved = {
  cwd: process.cwd(),
  path: process.env['PATH'],
  timeout: process.env['PILOTHOUSE_EXEC_TIMEOUT_MS'],
};
const states = new Map<string, ConnectionState>();

/** A plugin script; PATH is set inside so it never depends on the hostile PATH we test. */
function script(file: string, body: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\nPATH=/usr/bin:/bin\n${body}\n`, { mode: 0o755 });
  return file;
}

const lines = (file: string) =>
  fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

/** Running (a zombie left for a container's init to reap counts as ended). */
function alive(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    if (fs.existsSync('/proc/self')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Live plugin runs: the process groups of live processes whose command line names a file
 * under `dir` (our plugins). Groups, not processes: each run is its own group (the runner
 * starts it detached), and a shell forking for `sleep &` briefly shows its command line
 * twice within that one run.
 */
function pluginProcesses(): number[] {
  if (!fs.existsSync('/proc/self')) return [];
  const groups = new Set<number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir) || !alive(pid)) continue;
      // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces, so after ')'.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      groups.add(pgrp);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return [...groups];
}

function waitForState(context: string, phase: ConnectionState['phase']): Promise<ConnectionState> {
  return eventually(
    `${context} to be ${phase} (now ${JSON.stringify(states.get(context))})`,
    async () => (states.get(context)?.phase === phase ? states.get(context) : undefined),
    60_000,
    20,
  );
}

/** Subscribes `count` watches of configmaps (the test namespace, then made-up ones). */
function watchMany(context: string, count: number) {
  const statuses = new Map<string, ScopeStatus>();
  const stops = Array.from({ length: count }, (_, i) => {
    const ns = i === 0 ? namespace : `${namespace}-w${i}`;
    return app.watches.subscribe(context, configMaps, ns, {
      upsert: () => undefined,
      delete: () => undefined,
      status: (status) => statuses.set(ns, status),
    });
  });
  return { statuses, stop: () => stops.forEach((stop) => stop()) };
}

const credential = (token: string) =>
  `cat <<'JSON'\n${JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    status: { token },
  })}\nJSON`;

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-exec-e2e-')));
  work = path.join(dir, 'work');
  fs.mkdirSync(work);

  // A real token the apiserver accepts: a ServiceAccount allowed to view everything.
  kubectl(['create', 'namespace', namespace]);
  kubectl(['create', 'serviceaccount', 'viewer', '-n', namespace]);
  kubectl([
    'create',
    'clusterrolebinding',
    binding,
    '--clusterrole=view',
    `--serviceaccount=${namespace}:viewer`,
  ]);
  const token = kubectl(['create', 'token', 'viewer', '-n', namespace, '--duration=1h']).trim();
  expect(token.split('.')).toHaveLength(3);

  const slow = script(
    path.join(dir, 'plugins', 'slow-sso'),
    `echo $$ >> '${dir}/slow-runs'\nsleep 1\n${credential(token)}`,
  );
  const hang = script(
    path.join(dir, 'plugins', 'hanging-login'),
    `echo $$ >> '${dir}/hang-runs'\necho "open https://login.example/device to log in" >&2\n` +
      `sleep 300 &\necho "$$ $!" >> '${dir}/hang-pids'\nwait`,
  );
  // A token that expires 3 s after it is issued; the next run fails (an SSO session ended).
  script(
    path.join(dir, 'plugins', 'expiring'),
    `echo $$ >> '${dir}/expiring-runs'\n` +
      `if [ "$(wc -l < '${dir}/expiring-runs')" -gt 1 ]; then echo "SSO session ended" >&2; exit 2; fi\n` +
      `cat <<JSON\n{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",` +
      `"status":{"token":"${token}","expirationTimestamp":"$(date -u -d '+3 seconds' +%Y-%m-%dT%H:%M:%SZ)"}}\nJSON`,
  );
  // `aws` in every place that must never supply it, each leaving a mark if it ran...
  const planted = (where: string) => `echo ran > '${dir}/PLANTED-${where}'\n${credential(token)}`;
  script(path.join(work, 'aws'), planted('cwd'));
  script(path.join(work, 'rel-bin', 'aws'), planted('relative-entry'));
  script(path.join(dir, 'node_modules', '.bin', 'aws'), planted('node-modules-bin'));
  for (const where of ['cwd', 'rel-bin', 'node_modules']) {
    const folder =
      where === 'cwd'
        ? work
        : where === 'rel-bin'
          ? path.join(work, 'rel-bin')
          : path.join(dir, 'node_modules', '.bin');
    script(path.join(folder, 'pilothouse-only-planted'), planted(`only-${where}`));
  }
  // ...and the real one, in an absolute folder after them.
  script(
    path.join(dir, 'trusted-bin', 'aws'),
    `echo $$ >> '${dir}/aws-runs'\n${credential(token)}`,
  );

  const admin = parse(fs.readFileSync(requireClusterKubeconfig(), 'utf8')) as {
    clusters: { name: string; cluster: Record<string, unknown> }[];
    contexts: { name: string; context: { cluster: string } }[];
  };
  const clusterName = admin.contexts.find((c) => c.name === 'pilothouse-admin')!.context.cluster;
  const cluster = admin.clusters.find((c) => c.name === clusterName)!;
  const exec = (command: string) => ({
    exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never' },
  });
  const users = {
    expiring: exec(path.join(dir, 'plugins', 'expiring')),
    slow: exec(slow),
    hang: exec(hang),
    aws: exec('aws'),
    planted: exec('pilothouse-only-planted'),
  };
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [cluster],
      users: Object.entries(users).map(([name, user]) => ({ name, user })),
      contexts: Object.keys(users).map((name) => ({
        name,
        context: { cluster: cluster.name, user: name, namespace },
      })),
      'current-context': 'slow',
    }),
  );

  // The hostile surroundings: the working directory holds an `aws`; PATH starts with ".",
  // a relative entry, an empty one and a node_modules/.bin, as under `npm run`.
  process.chdir(work);
  process.env['PATH'] = [
    '.',
    'rel-bin',
    '',
    path.join(dir, 'node_modules', '.bin'),
    path.join(dir, 'trusted-bin'),
    saved.path,
  ].join(':');
  process.env['PILOTHOUSE_EXEC_TIMEOUT_MS'] = String(TIMEOUT_MS);
  app = await startServices({
    mode: 'web',
    kubeconfig: file,
    settingsDir: path.join(dir, 'settings'),
    version: 'test',
  });
  app.connections.onUpdate(({ context, state }) => states.set(context, state));
});

afterAll(async () => {
  await app?.stop();
  process.chdir(saved.cwd);
  process.env['PATH'] = saved.path;
  if (saved.timeout === undefined) delete process.env['PILOTHOUSE_EXEC_TIMEOUT_MS'];
  else process.env['PILOTHOUSE_EXEC_TIMEOUT_MS'] = saved.timeout;
  try {
    kubectl(['delete', 'clusterrolebinding', binding, '--ignore-not-found']);
  } finally {
    kubectl(['delete', 'namespace', namespace, '--ignore-not-found', '--wait=false']);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('exec credential plugins (issue 10, test 4)', () => {
  it(`${WATCHES} concurrent watches start ONE plugin, whose token the apiserver accepts`, async () => {
    app.connections.select('slow');
    const watches = watchMany('slow', WATCHES);
    try {
      await eventually(
        `${WATCHES} watches ready`,
        async () =>
          watches.statuses.size === WATCHES &&
          [...watches.statuses.values()].every((s) => s.phase === 'ready'),
        60_000,
        100,
      );
      await waitForState('slow', 'connected');
      expect(lines(path.join(dir, 'slow-runs'))).toHaveLength(1);
      console.info(`[exec-plugin] ${WATCHES} watches + 1 connection check: 1 plugin run`);
    } finally {
      watches.stop();
    }
  });

  it('a hanging plugin ends exec-failed within its timeout, is killed, and never runs again by itself', async () => {
    const started = performance.now();
    app.connections.select('hang');
    const watches = watchMany('hang', 10);
    try {
      const state = await waitForState('hang', 'exec-failed');
      const elapsed = performance.now() - started;
      expect(elapsed, `exec-failed after ${Math.round(elapsed)} ms`).toBeGreaterThanOrEqual(
        TIMEOUT_MS - 100,
      );
      expect(elapsed, `exec-failed after ${Math.round(elapsed)} ms`).toBeLessThan(
        TIMEOUT_MS + STATE_SLACK_MS,
      );
      expect(state).toEqual({
        phase: 'exec-failed',
        message: `credential plugin ${dir}/plugins/hanging-login did not finish within 2 s and was stopped; it said:\nopen https://login.example/device to log in`,
      });
      // The plugin and the `sleep` it started: SIGTERM to the group, SIGKILL 2 s later.
      const pids = lines(path.join(dir, 'hang-pids')).flatMap((l) => l.split(' ').map(Number));
      expect(pids).toHaveLength(2);
      await eventually('the plugin’s processes to end', async () => !pids.some(alive), 10_000, 100);
      expect(pluginProcesses()).toEqual([]);

      // Would-be retry periods: the 10 watches retry with backoff, the connection does not.
      let most = 0;
      const until = Date.now() + WOULD_BE_RETRIES_MS;
      while (Date.now() < until) {
        most = Math.max(most, pluginProcesses().length);
        await sleep(250);
      }
      const runs = lines(path.join(dir, 'hang-runs')).length;
      console.info(
        `[exec-plugin] hanging plugin: exec-failed after ${Math.round(elapsed)} ms (timeout ${TIMEOUT_MS} ms); ` +
          `${WOULD_BE_RETRIES_MS / 1000} s later: ${runs} run(s), at most ${most} plugin process(es) alive after the kill, ${pluginProcesses().length} now`,
      );
      expect(runs).toBe(1);
      expect(most).toBe(0);
      expect(states.get('hang')?.phase).toBe('exec-failed');
      // Every watch retried (error, then reconnecting) and got the remembered failure.
      expect(watches.statuses.size).toBe(10);
      for (const status of watches.statuses.values()) {
        expect(['error', 'reconnecting']).toContain(status.phase);
        expect(JSON.stringify(status)).toContain('hanging-login did not finish within 2 s');
      }

      // Retry (context.select) is the user asking: exactly one new run, one process.
      app.connections.select('hang');
      await eventually(
        'the retried plugin to start',
        async () => lines(path.join(dir, 'hang-runs')).length === 2,
        10_000,
        50,
      );
      expect(pluginProcesses().length).toBeLessThanOrEqual(1);
      await waitForState('hang', 'exec-failed');
      expect(lines(path.join(dir, 'hang-runs'))).toHaveLength(2);
    } finally {
      watches.stop();
    }
  });

  it('a connected context turns exec-failed when its expired credential cannot be renewed', async () => {
    app.connections.select('expiring');
    await waitForState('expiring', 'connected');
    const kc = app.connections.kubeConfig('expiring');
    await kubeJson(kc, `/api/v1/namespaces/${namespace}/configmaps`);
    await eventually(
      'the credential to expire',
      async () => {
        await sleep(500);
        try {
          await kubeJson(kc, `/api/v1/namespaces/${namespace}/configmaps`);
          return false;
        } catch (error) {
          return (error as Error).message.includes('SSO session ended');
        }
      },
      20_000,
      0,
    );
    const state = await waitForState('expiring', 'exec-failed');
    expect(state.phase === 'exec-failed' && state.message).toContain(
      'failed with exit code 2; it said:\nSSO session ended',
    );
    expect(lines(path.join(dir, 'expiring-runs'))).toHaveLength(2);
  });

  it('never runs an aws planted in the working directory, a relative PATH entry or node_modules/.bin', async () => {
    // kubectl's shell would find ./aws first with "." on PATH; we skip ".", "rel-bin", the
    // empty entry and node_modules/.bin, and run the one in an absolute folder.
    expect(fs.existsSync(path.join(work, 'aws'))).toBe(true);
    expect(execFileSync('/bin/sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim()).toBe(
      './aws',
    );
    app.connections.select('aws');
    const watches = watchMany('aws', 1);
    try {
      await waitForState('aws', 'connected');
      await eventually(
        'the aws context’s watch ready',
        async () => watches.statuses.get(namespace)?.phase === 'ready',
      );
      expect(lines(path.join(dir, 'aws-runs'))).toHaveLength(1);
    } finally {
      watches.stop();
    }

    // A plugin that exists ONLY in those places is not found, and the message lists the
    // folders searched (not the raw PATH: no ".", "rel-bin" or node_modules in it).
    app.connections.select('planted');
    const state = await waitForState('planted', 'exec-failed');
    const message = state.phase === 'exec-failed' ? state.message : '';
    expect(message).toMatch(
      /^credential plugin "pilothouse-only-planted" was not found on PATH; searched: /,
    );
    expect(message).toContain(path.join(dir, 'trusted-bin'));
    const skipped =
      /; (\d+) PATH entries never searched \(empty, relative or inside node_modules\)$/.exec(
        message,
      );
    // ".", "rel-bin" and node_modules/.bin at least (startServices drops the empty entry).
    expect(Number(skipped?.[1])).toBeGreaterThanOrEqual(3);
    expect(message).not.toMatch(/rel-bin|node_modules\/|(^|[ ,])\.(,|$)/);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('PLANTED-'))).toEqual([]);
  });
});
