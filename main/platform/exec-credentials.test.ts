// ExecCredentials with real plugin scripts on disk: one process per (context, user) however
// many requests wait for it, cached until it expires, failures remembered until the user
// retries or the kubeconfig changes, a hung plugin killed at its timeout, and nothing a
// plugin prints on stdout in any message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExecConfig } from './exec-credential-format';
import {
  DEFAULT_EXEC_TIMEOUT_MS,
  ExecCredentials,
  execTimeoutMs,
  type ExecRequest,
} from './exec-credentials';

const V1 = 'client.authentication.k8s.io/v1';
let dir: string;
let runs: string;
let caches: ExecCredentials[];

/** A plugin that appends a line to `runs` each time it starts, then runs `body`. */
function plugin(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\necho "$$" >> '${runs}'\n${body}\n`, { mode: 0o755 });
  return file;
}

const credential = (status: Record<string, unknown>) =>
  `cat <<'JSON'\n${JSON.stringify({ apiVersion: V1, kind: 'ExecCredential', status })}\nJSON`;

function request(command: string, config: Partial<ExecConfig> = {}, context = 'ctx'): ExecRequest {
  return {
    context,
    user: 'me',
    kubeconfigFile: path.join(dir, 'config'),
    config: {
      apiVersion: V1,
      command,
      args: [],
      env: [],
      interactiveMode: 'Never',
      provideClusterInfo: false,
      ...config,
    },
    cluster: { server: 'https://127.0.0.1:6443' },
  };
}

const runCount = () =>
  fs.existsSync(runs) ? fs.readFileSync(runs, 'utf8').trim().split('\n').length : 0;
type Failure = Error & { code?: string };
const failureOf = (p: Promise<unknown>): Promise<Failure> =>
  p.then(
    (): Failure => new Error('expected a failure'),
    (e: unknown) => e as Failure,
  );
function cache(options: ConstructorParameters<typeof ExecCredentials>[0] = {}): ExecCredentials {
  const c = new ExecCredentials({ timeoutMs: 30_000, ...options });
  caches.push(c);
  return c;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-execcred-'));
  runs = path.join(dir, 'runs');
  caches = [];
});
afterEach(() => {
  for (const c of caches) c.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('ExecCredentials', () => {
  it('runs ONE plugin for 50 concurrent requests and hands all of them its token', async () => {
    const file = plugin('slow-ok', `sleep 0.3\n${credential({ token: 'tok-1' })}`);
    const creds = cache();
    const all = await Promise.all(Array.from({ length: 50 }, () => creds.get(request(file))));
    expect(new Set(all.map((c) => c.token))).toEqual(new Set(['tok-1']));
    expect(runCount()).toBe(1);
    // Cached: no expiry given, so it stays until the user retries.
    await creds.get(request(file));
    expect(runCount()).toBe(1);
  });

  it('keeps a credential until its expirationTimestamp, then runs the plugin again', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const file = plugin(
      'expiring',
      credential({ token: 'tok', expirationTimestamp: '2030-01-01T00:10:00Z' }),
    );
    const creds = cache({ now: () => now });
    expect(await creds.get(request(file))).toEqual({
      token: 'tok',
      expiresAt: Date.parse('2030-01-01T00:10:00Z'),
    });
    now += 9 * 60_000;
    await creds.get(request(file));
    expect(runCount()).toBe(1);
    now += 60_000;
    await creds.get(request(file));
    expect(runCount()).toBe(2);
  });

  it('remembers a failure (file, exit code, stderr) until the user retries', async () => {
    const file = plugin('fails', 'echo "error: the SSO session has expired" >&2\nexit 4');
    const creds = cache();
    const seen: string[] = [];
    creds.onFailure((context, error) => seen.push(`${context}: ${error.message}`));
    const first = await failureOf(creds.get(request(file)));
    expect(first.code).toBe('ExecFailed');
    expect(first.message).toBe(
      `credential plugin ${file} failed with exit code 4; it said:\nerror: the SSO session has expired`,
    );
    expect(await failureOf(creds.get(request(file)))).toBe(first);
    expect(runCount()).toBe(1);
    expect(seen).toEqual([`ctx: ${first.message}`]);
    creds.retry('ctx', false);
    await failureOf(creds.get(request(file)));
    expect(runCount()).toBe(2);
  });

  it('kills a plugin at its timeout; every waiter gets the failure, one process ran', async () => {
    const file = plugin('hangs', 'echo "open this URL to log in" >&2\nsleep 300');
    const creds = cache({ timeoutMs: 300 });
    const errors = await Promise.all(
      Array.from({ length: 10 }, () => failureOf(creds.get(request(file)))),
    );
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]!.message).toBe(
      `credential plugin ${file} did not finish within 0.3 s and was stopped; it said:\nopen this URL to log in`,
    );
    expect(runCount()).toBe(1);
    expect(creds.running()).toBe(0);
  });

  it('never puts what the plugin printed on stdout in a message', async () => {
    const creds = cache();
    const bare = plugin('bare-token', 'echo CANARY-bare-token-0123456789');
    const wrongVersion = plugin(
      'wrong-version',
      `echo '{"apiVersion":"CANARY-v9","kind":"ExecCredential","status":{"token":"CANARY-t"}}'`,
    );
    const badPem = plugin(
      'bad-pem',
      credential({ clientCertificateData: 'CANARY-cert', clientKeyData: 'CANARY-key' }),
    );
    for (const [file, what] of [
      [bare, /printed 29 bytes that are not an ExecCredential JSON document/],
      [
        wrongVersion,
        /answered with another apiVersion than the kubeconfig's client\.authentication\.k8s\.io\/v1/,
      ],
      [badPem, /client certificate or key that is not valid PEM/],
    ] as const) {
      const error = await failureOf(creds.get(request(file, {}, file)));
      expect(error.message).toMatch(what);
      expect(error.message).not.toContain('CANARY');
    }
  });

  it('refuses interactiveMode Always without running the plugin', async () => {
    const file = plugin('interactive', credential({ token: 't' }));
    const error = await failureOf(cache().get(request(file, { interactiveMode: 'Always' })));
    expect(error.message).toMatch(/asks for an interactive terminal \(interactiveMode: Always\)/);
    expect(runCount()).toBe(0);
  });

  it('passes args, the kubeconfig’s env and KUBERNETES_EXEC_INFO; stdin is closed', async () => {
    const seen = path.join(dir, 'seen');
    const file = plugin(
      'env',
      `printf '%s\\n%s\\n%s\\n' "$1" "$GREETING" "$KUBERNETES_EXEC_INFO" > '${seen}'\ncat\n${credential({ token: 't' })}`,
    );
    await cache().get(
      request(file, {
        args: ['--flag'],
        env: [{ name: 'GREETING', value: 'hello' }],
        provideClusterInfo: true,
      }),
    );
    const [arg, greeting, info] = fs.readFileSync(seen, 'utf8').split('\n');
    expect([arg, greeting]).toEqual(['--flag', 'hello']);
    expect(JSON.parse(info!)).toEqual({
      apiVersion: V1,
      kind: 'ExecCredential',
      spec: { interactive: false, cluster: { server: 'https://127.0.0.1:6443' } },
    });
  });

  it('ends the running plugin when the kubeconfig entry changes, and runs the new one', async () => {
    const pids = path.join(dir, 'pids');
    const file = plugin('hangs', `echo $$ >> '${pids}'\nsleep 300`);
    const creds = cache();
    const old = failureOf(creds.get(request(file, { args: ['a'] })));
    await vi.waitFor(() => expect(runCount()).toBe(1));
    const next = creds.get(request(file, { args: ['b'] }));
    next.catch(() => undefined);
    expect((await old).message).toMatch(/was stopped: the kubeconfig changed/);
    await vi.waitFor(() => expect(runCount()).toBe(2));
    creds.drop('ctx');
    expect((await failureOf(next)).message).toMatch(/was stopped/);
  });
});

describe('execTimeoutMs', () => {
  it('reads PILOTHOUSE_EXEC_TIMEOUT_MS, and falls back to 60 s for nonsense', () => {
    expect(DEFAULT_EXEC_TIMEOUT_MS).toBe(60_000);
    expect(execTimeoutMs({})).toBe(60_000);
    expect(execTimeoutMs({ PILOTHOUSE_EXEC_TIMEOUT_MS: '1500' })).toBe(1500);
    for (const bad of ['abc', '5', '-1', 'Infinity', '99999999999'])
      expect(execTimeoutMs({ PILOTHOUSE_EXEC_TIMEOUT_MS: bad })).toBe(60_000);
  });
});
