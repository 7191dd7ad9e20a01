import crypto from 'node:crypto';
import { createMeiliClient } from '../../../search-index/client.ts';
import { applyIndexSettings, INDEX_NAMES, indexUid } from '../../../search-index/indexes.ts';
import { PiiCipher } from '../../platform/crypto/pii.ts';
import { ReferenceNames } from '../../platform/reference/reference-data.ts';
import { createMatcher } from '../matcher.ts';
import { explain } from '../reasons.ts';
import { openEvalStore } from './eval-store.repository.ts';
import { type Fixture, partnerRegionsOf } from './fixture.ts';
import { readLicenceTable } from './licence-table.ts';
import { loadFixture } from './load-fixture.ts';
import { computeMetrics, fixtureViolations, type Metrics, type PersonResult } from './metrics.ts';
import { createMatchingSearch } from '../matching.search.ts';

export interface EvalOptions {
  fixture: Fixture;
  meiliUrl: string;
  meiliKey: string;
  /** How many matches are ranked per person (the figures look at the top 10). */
  limit?: number;
  log?: (message: string) => void;
}

export interface EvalRanking {
  labourer: string;
  ranking: Array<{
    vacancy: string;
    score: number;
    grade: number;
    violations: string[];
    reasons: Array<{ code: string; text: string }>;
  }>;
}

export interface EvalResult {
  metrics: Metrics;
  rankings: EvalRanking[];
}

/**
 * Loads a fixture into a fresh in-memory database and a fresh set of indexes (own prefix), ranks
 * every judged person through the same engine the API uses, at the fixture's "now", and scores
 * the rankings against the judgments.
 */
export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const { fixture } = options;
  const log = options.log ?? (() => {});
  const piiKey = crypto.randomBytes(32).toString('hex');
  const store = await openEvalStore(piiKey);
  const meili = createMeiliClient(options.meiliUrl, options.meiliKey);
  const prefix = `eval${crypto.randomBytes(4).toString('hex')}_`;
  try {
    await applyIndexSettings(meili, prefix);
    const loaded = await loadFixture(store.fixtures, fixture, new PiiCipher(piiKey));
    const drained = await store.drain(meili, prefix);
    if (drained.failed) throw new Error('Indexing the fixture failed');
    log(
      `eval: ${fixture.vacancies.length} vacancies, ${fixture.labourers.length} people, ${fixture.judgments.length} judged`,
    );

    const now = new Date(fixture.now);
    const repo = store.matching;
    const labourerKey = new Map([...loaded.labourers].map(([key, id]) => [id, key]));
    const licences = readLicenceTable();
    let reference: Promise<ReferenceNames> | undefined;
    const matcher = createMatcher({
      repo,
      search: createMatchingSearch(meili, prefix),
      reference: () => (reference ??= ReferenceNames.load(store.reference)),
      // A person's own partner regions when the fixture gives them, else the fixture's.
      partnerRegions: (labourer) => {
        const key = labourer.id === undefined ? undefined : labourerKey.get(labourer.id);
        const person = key === undefined ? undefined : fixture.labourers.find((l) => l.key === key);
        return person ? partnerRegionsOf(fixture, person) : fixture.partnerRegions;
      },
      now: () => now,
      signalsTtlMs: 0,
    });
    const taxonomy = await matcher.taxonomy();
    const keyOf = new Map([...loaded.vacancies].map(([key, id]) => [id, key]));
    const results: PersonResult[] = [];
    const rankings: EvalRanking[] = [];
    for (const judgment of fixture.judgments) {
      const row = await repo.person(loaded.labourers.get(judgment.labourer)!);
      const point = loaded.points.get(judgment.labourer);
      const { matches } = await matcher.jobsFor(row!, options.limit ?? 10, point ? { point } : {});
      const ranking = matches.map((m) => ({ vacancy: keyOf.get(m.item.id)!, score: m.score }));
      results.push({ labourer: judgment.labourer, ranking });
      rankings.push({
        labourer: judgment.labourer,
        ranking: matches.map((m, i) => ({
          ...ranking[i]!,
          score: Math.round(m.score * 1000) / 1000,
          grade: judgment.relevant[ranking[i]!.vacancy] ?? 0,
          violations: fixtureViolations(fixture, judgment.labourer, ranking[i]!.vacancy, licences),
          reasons: explain(m.contributions, { lang: 'zh-CN', audience: 'person', taxonomy }).map(({ code, text }) => ({
            code,
            text,
          })),
        })),
      });
    }
    return { metrics: computeMetrics(fixture, results, licences), rankings };
  } finally {
    for (const name of INDEX_NAMES) await meili.deleteIndex(indexUid(prefix, name)).catch(() => undefined);
    await store.close();
  }
}
