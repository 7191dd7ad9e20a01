import { defineConfig } from 'vitest/config';

// The walk of every page as every demo role (issue #14) on its own: it is also part of
// `npm run test:browser` (and so of CI); this runs it without the other browser tests.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.walk.ts'],
    globalSetup: ['tests/setup/global-demo-template.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 20 * 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
