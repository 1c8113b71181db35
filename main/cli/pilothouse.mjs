#!/usr/bin/env node
/* global process */
// The `pilothouse` bin: runs the built CLI (dist/node/pilothouse.js), rebuilding it first
// when any source is newer than the build, so a checkout never runs stale code and starts
// without compiling TypeScript. Engine warnings stay quiet unless PILOTHOUSE_LOG asks.
import { ensureBuilt } from '../tools/build.mjs';

// Stack traces name the built files, which esbuild leaves readable (not minified). Node's
// source maps are off: it decodes every loaded map up front, 25 MB of the services
// process's heap (BENCHMARKS.md, "Views"). NODE_OPTIONS=--enable-source-maps turns them on
// to see TypeScript positions while debugging.

process.env.PILOTHOUSE_LOG ??= 'silent';
ensureBuilt(['node']);
await import('../../dist/node/pilothouse.js');
