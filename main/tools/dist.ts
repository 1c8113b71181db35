/**
 * `npm run dist`: packages the desktop app with electron-builder, using the configuration
 * in electron.config.ts. Without the Electron binary it stops with one clear sentence.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(import.meta.dirname, '../..');
const electron = findElectronBinary(root);
if (!electron.found) {
  console.error(`Cannot package Pilothouse: ${electron.reason}`);
  process.exit(1);
}
const { builderConfig } = await import('../../electron.config');
execFileSync('npx', ['electron-vite', 'build', '-c', 'electron.config.ts'], {
  cwd: root,
  stdio: 'inherit',
});
const { build } = await import('electron-builder');
await build({ config: builderConfig, projectDir: root });
