/**
 * Runs one exec credential plugin process with the limits client-node's ExecAuth lacks:
 * - stdin is /dev/null (the app has no terminal to lend; see exec-credential.ts on
 *   interactiveMode), stdout and stderr are pipes;
 * - it runs in a process group of its own (POSIX), so a timeout kills the plugin AND what
 *   it started (`sh -c`, a `sleep`, a helper): SIGTERM to the group, SIGKILL after
 *   KILL_GRACE_MS. On Windows, `taskkill /T /F` ends the process tree;
 * - stdout is capped at MAX_STDOUT_BYTES (more is a failure and kills the group); stderr
 *   keeps only its last MAX_STDERR_BYTES;
 * - once the plugin has exited, a helper that still holds its pipes open gets
 *   STDIO_DRAIN_MS before the group is killed and the result taken as it is.
 * Every timer is unref'd: a plugin run never keeps the process alive by itself.
 * The result carries stdout as bytes for the caller to parse: no message built here ever
 * contains stdout (a bare-token plugin prints its secret there).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A credential is a few KiB; an OIDC token with many groups, tens. */
export const MAX_STDOUT_BYTES = 1024 * 1024;
/** The end of stderr is what says what went wrong. */
export const MAX_STDERR_BYTES = 64 * 1024;
/** Between SIGTERM and SIGKILL to the plugin's process group. */
export const KILL_GRACE_MS = 2_000;
/** How long pipes may stay open after the plugin exited (a helper it left behind). */
export const STDIO_DRAIN_MS = 1_000;

export interface PluginRun {
  file: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

export type PluginOutcome =
  | {
      kind: 'exited';
      code: number | null;
      signal: NodeJS.Signals | null;
      stdout: Buffer;
      stderr: string;
    }
  | { kind: 'timeout'; stderr: string }
  | { kind: 'too-much-output'; stderr: string }
  | { kind: 'spawn-error'; code: string; stderr: string }
  /** stop() was called (kubeconfig changed, app stopping). */
  | { kind: 'stopped'; stderr: string };

export interface RunningPlugin {
  readonly pid: number | undefined;
  readonly outcome: Promise<PluginOutcome>;
  /** Ends the plugin and its group now; the outcome becomes `stopped`. */
  stop(): void;
}

export function runPlugin(run: PluginRun): RunningPlugin {
  const windows = process.platform === 'win32';
  const child = spawn(run.file, [...run.args], {
    env: run.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so the whole group can be killed.
    detached: !windows,
    windowsHide: true,
    shell: false,
  });
  const stdout: Buffer[] = [];
  let stdoutBytes = 0;
  let stderr = Buffer.alloc(0);
  let settle: (outcome: PluginOutcome) => void = () => undefined;
  let settled = false;
  const outcome = new Promise<PluginOutcome>((resolve) => (settle = resolve));
  const timers: NodeJS.Timeout[] = [];
  const stderrText = () => stderr.toString('utf8');

  const finish = (result: PluginOutcome, kill: boolean) => {
    if (settled) return;
    settled = true;
    for (const timer of timers) clearTimeout(timer);
    if (kill) killTree(child);
    child.stdout?.destroy();
    child.stderr?.destroy();
    settle(result);
  };

  child.stdout?.on('data', (chunk: Buffer) => {
    stdoutBytes += chunk.length;
    if (stdoutBytes > MAX_STDOUT_BYTES) {
      finish({ kind: 'too-much-output', stderr: stderrText() }, true);
      return;
    }
    stdout.push(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = Buffer.concat([stderr, chunk]);
    if (stderr.length > MAX_STDERR_BYTES)
      stderr = stderr.subarray(stderr.length - MAX_STDERR_BYTES);
  });
  child.on('error', (error: NodeJS.ErrnoException) =>
    finish({ kind: 'spawn-error', code: error.code ?? 'EUNKNOWN', stderr: stderrText() }, true),
  );
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  // `kill`: a helper the plugin left behind still holds its pipes; it is still in the
  // plugin's group (so the group id cannot have been reused) and goes with it. After a
  // clean close nothing is signalled: kubectl leaves a plugin's daemons alone too.
  const exited = (kill: boolean) =>
    finish(
      {
        kind: 'exited',
        ...(exit ?? { code: null, signal: null }),
        stdout: Buffer.concat(stdout),
        stderr: stderrText(),
      },
      kill,
    );
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    const drain = setTimeout(() => exited(true), STDIO_DRAIN_MS);
    drain.unref();
    timers.push(drain);
  });
  child.on('close', () => exited(false));

  const timeout = setTimeout(
    () => finish({ kind: 'timeout', stderr: stderrText() }, true),
    run.timeoutMs,
  );
  timeout.unref();
  timers.push(timeout);

  return {
    pid: child.pid,
    outcome,
    stop: () => finish({ kind: 'stopped', stderr: stderrText() }, true),
  };
}

/** SIGTERM to the process group, SIGKILL after KILL_GRACE_MS; taskkill on Windows. */
function killTree(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], {
      stdio: 'ignore',
      windowsHide: true,
    });
    killer.on('error', () => child.kill());
    return;
  }
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  signalGroup('SIGTERM');
  const hard = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
  hard.unref();
}
