import { defineConfig } from '@playwright/test';
import path from 'node:path';

// Playwright matches globs against absolute paths: `electron/**` alone also matched every
// test of a checkout that lives under a folder named electron. Anchor them here.
const here = import.meta.dirname;
const under = (glob: string) => path.join(here, glob);

// Browser mode runs in Debian's Chromium: Playwright's own browser downloads are not
// reachable here. The Electron smoke test launches the real app where its binary exists.
export default defineConfig({
  testDir: '.',
  // The browser tests run the built server and renderer: rebuild them first if stale.
  globalSetup: './support/build.ts',
  projects: [
    {
      name: 'browser',
      testMatch: under('web/**/*.spec.ts'),
      testIgnore: under('web/apiserver-restart.spec.ts'),
    },
    // Stops and restarts the whole test cluster, so it waits for every other browser test.
    {
      name: 'disruptive',
      testMatch: under('web/apiserver-restart.spec.ts'),
      dependencies: ['browser'],
    },
    { name: 'electron', testMatch: under('electron/**/*.spec.ts') },
  ],
  outputDir: '../test-results',
  forbidOnly: Boolean(process.env['CI']),
  retries: process.env['CI'] ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list']] : [['list']],
  use: {
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      // The machine has no outside network: keep Chromium from trying to phone home.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
      ],
    },
  },
});
