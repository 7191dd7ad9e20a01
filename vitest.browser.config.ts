import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** The walk first: it is the longest file, and the others fit beside it on the second worker. */
class WalkFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isWalk = (file: TestSpecification) => file.moduleId.endsWith('.walk.ts');
    return [...sorted.filter(isWalk), ...sorted.filter((file) => !isWalk(file))];
  }
}

// Browser tests start the whole application (database, Meilisearch, HTTP) and a real Chromium:
// slow to start, so generous timeouts. Two files at a time: the walk of every page (site.walk.ts, a
// few minutes, on the same seeded template) keeps about one core busy, and the other files run
// beside it one after another. `npm run test:walk` runs the walk alone.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.test.ts', 'tests/browser/**/*.walk.ts'],
    globalSetup: ['tests/setup/global-demo-template.ts'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    sequence: { sequencer: WalkFirst },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
