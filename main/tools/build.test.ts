// The freshness check behind the bin and npm run web: when must the build be redone.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleSource } from './build.mjs';

/** A checkout with a finished node build whose stamp says it started at `BUILT_S`. */
const BUILT_S = 1_000_000;
let base: string;

function write(file: string, mtimeS = BUILT_S - 10): void {
  const full = path.join(base, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, mtimeS, mtimeS);
}

beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'pilothouse-build-'));
  for (const file of [
    'package-lock.json',
    'tsconfig.base.json',
    'main/cli/pilothouse.ts',
    'shared/logs/query.ts',
    'main/cli/format.test.ts',
    'dist/node/pilothouse.js',
    'dist/node/web.js',
  ])
    write(file);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function stamp(files: number): void {
  mkdirSync(path.join(base, 'dist/.build'), { recursive: true });
  writeFileSync(
    path.join(base, 'dist/.build/node.json'),
    JSON.stringify({ startedAt: BUILT_S * 1000, files }),
  );
}

describe('staleSource', () => {
  it('says a checkout without a build needs one', () => {
    rmSync(path.join(base, 'dist/.build'), { recursive: true, force: true });
    expect(staleSource('node', base)).toBe('not built yet');
  });

  it('finds a build current when every source is older than it (tests do not count)', () => {
    stamp(4);
    expect(staleSource('node', base)).toBeUndefined();
    write('main/cli/format.test.ts', BUILT_S + 10);
    expect(staleSource('node', base)).toBeUndefined();
  });

  it('names a source changed after the build started', () => {
    stamp(4);
    write('shared/logs/query.ts', BUILT_S + 1);
    expect(staleSource('node', base)).toBe(`${path.join('shared', 'logs', 'query.ts')} changed`);
  });

  it('counts the lockfile as a source', () => {
    stamp(4);
    write('package-lock.json', BUILT_S + 1);
    expect(staleSource('node', base)).toBe('package-lock.json changed');
  });

  it('notices a source added or removed with an old mtime', () => {
    stamp(4);
    write('main/cli/extra.ts');
    expect(staleSource('node', base)).toBe('source files were added or removed');
    rmSync(path.join(base, 'main/cli/extra.ts'));
    rmSync(path.join(base, 'main/cli/pilothouse.ts'));
    expect(staleSource('node', base)).toBe('source files were added or removed');
  });

  it('rebuilds when an output is missing', () => {
    stamp(4);
    rmSync(path.join(base, 'dist/node/web.js'));
    expect(staleSource('node', base)).toBe('dist/node/web.js is missing');
  });
});
