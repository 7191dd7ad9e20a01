import { defineConfig } from 'vitest/config';

// Browser tests start the whole application (database, Meilisearch, HTTP) and a real Chromium:
// slow to start, so generous timeouts, and one file at a time so two apps never compete for two cores.
// The walk of every page (site.walk.ts, a few minutes) is one of them, on the same seeded template;
// `npm run test:walk` runs it alone.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.test.ts', 'tests/browser/**/*.walk.ts'],
    globalSetup: ['tests/setup/global-demo-template.ts'],
    pool: 'forks',
    isolate: false,
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
