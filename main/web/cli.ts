/**
 * `npm run web`: Pilothouse in a browser. Prints exactly one line on stdout, the URL with
 * this run's one-time start code (auth.ts: it works once, then the browser holds a session
 * cookie), and runs until SIGINT/SIGTERM. Runs built (dist/node/web.js), started
 * by main/web/pilothouse-web.mjs, which rebuilds first when a source changed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createHandlers, startServices } from '../app';

import { startWebServer } from './server';
import { logger } from '../platform/logger';

const log = logger('web');
/** Marks the process-level safety net's log lines. */
const LAST_RESORT = '[last resort]';
// Two folders up both from here and from the built dist/node/web.js that runs.
const root = path.resolve(import.meta.dirname, '../..');

const program = new Command('pilothouse-web')
  .description('Run Pilothouse in your browser, on 127.0.0.1 only')
  .option('--port <n>', 'port to listen on (0 picks a free one)', parsePort, 0)
  .option('--no-open', 'do not open a browser')
  .option('--kubeconfig <path>', 'kubeconfig file to use instead of $KUBECONFIG')
  .option('--settings-dir <dir>', "folder for Pilothouse's own settings", defaultSettingsDir())
  .option('--renderer-dir <dir>', 'folder of the built renderer to serve', defaultRendererDir())
  .parse();

const options = program.opts<{
  port: number;
  open: boolean;
  kubeconfig?: string;
  settingsDir: string;
  rendererDir: string;
}>();

// The last resort, never the fix: a handler that throws past its own catch is a bug, and
// the server must answer the next request all the same. It is logged loudly (the hostile
// HTTP test, main/web/hostile-http.test.ts, fails on this line).
process.on('uncaughtException', (error) => {
  log.error(`${LAST_RESORT} uncaught exception (a bug; Pilothouse keeps running):`, error);
});
process.on('unhandledRejection', (reason) => {
  log.error(`${LAST_RESORT} unhandled rejection (a bug; Pilothouse keeps running):`, reason);
});

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be 0-65535');
  return n;
}

function defaultRendererDir(): string {
  return path.join(root, 'dist', 'renderer');
}

function defaultSettingsDir(): string {
  const env = process.env;
  if (env['PILOTHOUSE_CONFIG_DIR']) return env['PILOTHOUSE_CONFIG_DIR'];
  if (process.platform === 'win32' && env['APPDATA'])
    return path.join(env['APPDATA'], 'Pilothouse');
  if (process.platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', 'Pilothouse');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config'), 'pilothouse');
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => log.warn('could not open a browser; open the URL above yourself'));
  child.unref();
}

async function main(): Promise<void> {
  const rendererDir = path.resolve(options.rendererDir);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    log.error(`the renderer is not built (${rendererDir}); run "npm run build:renderer"`);
    process.exit(1);
  }
  const version = (
    JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const services = await startServices({
    mode: 'web',
    settingsDir: options.settingsDir,
    version,
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
  });
  let server;
  try {
    server = await startWebServer({
      port: options.port,
      rendererDir,
      handlers: createHandlers(services),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log.error(
      code === 'EADDRINUSE'
        ? `port ${options.port} on 127.0.0.1 is in use; choose another with --port, or --port 0 for any free one`
        : `cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message}`,
    );
    process.exit(1);
  }
  process.stdout.write(`Pilothouse is running at ${server.url}\n`);
  log.info(
    'that link works once: the browser that opens it keeps a session cookie for this run; ' +
      'for another browser, restart Pilothouse',
  );
  if (options.open) openBrowser(server.url);

  const shutdown = () => {
    void Promise.all([server.close(), services.stop()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  log.error('could not start:', error);
  process.exit(1);
});
