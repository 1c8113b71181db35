import { defineConfig } from 'vitest/config';

// Unit tests live next to the code they test. Cluster-backed suites have their own config
// (vitest.integration.config.ts); browser tests run under Playwright (e2e/).
export default defineConfig({
  test: {
    // Tests provoke failures on purpose; their log lines would only be noise.
    env: { PILOTHOUSE_LOG: 'silent' },
    include: ['shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
  },
});
