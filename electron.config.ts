/**
 * The one place that says how the desktop app is built (electron-vite: main, preload,
 * renderer) and packaged (electron-builder, used by `npm run dist`). Packaging flips the
 * Electron fuses and checks them (main/electron/fuses.ts); the app must then load from
 * app.asar, so `asar` is on.
 */
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Configuration } from 'electron-builder';
import path from 'node:path';
import { appContentSecurityPolicy } from './main/electron/app-assets';
import { afterPackFlipFuses, LINUX_EXECUTABLE_NAME } from './main/electron/fuses';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      rollupOptions: { input: { index: path.join(root, 'main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      // A sandboxed preload cannot load ES modules or Node built-ins: one CommonJS file.
      rollupOptions: {
        input: { index: path.join(root, 'main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    plugins: [
      react(),
      {
        // app:// answers carry the CSP header (main/electron/app-assets.ts); the same policy
        // as a meta tag keeps the built page strict wherever it is opened.
        name: 'pilothouse-csp',
        apply: 'build',
        transformIndexHtml: (html) =>
          html.replace(
            '<head>',
            `<head>\n    <meta http-equiv="Content-Security-Policy" content="${appContentSecurityPolicy()}" />`,
          ),
      },
    ],
    build: {
      outDir: path.join(root, 'out/renderer'),
      rollupOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});

export const builderConfig: Configuration = {
  appId: 'dev.pilothouse.app',
  productName: 'Pilothouse',
  directories: { output: 'dist/electron', buildResources: 'assets' },
  files: ['out/**', 'package.json'],
  asar: true,
  afterPack: afterPackFlipFuses,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    executableName: LINUX_EXECUTABLE_NAME,
  },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools' },
  win: { target: ['nsis'] },
};
