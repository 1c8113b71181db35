#!/usr/bin/env node
// `npm run web`: starts the built browser-mode server (dist/node/web.js, serving
// dist/renderer), rebuilding the server or the renderer first when a source is newer than
// its build. Arguments go to main/web/cli.ts.
import { ensureBuilt } from '../tools/build.mjs';

// Stack traces name the built files, which esbuild leaves readable (not minified). Node's
// source maps are off: it decodes every loaded map up front, 25 MB of the services
// process's heap (BENCHMARKS.md, "Views"). NODE_OPTIONS=--enable-source-maps turns them on
// to see TypeScript positions while debugging.

ensureBuilt(['node', 'renderer']);
await import('../../dist/node/web.js');
