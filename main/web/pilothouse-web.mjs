#!/usr/bin/env node
// `npm run web`: starts the built browser-mode server (dist/node/web.js, serving
// dist/renderer), rebuilding the server or the renderer first when a source is newer than
// its build. Arguments go to main/web/cli.ts.
import { ensureBuilt } from '../tools/build.mjs';

// Stack traces name the built files, which esbuild leaves readable (not minified). Node's
// source maps are off: it decodes every loaded map up front, 25 MB of the services
// process's heap (BENCHMARKS.md, "Views"). NODE_OPTIONS=--enable-source-maps turns them on
// to see TypeScript positions while debugging.
//
// The `web` script (package.json) starts this with two settings for the services process:
// - `--max-semi-space-size=4`: V8's young generation at 4 MB semi-spaces instead of 16,
//   which stay resident after a list's burst of allocation.
// - GLIBC_TUNABLES with fixed malloc thresholds of 64 KB: glibc's default raises its mmap
//   threshold each time a large block is freed, after which buffers up to 32 MB come from
//   its arenas and their freed space stays with the process (20 MB of arenas before any
//   cluster is listed). Fixed, blocks of 64 KB and more are mapped and given back when freed,
//   and free space at an arena's top is returned past 64 KB. Holding 10,000 pods: RSS about
//   25 MB lower, at a few % more CPU while listing. Ignored where libc is not glibc.
// Tests and benchmarks read both from the script (e2e/support/web-app.ts).

ensureBuilt(['node', 'renderer']);
await import('../../dist/node/web.js');
