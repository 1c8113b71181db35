#!/usr/bin/env node
/* global process */
// The `pilothouse` bin: runs the built CLI (dist/node/pilothouse.js), rebuilding it first
// when any source is newer than the build, so a checkout never runs stale code and starts
// without compiling TypeScript. Engine warnings stay quiet unless PILOTHOUSE_LOG asks.
import { ensureBuilt } from '../tools/build.mjs';

process.env.PILOTHOUSE_LOG ??= 'silent';
ensureBuilt(['node']);
process.setSourceMapsEnabled(true);
await import('../../dist/node/pilothouse.js');
