/**
 * Finds the Electron binary without triggering electron's lazy download (which cannot
 * succeed on machines without outside network). Returns the reason when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(root: string): ElectronBinary {
  const pkg = path.join(root, 'node_modules', 'electron');
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(pkg, 'dist', relative)
      : undefined;
  if (candidate && existsSync(candidate)) return { found: true, path: candidate };
  return {
    found: false,
    reason:
      `the Electron binary is not installed (${candidate ?? path.join(pkg, 'dist')} is missing). ` +
      'npm installs only its JavaScript; run `npx install-electron` where the Electron download ' +
      'site is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.',
  };
}

/**
 * What the desktop smoke test does on this machine. Where the binary exists it runs, and a
 * failure to launch fails the run (CI or not: a present binary that cannot start is a bug,
 * never a skip). Where it is absent the test skips with the reason, except when
 * PILOTHOUSE_REQUIRE_ELECTRON=1 (a release runner, which must never ship untested).
 */
export type SmokePlan = { run: true; path: string } | { run: false; fail: boolean; reason: string };

export function electronSmokePlan(
  binary: ElectronBinary,
  env: Record<string, string | undefined>,
): SmokePlan {
  if (binary.found) return { run: true, path: binary.path };
  const required = env['PILOTHOUSE_REQUIRE_ELECTRON'] === '1';
  return {
    run: false,
    fail: required,
    reason: required
      ? `PILOTHOUSE_REQUIRE_ELECTRON=1 but ${binary.reason}`
      : `Skipped: ${binary.reason}`,
  };
}
