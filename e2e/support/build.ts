/**
 * Playwright's global setup: brings the built server and renderer up to date once, before
 * any worker starts the app (each start checks again, but then finds nothing to do).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function buildOnce(): void {
  execFileSync(process.execPath, ['main/tools/build.mjs', '--if-stale', 'node', 'renderer'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    stdio: 'inherit',
  });
}
