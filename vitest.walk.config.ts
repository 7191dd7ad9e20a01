import { defineConfig } from 'vitest/config';

// The walk of every page as every demo role (issue #14): the demo app and Chromium, like the
// browser tests, but long (every link and form, two widths, six roles), so it has its own command.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.walk.ts'],
    globalSetup: ['tests/setup/global-demo-template.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 60 * 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
