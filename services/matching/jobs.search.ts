import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import { UnavailableError } from '../platform/errors/domain-errors.ts';
import { mapInSlices, sliceClock } from '../platform/background.ts';
import { allowedPrefixes } from './area.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { JobFacts, PersonProfile } from './types.ts';
import type { JobSnapshot } from './job-snapshot.search.ts';
import { CANDIDATE_STAGE } from './weights.ts';
import {
  type CandidateQuery,
  JOB_FIELDS,
  type JobDocument,
  openJobFilter,
  type PersonRules,
  type Related,
  type Relevance,
  toJobFacts,
} from './job-document.ts';

export type { CandidateQuery } from './job-document.ts';

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;
const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;

function personRules(person: PersonProfile, taxonomy: Taxonomy): PersonRules {
  return {
    age: person.age,
    hardToEmploy: person.hardToEmploy,
    area: allowedPrefixes(person),
    unlicensed: taxonomy.unlicensed(person.certificates),
  };
}

function rulesFilter(rules: PersonRules, now: Date): string[] {
  const filter = [
    ...openJobFilter(now),
    `(ageMin IS NULL OR ageMin <= ${rules.age})`,
    `(ageMax IS NULL OR ageMax >= ${rules.age})`,
  ];
  if (!rules.hardToEmploy) filter.push('publicWelfarePost = false');
  if (rules.area) filter.push(`regionPrefixes IN ${list(rules.area)}`);
  const { occupations, kinds } = rules.unlicensed;
  const closed = [
    ...(occupations.length ? [`occupationCode IN ${list(occupations)}`] : []),
    ...(kinds.length ? [`requiredCertificates IN ${list(kinds)}`] : []),
  ];
  if (closed.length) filter.push(`(trainsForCertificate = true OR NOT (${closed.join(' OR ')}))`);
  return filter;
}

/**
 * The hard rules as a Meilisearch filter: open, verified, not expired, inside the area the person
 * will move to, within the job's age range, public-welfare posts only for people marked hard
 * to employ, and no job needing a licence the person lacks unless the employer trains for it.
 */
export function jobHardFilter(person: PersonProfile, taxonomy: Taxonomy, now: Date): string[] {
  return rulesFilter(personRules(person, taxonomy), now);
}

/**
 * The person's wanted or certified occupations and held skills ("strong"); their work's neighbours:
 * related skills not held and occupations of the same subcategory not already strong.
 */
function relevanceOf(person: PersonProfile, taxonomy: Taxonomy): { strong: Relevance | null; related: Related | null } {
  const occupations = [
    ...new Set([...person.desiredOccupations, ...taxonomy.certifiedOccupations(person.certificates)]),
  ];
  const held = person.skills.map((s) => s.code);
  const strong = occupations.length || held.length ? { occupations, skills: held } : null;
  const skills = taxonomy.withRelated(held).filter((code) => !held.includes(code));
  const neighbours = taxonomy.neighbours(occupations);
  return {
    strong,
    related: skills.length || neighbours.length ? { skills, occupations: neighbours, unless: strong } : null,
  };
}

function strongFilter({ occupations, skills }: Relevance): string {
  const parts = [];
  if (occupations.length) parts.push(`occupationCode IN ${list(occupations)}`);
  if (skills.length) parts.push(`skillCodes IN ${list(skills)}`);
  return `(${parts.join(' OR ')})`;
}

function relatedFilter({ skills, occupations, unless }: Related): string {
  const neighbour = strongFilter({ occupations, skills });
  return `(${neighbour}${unless ? ` AND NOT ${strongFilter(unless)}` : ''})`;
}

/**
 * Jobs worth considering for their work: "strong" for wanted or certified occupations and held
 * skills, "related" for skills one step away in the taxonomy and occupations of the same
 * subcategory (only those not already strong).
 */
export function jobRelevanceFilters(
  person: PersonProfile,
  taxonomy: Taxonomy,
): { strong: string | null; related: string | null } {
  const { strong, related } = relevanceOf(person, taxonomy);
  return { strong: strong ? strongFilter(strong) : null, related: related ? relatedFilter(related) : null };
}

/** The person's own neighbourhood: home county, or the allowed area when it is smaller. */
function nearbyPrefix(person: PersonProfile): string {
  const area = allowedPrefixes(person);
  const county = person.regionCode.slice(0, 6);
  return area?.length === 1 && area[0]!.length > county.length ? area[0]! : county;
}

/** The area reaches beyond the person's home city (province, partner regions, anywhere). */
function reachesBeyondCity(person: PersonProfile): boolean {
  const city = person.regionCode.slice(0, 4);
  const area = allowedPrefixes(person);
  return area === null || area.some((prefix) => !prefix.startsWith(city));
}

/**
 * The candidate queries for one person, all best paid first. What a document costs Meilisearch
 * is mostly fetching it, and sorting by distance costs in proportion to the jobs sorted, so
 * instead of one large query sorted by distance the queries follow the location tiers the re-rank
 * values: any job in the own township and near home; the person's wanted or certified occupations
 * and held skills in the home county, the home city and, for people who go further, the whole
 * area; neighbouring work (related skills, same-subcategory occupations) in the home city and the
 * rest of the area.
 */
export function candidateQueries(person: PersonProfile, taxonomy: Taxonomy): CandidateQuery[] {
  const rules = personRules(person, taxonomy);
  const { strong, related } = relevanceOf(person, taxonomy);
  const home = nearbyPrefix(person);
  const city = person.regionCode.slice(0, 4);
  const township = person.regionCode.length >= 9 ? person.regionCode.slice(0, 9) : null;
  const wide = reachesBeyondCity(person);
  const reachesCity = wide || rules.area?.includes(city) === true;
  const stage = CANDIDATE_STAGE;
  const queries: CandidateQuery[] = [];
  if (township && township !== home) queries.push({ rules, within: township, limit: stage.townshipLimit });
  queries.push({ rules, within: home, limit: stage.nearbyLimit });
  if (strong) {
    queries.push({ rules, strong, within: home, limit: stage.relevantLimit });
    if (reachesCity) queries.push({ rules, strong, within: city, outside: home, limit: stage.cityLimit });
    if (wide) queries.push({ rules, strong, outside: city, limit: stage.wideLimit });
  }
  if (related) {
    queries.push({ rules, related, within: reachesCity ? city : home, limit: stage.relatedLimit });
    if (wide) queries.push({ rules, related, outside: city, limit: stage.relatedWideLimit });
  }
  return queries;
}

/** One candidate query as a Meilisearch search of the vacancy index. */
export function toMeiliQuery(query: CandidateQuery, now: Date, prefix: string): MultiSearchQuery {
  const within = (code: string) => `regionPrefixes = ${quote(code)}`;
  const filter = rulesFilter(query.rules, now);
  if (query.strong) filter.push(strongFilter(query.strong));
  if (query.related) filter.push(relatedFilter(query.related));
  if (query.within) filter.push(within(query.within));
  if (query.outside) filter.push(`NOT ${within(query.outside)}`);
  return {
    indexUid: indexUid(prefix, 'vacancies'),
    q: '',
    attributesToRetrieve: JOB_FIELDS,
    sort: ['wageMax:desc', 'publishedAt:desc'],
    filter,
    limit: query.limit,
  };
}

/** The candidate queries for one person as Meilisearch searches, sent in one request. */
export function jobQueries(person: PersonProfile, taxonomy: Taxonomy, now: Date, prefix: string): MultiSearchQuery[] {
  return candidateQueries(person, taxonomy).map((query) => toMeiliQuery(query, now, prefix));
}

/**
 * Runs the queries of one or more searches in one request and merges each search's hits, each
 * job once. Meilisearch down is a 503, not a 500.
 */
export async function searchMergedMany<T extends { id: string }>(
  meili: Meilisearch,
  searches: MultiSearchQuery[][],
): Promise<T[][]> {
  let response;
  try {
    response = await meili.multiSearch<{ queries: MultiSearchQuery[] }, T>({ queries: searches.flat() });
  } catch (error) {
    throw new UnavailableError(`Matching is unavailable for the moment: ${(error as Error).message}`);
  }
  let at = 0;
  return searches.map((queries) => {
    const seen = new Map<string, T>();
    for (const result of response.results.slice(at, at + queries.length)) {
      for (const hit of result.hits) if (!seen.has(hit.id)) seen.set(hit.id, hit as T);
    }
    at += queries.length;
    return [...seen.values()];
  });
}

export async function searchMerged<T extends { id: string }>(meili: Meilisearch, queries: MultiSearchQuery[]) {
  return (await searchMergedMany<T>(meili, [queries]))[0]!;
}

/**
 * Candidate jobs for many people at once (batch rankings): identical queries are asked once (people
 * of one township and age share their neighbourhood queries). With a snapshot of the open jobs the
 * queries are answered in memory; without, they go to Meilisearch in requests of `perRequest`
 * queries, `concurrency` requests at a time.
 */
export async function searchJobsMany(
  meili: Meilisearch,
  prefix: string,
  people: readonly PersonProfile[],
  taxonomy: Taxonomy,
  now: Date,
  options: {
    perRequest: number;
    concurrency: number;
    cache?: Map<string, JobFacts[]> | undefined;
    snapshot?: JobSnapshot | null | undefined;
  },
): Promise<JobFacts[][]> {
  // Results of earlier calls (a campaign's earlier pages): the index does not change under a
  // campaign in a way that matters, since every candidate is confirmed against the database.
  const found = options.cache ?? new Map<string, JobFacts[]>();
  const unique = new Map<string, MultiSearchQuery>();
  // Answering from the snapshot is CPU work: in slices, yielding to the web between them.
  const clock = sliceClock();
  const keysOf: string[][] = [];
  for (const person of people) {
    if (options.snapshot) {
      keysOf.push(snapshotAnswers(person, taxonomy, now, options.snapshot, found));
    } else {
      keysOf.push(
        candidateQueries(person, taxonomy).map((candidate) => {
          const query = toMeiliQuery(candidate, now, prefix);
          const key = queryKey(query);
          if (!found.has(key)) unique.set(key, query);
          return key;
        }),
      );
    }
    await clock.maybeYield();
  }
  const entries = [...unique];
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const chunk = entries.slice(next, next + options.perRequest);
      next += options.perRequest;
      const results = await searchMergedMany<JobDocument>(
        meili,
        chunk.map(([, query]) => [query]),
      );
      chunk.forEach(([key], i) =>
        found.set(
          key,
          results[i]!.map((doc) => toJobFacts(doc, taxonomy)),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return mapInSlices(keysOf, (keys) => mergeAnswers(keys, found));
}

/** What tells two candidate queries apart (the index they go to does not). */
const queryKey = (query: MultiSearchQuery) => JSON.stringify([query.filter, query.sort, query.limit]);

/**
 * Answers one person's candidate queries from a snapshot of the open jobs into `found` (each
 * distinct query once); answers the queries' keys, for `mergeAnswers`.
 */
export function snapshotAnswers(
  person: PersonProfile,
  taxonomy: Taxonomy,
  now: Date,
  snapshot: JobSnapshot,
  found: Map<string, JobFacts[]>,
): string[] {
  return candidateQueries(person, taxonomy).map((candidate) => {
    const key = queryKey(toMeiliQuery(candidate, now, ''));
    if (!found.has(key)) found.set(key, snapshot.search(candidate, now));
    return key;
  });
}

/** One person's candidates: the answers of their queries in query order, each job once. */
export function mergeAnswers(keys: readonly string[], found: ReadonlyMap<string, JobFacts[]>): JobFacts[] {
  const merged = new Map<string, JobFacts>();
  for (const key of keys) for (const job of found.get(key)!) if (!merged.has(job.id)) merged.set(job.id, job);
  return [...merged.values()];
}

export async function searchJobs(
  meili: Meilisearch,
  prefix: string,
  person: PersonProfile,
  taxonomy: Taxonomy,
  now: Date,
): Promise<JobFacts[]> {
  const docs = await searchMerged<JobDocument>(meili, jobQueries(person, taxonomy, now, prefix));
  return docs.map((doc) => toJobFacts(doc, taxonomy));
}
