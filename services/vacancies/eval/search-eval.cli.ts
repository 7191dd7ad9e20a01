/**
 * Job search quality harness.
 *
 *   npm run eval:search -- --fixture tests/fixtures/search/queries.json [--out hits.json]
 *
 * Loads the fixture's employers and vacancies into a fresh in-memory database and a fresh vacancy
 * index (own prefix, the app's settings and documents), runs every query through the app's own job
 * search at the fixture's "now", and prints recall@20, precision@10, MRR and the no-answer queries
 * that returned nothing, overall and per query `kind`. The format is in the README ("Job search quality").
 * Meilisearch: MEILI_URL with MEILI_MASTER_KEY, or one started here in a temporary directory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../../../prisma/seed/prepare.ts';
import { createMeiliClient } from '../../../search-index/client.ts';
import { applyIndexSettings, INDEX_NAMES, indexUid } from '../../../search-index/indexes.ts';
import { meilisearchForTool } from '../../../search-index/launcher.ts';
import { OutboxDrain } from '../../../search-index/outbox.ts';
import { openAdapter } from '../../platform/database/connect.ts';
import { createPrismaClient } from '../../platform/database/prisma.ts';
import { ReferenceNames } from '../../platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../platform/reference/reference.repository.ts';
import { SearchQuerySchema } from '../vacancies.contract.ts';
import { createVacancySearch } from '../vacancies.search.ts';
import { type SearchFixture, readSearchFixture } from './search-fixture.ts';
import { writeSearchFixture } from './search-fixture.repository.ts';
import { type QueryOutcome, type SearchMetrics, searchMetricsByKind } from './search-metrics.ts';

export interface SearchEvalResult {
  overall: SearchMetrics;
  byKind: Record<string, SearchMetrics>;
  queries: Array<{ q: string; filters: Record<string, unknown>; hits: string[] }>;
}

/** Runs every query of a fixture through the app's job search on fresh indexes; 20 hits each. */
export async function runSearchEval(
  fixture: SearchFixture,
  meiliUrl: string,
  meiliKey: string,
): Promise<SearchEvalResult> {
  const handle = await openAdapter({ inMemory: true, dataDir: '' });
  const db = createPrismaClient(handle.factory);
  const meili = createMeiliClient(meiliUrl, meiliKey);
  const prefix = `seval${crypto.randomBytes(4).toString('hex')}_`;
  try {
    await prepareDatabase({
      factory: handle.factory,
      db,
      seedDemo: false,
      piiKey: crypto.randomBytes(32).toString('hex'),
    });
    await applyIndexSettings(meili, prefix);
    const ids = await writeSearchFixture(db, fixture);
    const drained = await new OutboxDrain(db, meili, prefix, { batchSize: 5000 }).drainAll();
    if (drained.failed) throw new Error('Indexing the fixture failed');
    const keyOf = new Map([...ids].map(([key, id]) => [id, key]));
    const reference = ReferenceNames.load(createReferenceRepository(db));
    const search = createVacancySearch(meili, prefix, () => reference);
    const now = new Date(fixture.now);
    const outcomes: QueryOutcome[] = [];
    const queries: SearchEvalResult['queries'] = [];
    for (const item of fixture.queries) {
      const raw = Object.fromEntries(Object.entries(item.filters).map(([k, v]) => [k, String(v)]));
      const query = SearchQuerySchema.parse({ ...raw, q: item.q, page: 1, pageSize: 20 });
      const result = await search(query, now);
      const hits = result.items.map((hit) => keyOf.get(hit.id) ?? hit.id);
      outcomes.push({ q: item.q, kind: item.kind, relevant: item.relevant, hits });
      queries.push({ q: item.q, filters: item.filters, hits });
    }
    return { ...searchMetricsByKind(outcomes), queries };
  } finally {
    for (const name of INDEX_NAMES) await meili.deleteIndex(indexUid(prefix, name)).catch(() => undefined);
    await db.$disconnect();
    await handle.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`.padStart(8);

export function formatMetrics(label: string, m: SearchMetrics): string {
  const answered = m.answerable > 0;
  return [
    label.padEnd(16),
    `${String(m.queries).padStart(4)} q`,
    `recall@20 ${answered ? pct(m.recallAt20) : '       —'}`,
    `precision@10 ${answered ? pct(m.precisionAt10) : '       —'}`,
    `MRR ${answered ? m.mrr.toFixed(3) : '    —'}`,
    `no-answer empty ${m.noAnswerEmpty}/${m.noAnswer}`,
  ].join('  ');
}

async function main() {
  const { values } = parseArgs({ options: { fixture: { type: 'string' }, out: { type: 'string' } } });
  if (!values.fixture) {
    console.error('usage: npm run eval:search -- --fixture FILE [--out FILE]');
    process.exit(2);
  }
  const fixture = readSearchFixture(values.fixture);
  const { url: meiliUrl, key: meiliKey, stop } = await meilisearchForTool('wb-search-eval-');
  try {
    const started = Date.now();
    const result = await runSearchEval(fixture, meiliUrl, meiliKey);
    console.log(`search eval: ${fixture.vacancies.length} vacancies, ${fixture.queries.length} queries`);
    console.log(formatMetrics('overall', result.overall));
    for (const [kind, m] of Object.entries(result.byKind)) console.log(formatMetrics(`  ${kind}`, m));
    console.log(`time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (values.out) {
      fs.writeFileSync(values.out, `${JSON.stringify({ queries: result.queries }, null, 2)}\n`);
      console.log(`hits written to ${values.out}`);
    }
  } finally {
    await stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
