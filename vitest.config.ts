import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';
import { opensTestDatabase } from './tests/setup/database-tests.ts';

const include = ['services/**/*.test.ts', 'search-index/**/*.test.ts', 'prisma/**/*.test.ts', 'tests/**/*.test.ts'];
const exclude = ['tests/browser/**/*.browser.test.ts', 'node_modules/**'];

/**
 * With DATABASE_URL set (CI's second run, on PostgreSQL) only the test files that use that database
 * run: those that open a test database, and those that read DATABASE_URL themselves, but for the
 * HTTP layer's. The rest (pure logic, and the tests that start the embedded database or their own
 * servers on purpose) ran already in the first run and would only repeat it.
 */
/**
 * Pages, attacks on the HTTP layer and the route catalogue: what they check (templates, forms,
 * headers, escaping, who may call a route) is the same over either database, and the services
 * they go through are tested on PostgreSQL by the API, service and integration tests.
 */
const HTTP_LAYER = ['tests/pages/', 'tests/security/', 'tests/architecture/'];

/**
 * Search quality and Meilisearch's own faults: what they judge is Meilisearch's answers and its
 * supervision, the same over either database.
 */
const SEARCH_ONLY = ['tests/eval/jobs-search.', 'tests/faults/meilisearch-'];

function postgresRunFiles(): string[] {
  const root = import.meta.dirname;
  const files = ['services', 'search-index', 'prisma', 'tests'].flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter(
        (file) => file.endsWith('.test.ts') && !file.endsWith('.browser.test.ts') && !file.includes('node_modules'),
      )
      .map((file) => path.join(dir, file)),
  );
  return files.filter(
    (file) =>
      ![...HTTP_LAYER, ...SEARCH_ONLY].some((dir) => file.startsWith(dir)) &&
      (opensTestDatabase(file, root) ||
        fs.readFileSync(path.join(root, file), 'utf8').includes('process.env.DATABASE_URL')),
  );
}

/**
 * The files that start whole apps, seed a province or wait out faults (tens of seconds each) go
 * first, the many small ones after: started last, one of them kept a worker busy alone for half a
 * minute while the other had nothing left to do. Within each group the usual order (largest first).
 */
const SLOW = /^(tests\/(integration|eval|faults|security)\/|prisma\/tools\/|services\/platform\/database\/)/;
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification) => SLOW.test(path.relative(import.meta.dirname, file.moduleId));
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}

export default defineConfig({
  test: {
    include: process.env.DATABASE_URL ? postgresRunFiles() : include,
    exclude,
    globalSetup: ['tests/setup/global-meilisearch.ts', 'tests/setup/global-database.ts'],
    pool: 'forks',
    // Test files share a worker's module cache (each still opens its own database, Meilisearch
    // indexes and app): importing the app afresh for every file cost about a third of the run.
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
