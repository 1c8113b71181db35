#!/usr/bin/env node
// @ts-check
/**
 * Builds what the CLI and browser mode run, and says whether that build is stale.
 *   node      main/cli/pilothouse.ts and main/web/cli.ts -> dist/node/ (esbuild: our code
 *             and client-node bundled, other packages left as imports, ESM, source maps)
 *   renderer  renderer/ -> dist/renderer/ (vite, renderer/vite.config.ts)
 * `node main/tools/build.mjs [--if-stale] [node] [renderer]` (no target: both).
 *
 * Plain JavaScript on purpose: the launchers (main/cli/pilothouse.mjs,
 * main/web/pilothouse-web.mjs) run it before any TypeScript is compiled, and its check runs
 * on every start, so this file loads nothing but node: modules until it has to build.
 *
 * Stale means: a source file (every non-test file under the target's folders, plus the
 * lockfile and shared config) was modified after the last build started, or files were
 * added or removed, or an output is missing. Limit: a file restored with an older mtime
 * (`cp -p`, `tar -x`) goes unnoticed; git checkouts and editors set the current time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const thisFile = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(thisFile), '../..');
const stampDir = path.join(root, 'dist/.build');
const NODE_OUT_DIR = path.join(root, 'dist/node');
/** A lock older than this was left by a build that died; builds take seconds. */
const LOCK_STALE_MS = 5 * 60_000;
const LOCK_POLL_MS = 100;
/** Old chunks are kept this long after a rebuild: a running CLI may still import them. */
const OLD_CHUNK_KEEP_MS = 60 * 60_000;

/**
 * What each target is built from and into.
 * @type {Record<string, { dirs: string[], files: string[], outputs: string[] }>}
 */
const targets = {
  node: {
    dirs: ['main', 'shared'],
    files: ['package-lock.json', 'tsconfig.base.json'],
    outputs: ['dist/node/pilothouse.js', 'dist/node/web.js'],
  },
  renderer: {
    dirs: ['renderer', 'shared'],
    files: ['package-lock.json', 'tsconfig.base.json', 'main/tools/build.mjs'],
    outputs: ['dist/renderer/index.html'],
  },
};

/** Tests are never bundled; dot-folders and node_modules are not sources. */
const isSource = (/** @type {string} */ name) =>
  !/\.test\.tsx?$/.test(name) && !name.startsWith('.') && name !== 'node_modules';

/** @param {string} dir @param {string[]} into */
function listSources(dir, into) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!isSource(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listSources(full, into);
    else into.push(full);
  }
  return into;
}

/** @param {string} target @param {string} base */
function sourcesOf(target, base = root) {
  const spec = targets[target];
  if (!spec) throw new Error(`unknown build target "${target}" (${Object.keys(targets)})`);
  const files = spec.files.map((f) => path.join(base, f));
  for (const dir of spec.dirs) listSources(path.join(base, dir), files);
  return files;
}

/** @param {string} target @param {string} base */
const stampFile = (target, base = root) => path.join(base, 'dist/.build', `${target}.json`);

/**
 * Why `target` needs a build, or undefined when its build is current. Stats every source:
 * a few milliseconds (BENCHMARKS.md, "Startup").
 * @param {string} target
 * @param {string} base the checkout (tests point it elsewhere)
 * @returns {string | undefined}
 */
export function staleSource(target, base = root) {
  /** @type {{ startedAt: number, files: number }} */
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile(target, base), 'utf8'));
  } catch {
    return 'not built yet';
  }
  const spec = targets[target];
  for (const output of spec?.outputs ?? [])
    if (!fs.existsSync(path.join(base, output))) return `${output} is missing`;
  const sources = sourcesOf(target, base);
  for (const file of sources) {
    const mtimeMs = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0; // a missing lockfile is no reason to rebuild on every start
    if (mtimeMs > stamp.startedAt) return `${path.relative(base, file)} changed`;
  }
  if (sources.length !== stamp.files) return 'source files were added or removed';
  return undefined;
}

/**
 * Rebuilds the targets that are stale, in a child process (so neither the bundlers nor
 * their memory stay in the caller) that reports on stderr: stdout is the caller's output.
 * Exits the process if the build fails.
 * @param {string[]} wanted
 */
export function ensureBuilt(wanted) {
  const stale = wanted.filter((target) => staleSource(target) !== undefined);
  if (stale.length === 0) return;
  const result = spawnSync(process.execPath, [thisFile, '--if-stale', ...stale], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    process.stderr.write(
      `pilothouse: the build failed (node main/tools/build.mjs ${stale.join(' ')})\n`,
    );
    process.exit(result.status ?? 1);
  }
}

async function buildNode() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: { pilothouse: 'main/cli/pilothouse.ts', web: 'main/web/cli.ts' },
    outdir: NODE_OUT_DIR,
    bundle: true,
    // Dynamic imports become chunks loaded on demand: `pilothouse logs --help` must not
    // load client-node or the log engine.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Packages stay imports from node_modules, except client-node, which is bundled so that
    // esbuild keeps only what we call of it: its index loads 25 MB of generated API code and
    // a source map per module, and the services process held them all (idle RSS 158 MB,
    // bundled 123 MB; JS heap 52 MB, bundled 31 MB; BENCHMARKS.md, "Views").
    plugins: [externalExceptClientNode],
    sourcemap: true,
    logLevel: 'warning',
    write: false,
  });
  const written = new Set();
  for (const file of result.outputFiles) {
    // Each file replaced in one rename: a CLI starting meanwhile reads old or new, not half.
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    const temp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temp, file.contents);
    fs.renameSync(temp, file.path);
    written.add(file.path);
  }
  const chunks = path.join(NODE_OUT_DIR, 'chunks');
  for (const name of fs.readdirSync(chunks)) {
    const full = path.join(chunks, name);
    if (!written.has(full) && Date.now() - fs.statSync(full).mtimeMs > OLD_CHUNK_KEEP_MS)
      fs.rmSync(full, { force: true });
  }
}

/** @type {import('esbuild').Plugin} */
const externalExceptClientNode = {
  name: 'external-except-client-node',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path === '@kubernetes/client-node' || args.path.startsWith('@kubernetes/client-node/')
        ? undefined
        : { path: args.path, external: true },
    );
  },
};

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

/** @type {Record<string, () => Promise<void>>} */
const builders = { node: buildNode, renderer: buildRenderer };

/**
 * One build at a time per checkout: parallel test workers and CLIs wait for the first.
 * @param {() => Promise<void>} work
 */
async function withLock(work) {
  const lock = path.join(stampDir, 'lock');
  fs.mkdirSync(stampDir, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** @param {string[]} argv */
async function main(argv) {
  const ifStale = argv.includes('--if-stale');
  const wanted = argv.filter((a) => !a.startsWith('--'));
  for (const target of wanted) sourcesOf(target); // rejects unknown targets
  await withLock(async () => {
    for (const target of wanted.length ? wanted : Object.keys(targets)) {
      // Checked again under the lock: another process may have just built it.
      const reason = staleSource(target);
      if (ifStale && reason === undefined) continue;
      const startedAt = Date.now();
      const files = sourcesOf(target).length;
      process.stderr.write(`pilothouse: building ${target}${reason ? ` (${reason})` : ''}\n`);
      await /** @type {() => Promise<void>} */ (builders[target])();
      fs.writeFileSync(stampFile(target), JSON.stringify({ startedAt, files }) + '\n');
    }
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === thisFile) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
}
