import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['services/**/*.test.ts', 'search-index/**/*.test.ts', 'prisma/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/browser/**/*.browser.test.ts', 'node_modules/**'],
    globalSetup: ['tests/setup/global-meilisearch.ts', 'tests/setup/global-database.ts'],
    pool: 'forks',
    // Test files share a worker's module cache (each still opens its own database, Meilisearch
    // indexes and app): importing the app afresh for every file cost about a third of the run.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
