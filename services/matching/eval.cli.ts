/**
 * Matching quality harness.
 *
 *   npm run eval:matching -- --fixture tests/fixtures/matching/fixture.json [--out rankings.json]
 *
 * Loads the fixture into a fresh in-memory database and fresh indexes (a Meilisearch started here
 * in a temporary directory, or MEILI_URL with MEILI_MASTER_KEY), ranks every judged person and
 * prints success@10, precision@3, NDCG@10 and the count of hard-rule violations. Exits with 1
 * when any hard rule is broken. The format is described in services/matching/README.md.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { meilisearchForTool } from '../../search-index/launcher.ts';
import { readFixture } from './eval/fixture.ts';
import { runEval } from './eval/run-eval.ts';

const { values } = parseArgs({
  options: { fixture: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string', default: '10' } },
});

async function main() {
  if (!values.fixture) {
    console.error('usage: npm run eval:matching -- --fixture FILE [--out FILE]');
    process.exit(2);
  }
  const fixture = readFixture(values.fixture);
  const { url: meiliUrl, key: meiliKey, stop } = await meilisearchForTool('wb-eval-meili-');
  try {
    const started = Date.now();
    const { metrics, rankings } = await runEval({
      fixture,
      meiliUrl,
      meiliKey,
      limit: Number(values.limit),
      log: (m) => console.log(m),
    });
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(`people ranked            ${metrics.people} (${metrics.judgedPeople} with relevant jobs judged)`);
    console.log(`success@10               ${pct(metrics.successAt10)}`);
    console.log(`precision@3              ${pct(metrics.precisionAt3)}`);
    console.log(`NDCG@10                  ${metrics.ndcgAt10.toFixed(3)}`);
    console.log(`hard-rule violations     ${metrics.violations}`);
    for (const v of metrics.violationDetails) console.log(`  ${v.labourer} ← ${v.vacancy}: ${v.rules.join(', ')}`);
    console.log(`time                     ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (values.out) {
      fs.writeFileSync(values.out, `${JSON.stringify({ now: fixture.now, metrics, rankings }, null, 2)}\n`);
      console.log(`rankings written to ${values.out}`);
    }
    if (metrics.violations > 0) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
