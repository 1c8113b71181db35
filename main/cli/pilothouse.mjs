#!/usr/bin/env node
/* global process */
// The `pilothouse` bin: runs the TypeScript CLI through tsx's loader, so a checkout needs
// no build step. Engine warnings stay quiet unless PILOTHOUSE_LOG asks for them.
import { register } from 'tsx/esm/api';

process.env.PILOTHOUSE_LOG ??= 'silent';
register();
await import('./pilothouse.ts');
