import type {
  JobFacts,
  JobSnapshot,
  MatchingApi,
  NoMatchExplanation,
  PersonProfile,
  PersonRow,
} from '../matching/index.ts';
import type { Notifier, StoredNotification } from '../notifications/index.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { assignPushes, type Filtered, type PushCandidate, suitableMatches, topUpPushes } from './assignment.ts';
import { mapInSlices } from '../platform/background.ts';
import { pushNotice } from './notices.ts';
import { type GapDetail, type PushesRepository, type WriteTx, writeQueries } from './pushes.repository.ts';

export interface CampaignTuning {
  /** People read and ranked together. */
  pageSize?: number;
  /** Matches kept per person: room for alternatives when the best jobs reach their cap. */
  limit?: number;
  /** Matches looked at again for people every match of whom was full. */
  rescueLimit?: number;
  concurrency?: number;
  perRequest?: number;
  /** Open jobs up to which a campaign holds them all in memory instead of searching query by query (0: never). */
  snapshotMax?: number;
  /**
   * People written per transaction (default: a whole page). The embedded database has one
   * connection: every other write, a person's included, waits while a write step runs.
   */
  writeSlice?: number | undefined;
}

export interface CampaignDeps {
  matching: MatchingApi;
  repo: PushesRepository;
  notifier: Notifier;
  reference: () => Promise<ReferenceNames>;
  push: { capMultiple: number; jobsPerPerson: number };
  tuning?: CampaignTuning | undefined;
  /** The open jobs in memory, shared by the chunks of one campaign (null: search Meilisearch). */
  jobSnapshot?: ((campaignId: string) => Promise<JobSnapshot | null>) | undefined;
  /** A delivery failure loses nothing (the notice is stored); it is only reported. */
  onDeliveryError?: (error: Error) => void;
}

/**
 * Notices stored, then delivered, per call. A page's notices in one call (up to a thousand) held
 * the event loop 60-90 ms in Prisma alone (building the insert of ~150 KB of arguments and reading
 * back its rows, the same again for their SMS), which on the embedded database is time the web waits.
 */
const NOTICES_PER_CALL = 100;

interface Entry {
  row: PersonRow;
  person: PersonProfile;
  covered: boolean;
  candidates: PushCandidate[];
  filtered: Filtered;
}

interface RankedPage {
  rows: PersonRow[];
  entries: Entry[];
  explanations: Map<string, NoMatchExplanation>;
}

type JobRow = Awaited<ReturnType<typeof writeQueries.headcounts>>[number];
type Extra = { labourerId: string; have: number; candidates: PushCandidate[] };

/** What every step of one chunk shares: its campaign, the reference names and the search settings. */
interface Chunk {
  deps: CampaignDeps;
  campaignId: string;
  ref: ReferenceNames;
  /** When the newest open vacancy was published (null: none open). */
  newest: Date | null;
  at: ReturnType<MatchingApi['now']>;
  search: { perRequest: number; concurrency: number; cache: Map<string, JobFacts[]>; snapshot: JobSnapshot | null };
  /** The people this chunk covered, waiting for their extra jobs once everyone had a first. */
  extras: Extra[];
}

async function openChunk(deps: CampaignDeps, campaignId: string): Promise<Chunk> {
  const [ref, newest, snapshot] = await Promise.all([
    deps.reference(),
    deps.repo.newestPublished(),
    deps.jobSnapshot?.(campaignId) ?? null,
  ]);
  // Candidate queries repeat between pages (neighbours of the same county, city and age share
  // them), so the chunk keeps their results: its vacancies are confirmed against the database anyway.
  const search = {
    perRequest: deps.tuning?.perRequest ?? 40,
    concurrency: deps.tuning?.concurrency ?? 4,
    cache: new Map<string, JobFacts[]>(),
    snapshot,
  };
  return { deps, campaignId, ref, newest, at: deps.matching.now(), search, extras: [] };
}

async function rankPage(chunk: Chunk, rows: PersonRow[], keep: number): Promise<RankedPage> {
  const { matching, repo } = chunk.deps;
  const { newest, at } = chunk;
  const pushes = await repo.pushesOf(rows.map((r) => r.id));
  const pushedTo = new Map<string, Set<string>>();
  const lastPush = new Map<string, Date>();
  for (const p of pushes) {
    pushedTo.set(p.labourerId, (pushedTo.get(p.labourerId) ?? new Set()).add(p.vacancyId));
    if (!(lastPush.get(p.labourerId)! >= p.pushedAt)) lastPush.set(p.labourerId, p.pushedAt);
  }
  const toRank = rows.filter((r) => !lastPush.has(r.id) || (newest !== null && newest > lastPush.get(r.id)!));
  if (!toRank.length) return { rows, entries: [], explanations: new Map() };
  const ranked = await matching.rankJobsForPeople(toRank, keep, { at, ...chunk.search });
  const none: Array<PersonProfile> = [];
  const entries = await mapInSlices(ranked, ({ person, matches: valid }, i) => {
    const row = toRank[i]!;
    const covered = lastPush.has(row.id);
    if (!covered && valid.length === 0) none.push(person);
    const { candidates, filtered } = suitableMatches(
      person,
      valid,
      pushedTo.get(row.id) ?? new Set(),
      lastPush.get(row.id) ?? null,
    );
    return { row, person, covered, candidates, filtered };
  });
  return { rows, entries, explanations: await matching.explainNoMatch(none, at) };
}

/** Stores a notice per push and the pushes with their notice, inside the write step. */
async function pushAndNotify(
  chunk: Chunk,
  tx: WriteTx,
  pushes: Array<{ labourerId: string; vacancyId: string; score: number }>,
  jobById: Map<string, JobRow>,
) {
  const { campaignId, ref } = chunk;
  const users = pushes.length ? await writeQueries.usersOf(tx, [...new Set(pushes.map((p) => p.labourerId))]) : [];
  const userOf = new Map(users.map((u) => [u.labourerId, u.id]));
  const drafts = pushes.map((p) => {
    const job = jobById.get(p.vacancyId)!;
    return pushNotice(
      { ...p, userId: userOf.get(p.labourerId) ?? null, campaignId },
      {
        id: job.id,
        title: job.title,
        wageMin: job.wageMin,
        wageMax: job.wageMax,
        payBasis: job.payBasis,
        regionName: ref.regionName(job.regionCode),
        employerName: job.employer.name,
      },
    );
  });
  const stored: StoredNotification[] = [];
  for (let i = 0; i < drafts.length; i += NOTICES_PER_CALL) {
    stored.push(...(await chunk.deps.notifier.store(tx, drafts.slice(i, i + NOTICES_PER_CALL))));
  }
  const noticeOf = new Map(stored.map((n) => [`${n.labourerId}:${n.link}`, n.id]));
  await writeQueries.insertPushes(
    tx,
    pushes.map((p) => ({
      ...p,
      campaignId,
      notificationId: noticeOf.get(`${p.labourerId}:/jobs/${p.vacancyId}`) ?? null,
    })),
  );
  return stored;
}

/** The people of a page left without a push, each with the reason why. */
function gapsOf(chunk: Chunk, ranked: RankedPage, reached: Set<string>, full: Set<string>) {
  return ranked.entries
    .filter((e) => !e.covered && !reached.has(e.row.id))
    .map((e) => {
      const explained = ranked.explanations.get(e.row.id);
      const reason = full.has(e.row.id) ? 'vacancies_full' : (e.filtered ?? explained?.reason ?? 'occupation');
      return {
        labourerId: e.row.id,
        campaignId: chunk.campaignId,
        regionCode: e.row.regionCode,
        reason,
        detail: (explained?.detail ?? { candidates: e.candidates.length }) as GapDetail,
      };
    });
}

/** Writes a ranked page slice by slice (tuning.writeSlice people each); returns the people every match of whom was full. */
async function writePage(chunk: Chunk, ranked: RankedPage, counted: boolean) {
  const slice = chunk.deps.tuning?.writeSlice ?? ranked.rows.length;
  if (ranked.rows.length <= slice) return writeSlice(chunk, ranked, counted);
  const full: string[] = [];
  for (let i = 0; i < ranked.rows.length; i += slice) {
    const rows = ranked.rows.slice(i, i + slice);
    const ids = new Set(rows.map((r) => r.id));
    const entries = ranked.entries.filter((e) => ids.has(e.row.id));
    full.push(...(await writeSlice(chunk, { rows, entries, explanations: ranked.explanations }, counted)));
  }
  return full;
}

/**
 * Writes ranked people in one step: a first job for everyone it can, their notices, the gaps, the
 * campaign's progress; returns the people every match of whom was full.
 */
async function writeSlice(chunk: Chunk, ranked: RankedPage, counted: boolean) {
  const { deps, campaignId } = chunk;
  const { rows, entries } = ranked;
  const vacancyIds = [...new Set(entries.flatMap((e) => e.candidates.map((c) => c.vacancyId)))];
  const { stored, full } = await deps.repo.writeStep(async (tx) => {
    const [counts, jobs] = await Promise.all([
      writeQueries.pushCounts(tx, vacancyIds),
      vacancyIds.length ? writeQueries.headcounts(tx, vacancyIds) : [],
    ]);
    const jobById = new Map(jobs.map((j) => [j.id, j]));
    const { pushes, full } = assignPushes(
      entries.map((e) => ({ labourerId: e.row.id, covered: e.covered, candidates: e.candidates })),
      {
        jobsPerPerson: deps.push.jobsPerPerson,
        counts,
        capOf: (id) => deps.push.capMultiple * (jobById.get(id)?.headcount ?? 0),
        topUp: false,
      },
    );
    const stored = await pushAndNotify(chunk, tx, pushes, jobById);
    const firstJob = new Map(pushes.map((p) => [p.labourerId, p.vacancyId]));
    const reached = new Set(firstJob.keys());
    for (const e of entries) {
      if (e.covered || !reached.has(e.row.id)) continue;
      const given = firstJob.get(e.row.id);
      chunk.extras.push({
        labourerId: e.row.id,
        have: 1,
        candidates: e.candidates.filter((c) => c.vacancyId !== given),
      });
    }
    const gaps = gapsOf(chunk, ranked, reached, full);
    await writeQueries.replaceGaps(
      tx,
      rows.map((r) => r.id),
      gaps,
    );
    await writeQueries.progress(tx, campaignId, {
      considered: counted ? rows.length : 0,
      pushed: pushes.length,
      withoutMatch: gaps.length - (counted ? 0 : rows.length),
    });
    return { stored, full };
  });
  await deliver(deps, stored);
  return full;
}

async function deliver(deps: CampaignDeps, stored: StoredNotification[]) {
  for (let i = 0; i < stored.length; i += NOTICES_PER_CALL) {
    try {
      await deps.notifier.deliver(stored.slice(i, i + NOTICES_PER_CALL));
    } catch (error) {
      deps.onDeliveryError?.(error as Error);
    }
  }
}

/** Extras for the people this chunk covered, given once everyone had a first job. */
async function topUp(chunk: Chunk, people: Extra[]) {
  const { deps, campaignId } = chunk;
  const vacancyIds = [...new Set(people.flatMap((p) => p.candidates.map((c) => c.vacancyId)))];
  if (!vacancyIds.length) return;
  const stored = await deps.repo.writeStep(async (tx) => {
    const [counts, jobs] = await Promise.all([
      writeQueries.pushCounts(tx, vacancyIds),
      writeQueries.headcounts(tx, vacancyIds),
    ]);
    const jobById = new Map(jobs.map((j) => [j.id, j]));
    const pushes = topUpPushes(people, {
      jobsPerPerson: deps.push.jobsPerPerson,
      counts,
      capOf: (id) => deps.push.capMultiple * (jobById.get(id)?.headcount ?? 0),
    });
    const stored = await pushAndNotify(chunk, tx, pushes, jobById);
    await writeQueries.progress(tx, campaignId, { considered: 0, pushed: pushes.length, withoutMatch: 0 });
    return stored;
  });
  await deliver(deps, stored);
}

/**
 * Every page of people under the prefix, each ranked while the previous one is written; returns
 * the people every match of whom was full.
 */
async function rankAndWritePages(chunk: Chunk, prefix: string, pageSize: number, limit: number) {
  const { matching } = chunk.deps;
  const full: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let next: Promise<PersonRow[]> = matching.willingPeople(null, pageSize, prefix);
  try {
    for (;;) {
      const rows = await next;
      if (!rows.length) break;
      const last = rows.at(-1)!;
      next =
        rows.length < pageSize
          ? Promise.resolve([])
          : matching.willingPeople({ regionCode: last.regionCode, id: last.id }, pageSize, prefix);
      const ranked = await rankPage(chunk, rows, limit);
      await writing;
      writing = writePage(chunk, ranked, true).then((left) => void full.push(...left));
    }
    await writing;
  } finally {
    // A ranking that failed must not leave the page being written unwatched.
    await writing.catch(() => undefined);
  }
  return full;
}

/**
 * One chunk of a campaign (a county, or the campaign's region when it is smaller): every person
 * under the prefix who wants work, page by page. A page is ranked with the matching engine's batch
 * path (candidates for the whole page in shared Meilisearch requests, confirmed against the
 * database's hard rules) while the previous page is written.
 *
 * Who is ranked: everyone with no push yet, and people already covered only when a vacancy was
 * published after their last push (otherwise nothing new could be offered, and re-running a
 * campaign on unchanged data costs little and changes nothing).
 */
export async function runChunk(deps: CampaignDeps, campaignId: string, prefix: string): Promise<void> {
  const pageSize = deps.tuning?.pageSize ?? 500;
  const limit = deps.tuning?.limit ?? Math.max(10, deps.push.jobsPerPerson * 3);
  const rescueLimit = deps.tuning?.rescueLimit ?? 40;
  const chunk = await openChunk(deps, campaignId);
  const full = await rankAndWritePages(chunk, prefix, pageSize, limit);
  // People whose every match was full get a deeper look: a job further down may still have room.
  for (let i = 0; i < full.length; i += pageSize) {
    const rows = (await deps.matching.people(full.slice(i, i + pageSize))).filter((r) => r.wantsJob && !r.erasedAt);
    if (rows.length) await writePage(chunk, await rankPage(chunk, rows, rescueLimit), false);
  }
  if (deps.push.jobsPerPerson > 1) {
    const { extras } = chunk;
    const slice = Math.min(pageSize, deps.tuning?.writeSlice ?? pageSize);
    for (let i = 0; i < extras.length; i += slice) await topUp(chunk, extras.slice(i, i + slice));
  }
}
