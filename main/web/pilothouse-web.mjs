#!/usr/bin/env node
/* global process */
// `npm run web`: starts the built browser-mode server (dist/node/web.js, serving
// dist/renderer), rebuilding the server or the renderer first when a source is newer than
// its build. Arguments go to main/web/cli.ts.
import { ensureBuilt } from '../tools/build.mjs';

ensureBuilt(['node', 'renderer']);
process.setSourceMapsEnabled(true);
await import('../../dist/node/web.js');
