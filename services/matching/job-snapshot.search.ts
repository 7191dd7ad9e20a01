import type { Meilisearch } from 'meilisearch';
import { indexUid } from '../../search-index/indexes.ts';
import { sliceClock } from '../platform/background.ts';
import { UnavailableError } from '../platform/errors/domain-errors.ts';
import {
  type CandidateQuery,
  JOB_FIELDS,
  type JobDocument,
  openJobFilter,
  type Relevance,
  toJobFacts,
} from './job-document.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { JobFacts } from './types.ts';

export interface Held extends JobFacts {
  prefixes: ReadonlySet<string>;
  /** Position in Meilisearch's best-paid-first order. */
  rank: number;
}

/** Jobs per read: each answer is parsed by the app's loop in one go. */
const PAGE = 2000;

function isStrong(job: Held, { occupations, skills }: Relevance): boolean {
  return occupations.includes(job.occupationCode) || job.skillCodes.some((code) => skills.includes(code));
}

/** The same conditions as the query's Meilisearch filter (`toMeiliQuery`), on one job. */
function answers(query: CandidateQuery, job: Held, nowSeconds: number): boolean {
  const { rules } = query;
  if (job.expiresAt !== null && job.expiresAt <= nowSeconds) return false;
  if (job.ageMin !== null && job.ageMin > rules.age) return false;
  if (job.ageMax !== null && job.ageMax < rules.age) return false;
  if (job.publicWelfarePost && !rules.hardToEmploy) return false;
  if (rules.area && !rules.area.some((prefix) => job.prefixes.has(prefix))) return false;
  if (
    !job.trainsForCertificate &&
    (rules.unlicensed.occupations.includes(job.occupationCode) ||
      job.requiredCertificates.some((kind) => rules.unlicensed.kinds.includes(kind)))
  ) {
    return false;
  }
  if (query.within && !job.prefixes.has(query.within)) return false;
  if (query.outside && job.prefixes.has(query.outside)) return false;
  if (query.strong && !isStrong(job, query.strong)) return false;
  if (query.related) {
    const { unless } = query.related;
    if (!isStrong(job, query.related)) return false;
    if (unless && isStrong(job, unless)) return false;
  }
  return true;
}

/**
 * The open jobs of the vacancy index, fetched from Meilisearch in a few bulk reads (best paid
 * first, in Meilisearch's own order), answering candidate queries in memory. A push campaign asks
 * hundreds of thousands of candidate queries over the same few tens of thousands of open jobs;
 * each costs Meilisearch a filtered, sorted search, while here it is a walk down the region's
 * best-paid list until the limit is reached. Every answer is confirmed against the database
 * afterwards, as with searches, so a snapshot a few minutes old offers nothing that is not open.
 */
/** Meilisearch's descending sort: larger first, a missing value after every value. */
function descending(a: number | null | undefined, b: number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return b - a;
}

/** The candidate queries' order: best paid, then newest. */
const bestPaidFirst = (a: Held, b: Held) =>
  descending(a.wageMax, b.wageMax) || descending(a.publishedAt, b.publishedAt);

/**
 * A stable sort that yields to the web between slices: runs of a few thousand sorted one at a
 * time, then merged pairwise (one sort of 71,692 jobs held the loop for 184 ms).
 */
export async function sortInSlices<T>(items: T[], compare: (a: T, b: T) => number, run = 4096): Promise<T[]> {
  const clock = sliceClock();
  let runs: T[][] = [];
  for (let i = 0; i < items.length; i += run) {
    runs.push(items.slice(i, i + run).sort(compare));
    await clock.maybeYield();
  }
  while (runs.length > 1) {
    const merged: T[][] = [];
    for (let r = 0; r < runs.length; r += 2) {
      const left = runs[r]!;
      const right = runs[r + 1];
      if (!right) {
        merged.push(left);
        continue;
      }
      const out: T[] = [];
      let i = 0;
      let j = 0;
      // Left first on ties: the earlier run came first in the input (stable).
      while (i < left.length || j < right.length) {
        if (j >= right.length || (i < left.length && compare(left[i]!, right[j]!) <= 0)) out.push(left[i++]!);
        else out.push(right[j++]!);
        if ((out.length & 1023) === 0) await clock.maybeYield();
      }
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? [];
}

function listJob(lists: Map<string, Held[]>, job: Held): void {
  const add = (key: string) => {
    const list = lists.get(key);
    if (list) list.push(job);
    else lists.set(key, [job]);
  };
  for (const prefix of ['', ...job.prefixes]) {
    add(prefix);
    add(`${prefix}|o${job.occupationCode}`);
    for (const skill of new Set(job.skillCodes)) add(`${prefix}|s${skill}`);
  }
}

export class JobSnapshot {
  /**
   * Jobs best paid first, under keys of a region prefix ('' for all): all the jobs there, and
   * those of each occupation (`|o`) and each asked skill (`|s`) there, so a query walks only the
   * lists that can answer it.
   */
  private listed: Map<string, Held[]> | undefined;
  private readonly byId: Map<string, Held>;

  private constructor(
    private readonly held: readonly Held[],
    readonly loadedAt: Date,
  ) {
    this.byId = new Map(held.map((job) => [job.id, job]));
  }

  /** The lists, built on the first search (a snapshot whose queries a ranking worker answers needs none here). */
  private get lists(): Map<string, Held[]> {
    if (this.listed) return this.listed;
    const lists = new Map<string, Held[]>();
    for (const job of this.held) listJob(lists, job);
    return (this.listed = lists);
  }

  /** Builds the lists in slices, yielding to the web between them, before the first search needs them. */
  async warm(): Promise<this> {
    if (this.listed) return this;
    const lists = new Map<string, Held[]>();
    const clock = sliceClock();
    for (const job of this.held) {
      listJob(lists, job);
      await clock.maybeYield();
    }
    this.listed ??= lists;
    return this;
  }

  get size(): number {
    return this.held.length;
  }

  /** The jobs held, best paid first (what a copy in another thread is built from, with `of`). */
  jobs(): readonly Held[] {
    return this.held;
  }

  /** A held job by id. */
  get(id: string): Held | undefined {
    return this.byId.get(id);
  }

  /** A snapshot of jobs already read (in their rank order), e.g. a copy of another thread's. */
  static of(jobs: readonly Held[], loadedAt: Date): JobSnapshot {
    return new JobSnapshot(jobs, loadedAt);
  }

  /**
   * Reads the open jobs (open, verified, not expired at `now`); null when there are more than
   * `max` (a campaign then searches Meilisearch query by query).
   */
  static async load(
    meili: Meilisearch,
    prefix: string,
    taxonomy: Taxonomy,
    now: Date,
    max: number,
  ): Promise<JobSnapshot | null> {
    const index = meili.index(indexUid(prefix, 'vacancies'));
    const filter = openJobFilter(now);
    const fields = [...JOB_FIELDS, 'regionPrefixes'] as Array<keyof JobDocument>;
    const byId = new Map<string, Held>();
    try {
      // In Meilisearch's own order (its internal document order), not sorted: Meilisearch 1.21
      // answers a sorted document read past offset 8,000 with nothing (seen at 71,692 open jobs),
      // which left a snapshot with the 8,000 best paid. The order is made here instead.
      for (let offset = 0; ; offset += PAGE) {
        const page = await index.getDocuments<JobDocument & { regionPrefixes: string[] }>({
          filter,
          fields,
          limit: PAGE,
          offset,
        });
        if (page.total > max) return null;
        for (const doc of page.results) {
          // A job re-indexed between two pages may move in the order: it is held once.
          if (byId.has(doc.id)) continue;
          const prefixes = new Set(doc.regionPrefixes);
          const { regionPrefixes: _, ...rest } = doc;
          byId.set(doc.id, Object.assign(toJobFacts(rest, taxonomy), { prefixes, rank: 0 }));
        }
        if (page.results.length < PAGE || offset + PAGE >= page.total) break;
      }
    } catch (error) {
      throw new UnavailableError(`Matching is unavailable for the moment: ${(error as Error).message}`);
    }
    // The candidate queries' sort (best paid, then newest), ties in Meilisearch's document order
    // as its searches give them (a stable sort keeps the read order).
    const jobs = await sortInSlices([...byId.values()], bestPaidFirst);
    jobs.forEach((job, rank) => (job.rank = rank));
    return new JobSnapshot(jobs, now);
  }

  /** The query's answer, as Meilisearch would give it: best paid first, at most `limit`. */
  search(query: CandidateQuery, now: Date): JobFacts[] {
    const scope = query.within ?? (query.rules.area?.length === 1 ? query.rules.area[0]! : '');
    const { occupations, skills } = query.strong ?? query.related ?? { occupations: [], skills: [] };
    const keys =
      query.strong || query.related
        ? [...occupations.map((code) => `${scope}|o${code}`), ...skills.map((code) => `${scope}|s${code}`)]
        : [scope];
    const lists = keys.map((key) => this.lists.get(key)).filter((list) => list !== undefined);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const out: JobFacts[] = [];
    // Merge the lists in rank order (a job on several lists comes up once), keeping the answers.
    const at = lists.map(() => 0);
    let last = -1;
    while (out.length < query.limit) {
      let from = -1;
      for (let i = 0; i < lists.length; i++) {
        const job = lists[i]![at[i]!];
        if (job && (from < 0 || job.rank < lists[from]![at[from]!]!.rank)) from = i;
      }
      if (from < 0) break;
      const job = lists[from]![at[from]!++]!;
      if (job.rank === last) continue;
      last = job.rank;
      if (answers(query, job, nowSeconds)) out.push(job);
    }
    return out;
  }
}
