// One plugin process with its limits, on real child processes: killed with everything it
// started when its time is up, stdout capped, stderr kept to its end, stdin closed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_STDERR_BYTES, MAX_STDOUT_BYTES, runPlugin } from './exec-plugin-run';

let dir: string;

function script(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** Running (a zombie waiting for a container's init to reap it counts as ended). */
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

const run = (file: string, timeoutMs = 60_000) =>
  runPlugin({ file, args: [], env: { PATH: process.env['PATH'] }, timeoutMs });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pilothouse-run-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('runPlugin', () => {
  it('kills a plugin that does not finish in time, and what it started', async () => {
    const pids = path.join(dir, 'pids');
    const file = script(
      'hang',
      `echo "waiting for the browser login" >&2\nsleep 300 &\necho $$ $! > ${pids}\nwait`,
    );
    const plugin = run(file, 500);
    const outcome = await plugin.outcome;
    expect(outcome).toEqual({ kind: 'timeout', stderr: 'waiting for the browser login\n' });
    const [shell, sleep] = fs.readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    expect(shell).toBe(plugin.pid);
    // SIGTERM went to the whole group; the processes are gone once they are reaped.
    await vi.waitFor(() => expect([alive(shell!), alive(sleep!)]).toEqual([false, false]), {
      timeout: 10_000,
    });
  });

  it('stops a plugin that prints more than MAX_STDOUT_BYTES', async () => {
    const file = script('flood', 'exec yes CANARY-stdout-line');
    const outcome = await run(file).outcome;
    expect(outcome.kind).toBe('too-much-output');
    expect(JSON.stringify(outcome)).not.toContain('CANARY');
    expect(MAX_STDOUT_BYTES).toBe(1024 * 1024);
  });

  it('keeps only the end of stderr', async () => {
    const file = script(
      'noisy',
      `head -c ${MAX_STDERR_BYTES * 3} /dev/zero | tr '\\0' x >&2\necho THE-END >&2\nexit 3`,
    );
    const outcome = await run(file).outcome;
    expect(outcome.kind).toBe('exited');
    if (outcome.kind !== 'exited') return;
    expect(outcome.code).toBe(3);
    expect(Buffer.byteLength(outcome.stderr)).toBe(MAX_STDERR_BYTES);
    expect(outcome.stderr.endsWith('xTHE-END\n')).toBe(true);
  });

  it('gives the plugin a closed stdin and returns its stdout as bytes', async () => {
    // `cat` would wait forever on a terminal or an open pipe; on /dev/null it ends at once.
    const file = script('reads-stdin', 'cat\necho "{}"');
    const outcome = await run(file).outcome;
    expect(outcome).toMatchObject({ kind: 'exited', code: 0 });
    if (outcome.kind === 'exited') expect(outcome.stdout.toString()).toBe('{}\n');
  });

  it('does not wait for a helper that keeps the pipes open after the plugin exited', async () => {
    const pids = path.join(dir, 'pids');
    const file = script('leaves-helper', `sleep 300 &\necho $! > ${pids}\necho '{}'\nexit 0`);
    const outcome = await run(file).outcome;
    expect(outcome).toMatchObject({ kind: 'exited', code: 0 });
    const helper = Number(fs.readFileSync(pids, 'utf8'));
    await vi.waitFor(() => expect(alive(helper)).toBe(false), { timeout: 10_000 });
  });

  it('reports a file that cannot be started', async () => {
    const outcome = await run(path.join(dir, 'missing')).outcome;
    expect(outcome).toMatchObject({ kind: 'spawn-error', code: 'ENOENT' });
  });

  it('stop() ends a running plugin', async () => {
    const plugin = run(script('slow', 'sleep 300'));
    plugin.stop();
    expect((await plugin.outcome).kind).toBe('stopped');
    await vi.waitFor(() => expect(alive(plugin.pid!)).toBe(false), { timeout: 10_000 });
  });
});
