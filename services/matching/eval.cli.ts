/**
 * Matching quality harness.
 *
 *   npm run eval:matching -- --fixture tests/fixtures/matching/fixture.json [--out rankings.json]
 *
 * Loads the fixture into a fresh in-memory database and fresh indexes (a Meilisearch started here
 * in a temporary directory, or MEILI_URL with MEILI_MASTER_KEY), ranks every judged person and
 * prints success@10, precision@3, NDCG@10, the engine's hard-rule breaches and the judged-forbidden
 * jobs found (separately), overall and per group of people (hard to employ, disability, age 50+,
 * stays in township/county vs moves). Exits with 1 on any breach or forbidden hit. The format is described in services/matching/README.md.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { meilisearchForTool } from '../../search-index/launcher.ts';
import { readFixture } from './eval/fixture.ts';
import { GROUPS, type Metrics } from './eval/metrics.ts';
import { runEval } from './eval/run-eval.ts';

const { values } = parseArgs({
  options: { fixture: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string', default: '10' } },
});

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const GROUP_NAMES: Record<(typeof GROUPS)[number], string> = {
  hardToEmploy: 'hard to employ',
  disability: 'disability',
  age50plus: 'age 50+',
  staysLocal: 'stays (township/county)',
  moves: 'moves (city and beyond)',
};

function printMetrics(metrics: Metrics) {
  console.log(`people ranked            ${metrics.people} (${metrics.judgedPeople} with relevant jobs judged)`);
  console.log(`success@10               ${pct(metrics.successAt10)}`);
  console.log(`precision@3              ${pct(metrics.precisionAt3)}`);
  console.log(`NDCG@10                  ${metrics.ndcgAt10.toFixed(3)}`);
  console.log(`hard-rule breaches       ${metrics.breaches}`);
  for (const v of metrics.breachDetails) console.log(`  ${v.labourer} ← ${v.vacancy}: ${v.rules.join(', ')}`);
  console.log(`judged-forbidden hits    ${metrics.forbiddenHits}`);
  for (const v of metrics.forbiddenDetails) console.log(`  ${v.labourer} ← ${v.vacancy}`);
  console.log('by group                 people  judged  success@10  precision@3  NDCG@10  breaches  forbidden');
  for (const group of GROUPS) {
    const q = metrics.groups[group];
    const cells = [
      String(q.people).padStart(6),
      String(q.judgedPeople).padStart(7),
      pct(q.successAt10).padStart(11),
      pct(q.precisionAt3).padStart(12),
      q.ndcgAt10.toFixed(3).padStart(8),
      String(q.breaches).padStart(9),
      String(q.forbiddenHits).padStart(10),
    ];
    console.log(`  ${GROUP_NAMES[group].padEnd(23)}${cells.join(' ')}`);
  }
}

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
    printMetrics(metrics);
    console.log(`time                     ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (values.out) {
      fs.writeFileSync(values.out, `${JSON.stringify({ now: fixture.now, metrics, rankings }, null, 2)}\n`);
      console.log(`rankings written to ${values.out}`);
    }
    if (metrics.breaches > 0 || metrics.forbiddenHits > 0) process.exitCode = 1;
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
