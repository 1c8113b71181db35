import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// Builds the renderer for browser mode into dist/renderer. The Electron build of the same
// renderer is driven by electron.config.ts. Each feature's view and detail sections are
// chunks of their own (renderer/src/shell/view-chunks.ts); the manifest
// (dist/renderer/.vite/manifest.json) says which chunk is which, for the bundle benchmark
// (e2e/bench/bundle.ts).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    manifest: true,
  },
});
