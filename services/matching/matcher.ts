import type { FastifyBaseLogger } from 'fastify';
import { sliceClock } from '../platform/background.ts';
import { ageOn } from '../platform/time/age.ts';
import { type HardRule, brokenRules } from './hard-rules.ts';
import type { MatchingRepository, PersonRow, VacancyRow } from './matching.repository.ts';
import { type Ranked, rankPeople } from './rerank.ts';
import { rankCandidates, type RankingContext, snapshotCandidates } from './page-ranking.ts';
import { LiveSnapshot } from './live-snapshot.ts';
import type { RankingPool } from './ranking-pool.ts';
import { type PlaceNames, Taxonomy } from './taxonomy.ts';
import type { JobFacts, PersonFeedback, PersonProfile, Point } from './types.ts';
import { CANDIDATE_STAGE } from './weights.ts';
import { withinArea } from './area.ts';
import type { JobSnapshot } from './job-snapshot.search.ts';
import type { MatchingSearch } from './matching.search.ts';
import { createMarketSignals } from './market-signals.ts';
import { skillLevelsOf } from './job-document.ts';

/** Supplies the cooperation partners a person with partner_region mobility may be sent to. */
export type PartnerRegions = (labourer: { regionCode: string; id?: string }) => string[];

export interface MatcherDeps {
  repo: MatchingRepository;
  /** Candidates from Meilisearch (matching.search.ts). */
  search: MatchingSearch;
  reference: () => Promise<PlaceNames>;
  /** The cooperation module provides this later; until then nobody has partner regions. */
  partnerRegions?: PartnerRegions | undefined;
  now?: (() => Date) | undefined;
  /** How long employers' hire records and vacancies' application counts serve before they are read again. */
  signalsTtlMs?: number | undefined;
  /** Worker threads for batch rankings (none: they rank in this thread). */
  pool?: RankingPool | undefined;
  /** Open jobs up to which one person's matches are answered from memory (live-snapshot.ts); 0 or none: always search. */
  liveSnapshotMax?: number | undefined;
  log?: FastifyBaseLogger | undefined;
}

export interface JobMatch extends Ranked<JobFacts> {
  vacancy: VacancyRow;
}

export interface PersonMatch extends Ranked<PersonProfile> {
  row: PersonRow;
}

const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);
const PERSON_RULES: readonly HardRule[] = ['outside_area', 'age', 'public_welfare', 'licence'];

/** What matching ranks of a registered person. */
function profileOf(row: PersonRow, tax: Taxonomy, at: Date, partnerRegions: PartnerRegions): PersonProfile {
  return {
    id: row.id,
    regionCode: row.regionCode,
    point: tax.regionPoint(row.regionCode),
    age: ageOn(row.birthDate, at),
    mobility: row.mobility,
    skills: row.skills.map((s) => ({ code: s.skillCode, level: s.level })),
    certificates: [...new Set(row.certificates.map((c) => c.kind))],
    desiredOccupations: row.desiredOccupations,
    expectedWage: row.expectedWage,
    needsAccommodation: row.needsAccommodation,
    hardToEmploy: row.hardToEmploy,
    disability: row.disability,
    // Partner regions rank as their own tier for everyone; they widen the area only for partner_region mobility.
    partnerRegions: partnerRegions(row),
  };
}

/** What matching ranks of a vacancy. */
function jobFactsOf(row: VacancyRow, tax: Taxonomy): JobFacts {
  return {
    id: row.id,
    employerId: row.employerId,
    employerKind: row.employer.kind,
    occupationCode: row.occupationCode,
    categoryCode: tax.category(row.occupationCode) ?? '',
    skillCodes: row.skillCodes,
    preferredSkillCodes: row.preferredSkillCodes,
    regionCode: row.regionCode,
    point: row.lat != null && row.lng != null ? { lat: row.lat, lng: row.lng } : tax.regionPoint(row.regionCode),
    wageMin: row.wageMin,
    wageMax: row.wageMax,
    payBasis: row.payBasis,
    contractType: row.contractType,
    headcount: row.headcount,
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    accommodation: row.accommodation,
    meals: row.meals,
    disabilityFriendly: row.disabilityFriendly,
    publicWelfarePost: row.publicWelfarePost,
    requiredCertificates: row.requiredCertificates,
    requiredSkillLevels: skillLevelsOf(row.requiredSkillLevels),
    trainsForCertificate: row.trainsForCertificate,
    publishedAt: seconds(row.publishedAt),
    expiresAt: seconds(row.expiresAt),
  };
}

const vacancyState = (row: VacancyRow) => ({ ...row, employerVerified: row.employer.verifiedAt !== null });

/** Keeps the first `limit` matches whose database row still passes every hard rule. */
function confirm(
  person: PersonProfile,
  head: Ranked<JobFacts>[],
  rows: Map<string, VacancyRow>,
  limit: number,
  at: Date,
  tax: Taxonomy,
) {
  const out: JobMatch[] = [];
  for (const match of head) {
    const row = rows.get(match.item.id);
    if (row && brokenRules(person, vacancyState(row), at, tax).length === 0) out.push({ ...match, vacancy: row });
    if (out.length === limit) break;
  }
  return out;
}

/** Keeps the first `limit` people whose database row may be shown and still fits the vacancy's hard rules. */
function confirmPeople(
  head: Ranked<PersonProfile>[],
  rows: Map<string, PersonRow>,
  check: { shown: (row: PersonRow) => boolean; fits: (row: PersonRow) => boolean },
  limit: number,
): PersonMatch[] {
  const out: PersonMatch[] = [];
  for (const match of head) {
    const row = rows.get(match.item.id);
    if (!row || !check.shown(row)) continue;
    if (check.fits(row)) out.push({ ...match, row });
    if (out.length === limit) break;
  }
  return out;
}

/** One person's "not interested" and applications, from the signals read for a page of people. */
function feedbackOf(
  labourerId: string,
  signals: Awaited<ReturnType<MatchingRepository['personSignals']>>,
): PersonFeedback & { applied: Set<string> } {
  const notInterested = new Set(signals.feedback.filter((f) => f.labourerId === labourerId).map((f) => f.vacancyId));
  const occupations = new Set(
    [...notInterested].map((id) => signals.occupations.get(id)).filter((o) => o !== undefined),
  );
  const applied = new Set(signals.applications.filter((a) => a.labourerId === labourerId).map((a) => a.vacancyId));
  return { notInterested, notInterestedOccupations: occupations, applied };
}

/** Reference tables change only with a deployment: read once (again only if the first read failed). */
function taxonomyLoader(repo: MatchingRepository, reference: () => Promise<PlaceNames>) {
  let taxonomy: Promise<Taxonomy> | undefined;
  return () => {
    if (!taxonomy) {
      const loading = Promise.all([repo.taxonomy(), reference()]).then(([data, places]) => new Taxonomy(data, places));
      loading.catch(() => (taxonomy = undefined));
      taxonomy = loading;
    }
    return taxonomy;
  };
}

/**
 * One person's candidates: from the open jobs in memory while they are the index's (when
 * `liveSnapshotMax` allows), else a Meilisearch search.
 */
function candidateSource(deps: MatcherDeps, loadTaxonomy: () => Promise<Taxonomy>, now: () => Date) {
  const { search } = deps;
  const liveMax = deps.liveSnapshotMax ?? 0;
  const live =
    liveMax > 0
      ? new LiveSnapshot({
          version: search.jobsVersion,
          load: async () => (await search.snapshot(await loadTaxonomy(), now(), liveMax))?.warm() ?? null,
          log: deps.log,
        })
      : undefined;
  return {
    async candidatesFor(person: PersonProfile, tax: Taxonomy, at: Date): Promise<JobFacts[]> {
      const snapshot = await live?.current();
      return snapshot ? snapshotCandidates(person, { tax, at }, snapshot, new Map()) : search.jobs(person, tax, at);
    },
    liveSnapshotSettled: async () => live?.settled(),
    /** Reads the open jobs into memory now if the index is not held yet, and waits for it. */
    holdOpenJobs: async () => {
      await live?.current();
      await live?.settled();
    },
  };
}

/**
 * The two-stage matching engine, without access rules: Meilisearch supplies candidates within the
 * hard rules, the re-rank orders them, and the database confirms the ones shown.
 */
export function createMatcher(deps: MatcherDeps) {
  const { repo, search } = deps;
  const now = deps.now ?? (() => new Date());
  const partnerRegions = deps.partnerRegions ?? (() => []);
  const market = createMarketSignals(repo, now, deps.signalsTtlMs ?? 5 * 60_000);
  const personOf = (row: PersonRow, tax: Taxonomy, at: Date) => profileOf(row, tax, at, partnerRegions);
  const loadTaxonomy = taxonomyLoader(repo, deps.reference);
  const { candidatesFor, liveSnapshotSettled, holdOpenJobs } = candidateSource(deps, loadTaxonomy, now);

  async function vacancyRows(ids: string[]) {
    return new Map((await repo.vacancies([...new Set(ids)])).map((row) => [row.id, row]));
  }

  /** What ranks everyone of a batch alike: the taxonomy, the time, the market's signals. */
  async function rankingContext(tax: Taxonomy, at: Date): Promise<RankingContext> {
    const [records, crowding] = await Promise.all([market.records(), market.crowding()]);
    return { tax, at, records, crowding };
  }

  return {
    taxonomy: loadTaxonomy,
    profileOf: personOf,
    jobFactsOf,

    /**
     * The best jobs for one registered person. The registry keeps no coordinates for people (the
     * county seat of the household region stands in); the quality harness may give a point.
     */
    async jobsFor(row: PersonRow, limit: number, overrides: { point?: Point | null } = {}) {
      const tax = await loadTaxonomy();
      const at = now();
      const person = { ...personOf(row, tax, at), ...overrides };
      // The database and Meilisearch work at the same time.
      const [signals, found] = await Promise.all([repo.personSignals([row.id]), candidatesFor(person, tax, at)]);
      const feedback = feedbackOf(row.id, signals);
      const head = rankCandidates({ person, feedback }, found, limit, await rankingContext(tax, at));
      const rows = await vacancyRows(head.map((r) => r.item.id));
      return { person, matches: confirm(person, head, rows, limit, at, tax) };
    },

    /** The best people for one vacancy; `audienceOf` says whose eyes each person's reasons are for. */
    async peopleFor(vacancy: VacancyRow, limit: number, audienceOf: (p: PersonProfile) => 'employer' | 'officer') {
      const tax = await loadTaxonomy();
      const at = now();
      const job = jobFactsOf(vacancy, tax);
      const found = (await search.people(job, tax, partnerRegions)).filter((p) => withinArea(p, job.regionCode));
      const notInterested = await repo.notInterestedIn(
        job.id,
        found.map((p) => p.id),
      );
      const ranked = rankPeople(job, found, { taxonomy: tax, now: at, audienceOf, notInterested });
      const head = ranked.slice(0, limit + CANDIDATE_STAGE.hydrateSpare);
      const rows = new Map((await repo.people(head.map((r) => r.item.id))).map((row) => [row.id, row]));
      const shown = (row: PersonRow) => !row.erasedAt && row.wantsJob && row.consentShowEmployer;
      const fits = (row: PersonRow) =>
        brokenRules(personOf(row, tax, at), vacancyState(vacancy), at, tax).every(
          (rule) => !PERSON_RULES.includes(rule),
        );
      return { job, matches: confirmPeople(head, rows, { shown, fits }, limit) };
    },

    feedbackOf,
    now,
    /** Waits for a load of the open jobs into memory under way (tests, benchmarks). */
    liveSnapshotSettled,
    holdOpenJobs,

    /** The open jobs of the index, for answering a batch's candidate queries in memory (null above `max`). */
    async jobSnapshot(max: number) {
      return search.snapshot(await loadTaxonomy(), now(), max);
    },

    /** Many people's ranked candidates, before the database confirms them (batch rankings). */
    async rankedCandidatesMany(
      people: Array<{ person: PersonProfile; feedback: PersonFeedback & { applied: Set<string> } }>,
      limit: number,
      context: {
        tax: Taxonomy;
        at: Date;
        perRequest: number;
        concurrency: number;
        /** Query results kept between calls of one batch run. */
        cache?: Map<string, JobFacts[]> | undefined;
        /** Open jobs held in memory: candidate queries are answered without searching. */
        snapshot?: JobSnapshot | null | undefined;
      },
    ) {
      const ranking = await rankingContext(context.tax, context.at);
      // Ranking is CPU work: in the ranking workers when there are (their snapshot's answers
      // are found there too), else person by person here, yielding to the web between slices.
      if (deps.pool && context.snapshot) return deps.pool.rank(people, limit, ranking, { snapshot: context.snapshot });
      const found = await search.jobsMany(
        people.map((p) => p.person),
        context.tax,
        context.at,
        context,
      );
      if (deps.pool) return deps.pool.rank(people, limit, ranking, { candidates: found });
      const clock = sliceClock();
      const ranked: Ranked<JobFacts>[][] = [];
      for (const [i, entry] of people.entries()) {
        ranked.push(rankCandidates(entry, found[i]!, limit, ranking));
        await clock.maybeYield();
      }
      return ranked;
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
