/**
 * The one place that says how the desktop app is built (electron-vite: main, preload,
 * renderer) and packaged (electron-builder, used by `npm run dist`).
 */
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Configuration } from 'electron-builder';
import path from 'node:path';
import { contentSecurityPolicy } from './main/platform/csp';

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
        // The packaged page is loaded from file://, where no server can send headers.
        name: 'pilothouse-csp',
        apply: 'build',
        transformIndexHtml: (html) =>
          html.replace(
            '<head>',
            `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ connect: ["'none'"] })}" />`,
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
  linux: { target: ['AppImage', 'deb'], category: 'Development' },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools' },
  win: { target: ['nsis'] },
};
