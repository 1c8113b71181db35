import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSmokePlan, findElectronBinary } from './electron-binary';

/** A repository whose node_modules/electron has (or lacks) its downloaded binary. */
function fakeRepo(withBinary: boolean): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-electron-'));
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  if (withBinary) {
    writeFileSync(path.join(pkg, 'path.txt'), 'electron');
    writeFileSync(path.join(pkg, 'dist', 'electron'), '');
  }
  return root;
}

describe('electron smoke plan', () => {
  it('runs wherever the binary exists, CI or not', () => {
    const binary = findElectronBinary(fakeRepo(true));
    for (const env of [{}, { CI: 'true' }, { CI: 'true', PILOTHOUSE_REQUIRE_ELECTRON: '1' }])
      expect(electronSmokePlan(binary, env)).toMatchObject({ run: true });
  });

  it('skips with the reason where the binary is absent', () => {
    const plan = electronSmokePlan(findElectronBinary(fakeRepo(false)), { CI: 'true' });
    expect(plan).toMatchObject({ run: false, fail: false });
    expect(plan.run === false && plan.reason).toMatch(
      /^Skipped: the Electron binary is not installed/,
    );
  });

  it('fails instead of skipping where the binary is required', () => {
    const plan = electronSmokePlan(findElectronBinary(fakeRepo(false)), {
      PILOTHOUSE_REQUIRE_ELECTRON: '1',
    });
    expect(plan).toMatchObject({ run: false, fail: true });
  });
});
