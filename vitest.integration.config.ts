// Integration tests against the real test cluster (npm run cluster:up first):
//   npx vitest run -c vitest.integration.config.ts
// One fork, one file at a time: the tests share one cluster and some of them wait for it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Suites that restart parts of the cluster run last, on their own (e2e/test-all.sh):
    // PILOTHOUSE_DISRUPTIVE=1 selects them instead of the others.
    include: [
      process.env['PILOTHOUSE_DISRUPTIVE']
        ? 'e2e/integration/disruptive/**/*.test.ts'
        : 'e2e/integration/*.test.ts',
    ],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A flaky network of one machine is not expected: fail loudly instead of retrying.
    retry: 0,
  },
});
