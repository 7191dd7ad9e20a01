import type { Meilisearch, MultiSearchQuery } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import { UnavailableError } from '../platform/errors/domain-errors.ts';
import { allowedPrefixes } from './area.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { JobFacts, PersonProfile, Point } from './types.ts';
import { CANDIDATE_STAGE } from './weights.ts';

const quote = (value: string) => `"${value.replace(/["\\]/g, '')}"`;
const list = (values: readonly string[]) => `[${values.map(quote).join(', ')}]`;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Fields of the vacancy document the re-rank needs. */
export const JOB_FIELDS = [
  'id',
  'employerId',
  'employerKind',
  'occupationCode',
  'skillCodes',
  'preferredSkillCodes',
  'regionCode',
  'wageMin',
  'wageMax',
  'payBasis',
  'headcount',
  'ageMin',
  'ageMax',
  'accommodation',
  'meals',
  'disabilityFriendly',
  'publicWelfarePost',
  'publishedAt',
  'expiresAt',
  '_geo',
];

/**
 * The hard rules as a Meilisearch filter: open, verified, not expired, inside the area the person
 * will move to, within the job's age range, and public-welfare posts only for people marked hard
 * to employ.
 */
export function jobHardFilter(person: PersonProfile, now: Date): string[] {
  const filter = [
    'status = "open"',
    'employerVerified = true',
    `(expiresAt IS NULL OR expiresAt > ${seconds(now)})`,
    `(ageMin IS NULL OR ageMin <= ${person.age})`,
    `(ageMax IS NULL OR ageMax >= ${person.age})`,
  ];
  if (!person.hardToEmploy) filter.push('publicWelfarePost = false');
  const area = allowedPrefixes(person);
  if (area) filter.push(`regionPrefixes IN ${list(area)}`);
  return filter;
}

/**
 * Jobs worth considering for their work: "strong" for wanted or certified occupations and held
 * skills, "related" for skills one step away in the taxonomy (only those not already strong).
 */
export function jobRelevanceFilters(
  person: PersonProfile,
  taxonomy: Taxonomy,
): { strong: string | null; related: string | null } {
  const occupations = [
    ...new Set([...person.desiredOccupations, ...taxonomy.certifiedOccupations(person.certificates)]),
  ];
  const held = person.skills.map((s) => s.code);
  const parts = [];
  if (occupations.length) parts.push(`occupationCode IN ${list(occupations)}`);
  if (held.length) parts.push(`skillCodes IN ${list(held)}`);
  const strong = parts.length ? `(${parts.join(' OR ')})` : null;
  const relatedOnly = taxonomy.withRelated(held).filter((code) => !held.includes(code));
  const related = relatedOnly.length
    ? `(skillCodes IN ${list(relatedOnly)}${strong ? ` AND NOT ${strong}` : ''})`
    : null;
  return { strong, related };
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
 * The candidate queries for one person, sent to Meilisearch in one request, all best paid first.
 * What a document costs Meilisearch is mostly fetching it, and sorting by distance costs in
 * proportion to the jobs sorted, so instead of one large query sorted by distance the queries
 * follow the location tiers the re-rank values: any job in the own township and near home; the
 * person's wanted or certified occupations and held skills in the home county, the home city and,
 * for people who go further, the whole area; jobs asking for related skills nearby.
 */
export function jobQueries(person: PersonProfile, taxonomy: Taxonomy, now: Date, prefix: string): MultiSearchQuery[] {
  const hard = jobHardFilter(person, now);
  const base = {
    indexUid: indexUid(prefix, 'vacancies'),
    q: '',
    attributesToRetrieve: JOB_FIELDS,
    sort: ['wageMax:desc'],
  };
  const { strong, related } = jobRelevanceFilters(person, taxonomy);
  const home = nearbyPrefix(person);
  const city = person.regionCode.slice(0, 4);
  const township = person.regionCode.length >= 9 ? person.regionCode.slice(0, 9) : null;
  const wide = reachesBeyondCity(person);
  const reachesCity = wide || allowedPrefixes(person)?.includes(city) === true;
  const within = (code: string) => `regionPrefixes = ${quote(code)}`;
  const stage = CANDIDATE_STAGE;
  const queries: MultiSearchQuery[] = [];
  const add = (filter: string[], limit: number) => queries.push({ ...base, filter: [...hard, ...filter], limit });
  if (township && township !== home) add([within(township)], stage.townshipLimit);
  add([within(home)], stage.nearbyLimit);
  if (strong) {
    add([strong, within(home)], stage.relevantLimit);
    if (reachesCity) add([strong, within(city), `NOT ${within(home)}`], stage.cityLimit);
    if (wide) add([strong, `NOT ${within(city)}`], stage.wideLimit);
  }
  if (related) add([related, within(reachesCity ? city : home)], stage.relatedLimit);
  return queries;
}

interface JobDocument extends Omit<JobFacts, 'point' | 'categoryCode'> {
  _geo?: Point;
}

/** The document as the re-rank sees it; the category comes from the taxonomy, not the index. */
export function toJobFacts(doc: JobDocument, taxonomy: Taxonomy): JobFacts {
  const facts = doc as unknown as JobFacts & { _geo?: Point };
  facts.point = doc._geo ?? null;
  facts.categoryCode = taxonomy.category(doc.occupationCode) ?? '';
  facts.preferredSkillCodes ??= [];
  delete facts._geo;
  return facts;
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
 * Candidate jobs for many people at once (batch rankings): identical queries are sent once (people
 * of one township and age share their neighbourhood queries), in requests of `perRequest`
 * queries, `concurrency` requests at a time.
 */
export async function searchJobsMany(
  meili: Meilisearch,
  prefix: string,
  people: readonly PersonProfile[],
  taxonomy: Taxonomy,
  now: Date,
  options: { perRequest: number; concurrency: number; cache?: Map<string, JobFacts[]> | undefined },
): Promise<JobFacts[][]> {
  // Results of earlier calls (a campaign's earlier pages): the index does not change under a
  // campaign in a way that matters, since every candidate is confirmed against the database.
  const found = options.cache ?? new Map<string, JobFacts[]>();
  const unique = new Map<string, MultiSearchQuery>();
  const keysOf = people.map((person) =>
    jobQueries(person, taxonomy, now, prefix).map((query) => {
      const key = JSON.stringify([query.filter, query.sort, query.limit]);
      if (!unique.has(key) && !found.has(key)) unique.set(key, query);
      return key;
    }),
  );
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
  return keysOf.map((keys) => {
    const merged = new Map<string, JobFacts>();
    for (const key of keys) for (const job of found.get(key)!) if (!merged.has(job.id)) merged.set(job.id, job);
    return [...merged.values()];
  });
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
