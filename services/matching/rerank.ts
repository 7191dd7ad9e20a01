import { type Contribution, scorePair, typicalMonthly } from './features.ts';
import { licenceState } from './hard-rules.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { Audience, Crowding, EmployerRecord, JobFacts, PersonFeedback, PersonProfile } from './types.ts';

export interface Ranked<T> {
  item: T;
  raw: number;
  score: number;
  distanceKm: number | null;
  contributions: Contribution[];
  /** Fits the person's work (features.ts): fitting matches come first. */
  fits?: boolean;
  /** Some fit to the work the person named (features.ts), whatever their feedback. */
  fitsWork?: boolean;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const nearer = (a: number | null, b: number | null) =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);

/**
 * Best first. Equal scores are settled by what a person would prefer: the nearer job, then the
 * better typical pay, then the more recently published, then the one with more places; only
 * then by id, so the same data always gives the same order.
 */
function byJobRank(a: Ranked<JobFacts>, b: Ranked<JobFacts>): number {
  return (
    Number(b.fits ?? true) - Number(a.fits ?? true) ||
    b.raw - a.raw ||
    nearer(a.distanceKm, b.distanceKm) ||
    typicalMonthly(b.item) - typicalMonthly(a.item) ||
    (b.item.publishedAt ?? 0) - (a.item.publishedAt ?? 0) ||
    b.item.headcount - a.item.headcount ||
    byKey(a.item.id, b.item.id)
  );
}

/** Best first; equal scores go to the nearer person, then the longer wait (older), then by id. */
function byPersonRank(a: Ranked<PersonProfile>, b: Ranked<PersonProfile>): number {
  return (
    Number(b.fits ?? true) - Number(a.fits ?? true) ||
    b.raw - a.raw ||
    nearer(a.distanceKm, b.distanceKm) ||
    b.item.age - a.item.age ||
    byKey(a.item.id, b.item.id)
  );
}

export interface JobRankingContext {
  taxonomy: Taxonomy;
  now: Date;
  feedback?: PersonFeedback | undefined;
  records?: ReadonlyMap<string, EmployerRecord> | undefined;
  crowding?: ReadonlyMap<string, Crowding> | undefined;
}

/** An occupation a qualification certificate is for (cook, nanny, maternity nurse, hairdresser...): a trade one trains for. */
const skilledTrade = (occupationCode: string, taxonomy: Taxonomy) =>
  taxonomy.certificatesFor(occupationCode).length > 0;

const NO_RECORD: EmployerRecord = { hires: 0, decided: 0, retained: 0 };
const NO_CROWD: Crowding = { open: 0, taken: 0 };

/**
 * Orders the candidate jobs for one person, leaving out any needing a licence they lack (a hard
 * rule, also for a fair's own jobs) and, for someone who named the work they want, a skilled
 * trade with no fit to it at all (minimum fit: a cook is not offered maternity-nurse or nanny work
 * to fill a short list). Ordinary work (a line, a workshop, picking) with no fit stays, below
 * every fitting job.
 */
export function rankJobs(person: PersonProfile, jobs: readonly JobFacts[], ctx: JobRankingContext): Ranked<JobFacts>[] {
  const ranked = jobs
    .filter((job) => licenceState(person.certificates, job, ctx.taxonomy) !== 'missing')
    .map((job) => ({
      item: job,
      ...scorePair(person, job, {
        taxonomy: ctx.taxonomy,
        now: ctx.now,
        audience: 'person',
        feedback: ctx.feedback,
        record: ctx.records ? (ctx.records.get(job.employerId) ?? NO_RECORD) : undefined,
        crowding: ctx.crowding ? (ctx.crowding.get(job.id) ?? NO_CROWD) : undefined,
      }),
    }))
    .filter((r) => r.fitsWork || !skilledTrade(r.item.occupationCode, ctx.taxonomy))
    .sort(byJobRank);
  return ranked;
}

export interface PeopleRankingContext {
  taxonomy: Taxonomy;
  now: Date;
  /** Whose eyes each person's reasons are for: an employer never sees sensitive features. */
  audienceOf: (person: PersonProfile) => Exclude<Audience, 'person'>;
  /** People who said "not interested" in this job. */
  notInterested?: ReadonlySet<string> | undefined;
}

const NO_OCCUPATIONS: ReadonlySet<string> = new Set();

/** Orders the candidate people for one job. The people must already satisfy the hard rules. */
export function rankPeople(
  job: JobFacts,
  people: readonly PersonProfile[],
  ctx: PeopleRankingContext,
): Ranked<PersonProfile>[] {
  return people
    .filter((person) => licenceState(person.certificates, job, ctx.taxonomy) !== 'missing')
    .map((person) => ({
      item: person,
      ...scorePair(person, job, {
        taxonomy: ctx.taxonomy,
        now: ctx.now,
        audience: ctx.audienceOf(person),
        feedback: {
          notInterested: ctx.notInterested?.has(person.id) ? new Set([job.id]) : NO_OCCUPATIONS,
          notInterestedOccupations: NO_OCCUPATIONS,
        },
      }),
    }))
    .sort(byPersonRank);
}
