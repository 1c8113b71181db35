/**
 * Starts browser mode as a child process for a test, with its own kubeconfig and settings
 * folder, and stops it afterwards. It runs what `npm run web` runs: the launcher, which
 * rebuilds the server or the renderer first if a source is newer than the build (the
 * Playwright suite builds once up front, e2e/support/build.ts, so no test waits for it).
 *
 * Getting in: the printed URL carries a start code that works ONCE (main/web/auth.ts),
 * and every Playwright test has a fresh browser context. So, as a user's browser would,
 * this helper opens the printed URL once (a plain GET) and keeps the session cookie it
 * gets; `open(page)` puts that cookie in the page's context before navigating, as a
 * browser that already opened the link has it. Production keeps one code per run; the
 * real browser trade is covered by e2e/web/security.spec.ts (`trade: false`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * How `npm run web` starts the services process (package.json's `web` script): the
 * environment it sets and the node flags it passes before the launcher. Read from the script
 * itself, so that tests and benchmarks run and measure the process users run, and the
 * settings are written once. What each is worth: BENCHMARKS.md, "Live views on a machine with
 * nothing else running" (the young generation) and "The services' memory at 10,000 pods:
 * glibc's arenas" (the malloc thresholds).
 */
export function webCommand(): { env: Record<string, string>; nodeFlags: string[] } {
  const { scripts } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (scripts['web'] ?? '').split(/\s+/);
  const node = words.indexOf('node');
  const launcher = words.indexOf('main/web/pilothouse-web.mjs');
  if (node < 0 || launcher < node) throw new Error(`unexpected "web" script: ${scripts['web']}`);
  const env = Object.fromEntries(
    words.slice(0, node).map((word) => {
      const [name = '', ...value] = word.split('=');
      return [name, value.join('=')];
    }),
  );
  return { env, nodeFlags: words.slice(node + 1, launcher) };
}

export interface RunningApp {
  /** The printed URL, with the one-time start code (already spent unless `trade: false`). */
  startUrl: string;
  /** `http://127.0.0.1:<port>/`: the app, for a browser context holding the session. */
  url: string;
  /** The services process, for memory measurements. */
  pid: number;
  origin: string;
  port: number;
  /** The session cookie (`pilothouse_session_<port>`); empty with `trade: false`. */
  session: { name: string; value: string };
  /** `name=value` of the session cookie, for a Cookie header. */
  cookieHeader: string;
  settingsDir: string;
  /** Gives the page's browser context the session, then opens the app at `hash`. */
  open(page: Page, hash?: string): Promise<void>;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startWebApp(options: {
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  settingsDir?: string;
  /** false: leave the start code unspent (the test trades it itself). */
  trade?: boolean;
  /** More arguments for the server (`--renderer-dir <dir>`: serve another build). */
  args?: string[];
}): Promise<RunningApp> {
  const settingsDir =
    options.settingsDir ?? mkdtempSync(path.join(os.tmpdir(), 'pilothouse-settings-'));
  const web = webCommand();
  const args = [
    ...web.nodeFlags,
    'main/web/pilothouse-web.mjs',
    '--no-open',
    '--port',
    '0',
    '--settings-dir',
    settingsDir,
  ];
  if (options.kubeconfig) args.push('--kubeconfig', options.kubeconfig);
  if (options.args) args.push(...options.args);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...web.env, HOME: settingsDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web app did not start:\n${stderr}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^Pilothouse is running at (http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]+)$/m.exec(
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
  const session = options.trade === false ? { name: '', value: '' } : await tradeStartCode(url);
  const appUrl = `${parsed.origin}/`;
  return {
    startUrl: url,
    url: appUrl,
    pid: child.pid ?? 0,
    origin: parsed.origin,
    port: Number(parsed.port),
    session,
    cookieHeader: `${session.name}=${session.value}`,
    settingsDir,
    open: async (page, hash = '') => {
      if (session.name)
        await page
          .context()
          .addCookies([{ ...session, url: appUrl, httpOnly: true, sameSite: 'Strict' }]);
      await page.goto(appUrl + hash);
    },
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

/** Opens the start URL once, as the user's browser does, and returns the session cookie. */
function tradeStartCode(url: string): Promise<{ name: string; value: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (response) => {
      response.resume();
      const pair = (response.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
      const equals = pair.indexOf('=');
      if (response.statusCode !== 302 || equals === -1)
        return reject(new Error(`the start code was not traded: ${response.statusCode}`));
      resolve({ name: pair.slice(0, equals), value: pair.slice(equals + 1) });
    }).on('error', reject);
  });
}
