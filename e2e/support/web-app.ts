/**
 * Starts browser mode as a child process for a test, with its own kubeconfig and settings
 * folder, and stops it afterwards. It runs what `npm run web` runs: the launcher, which
 * rebuilds the server or the renderer first if a source is newer than the build (the
 * Playwright suite builds once up front, e2e/support/build.ts, so no test waits for it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface RunningApp {
  url: string;
  /** The services process, for memory measurements. */
  pid: number;
  origin: string;
  token: string;
  settingsDir: string;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startWebApp(options: {
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  settingsDir?: string;
}): Promise<RunningApp> {
  const settingsDir =
    options.settingsDir ?? mkdtempSync(path.join(os.tmpdir(), 'pilothouse-settings-'));
  const args = [
    'main/web/pilothouse-web.mjs',
    '--no-open',
    '--port',
    '0',
    '--settings-dir',
    settingsDir,
  ];
  if (options.kubeconfig) args.push('--kubeconfig', options.kubeconfig);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, HOME: settingsDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web app did not start:\n${stderr}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^Pilothouse is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m.exec(
        stdout,
      );
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web app exited with ${code}:\n${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    pid: child.pid ?? 0,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    settingsDir,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
