import { readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { type Held, JobSnapshot } from './job-snapshot.search.ts';
import { type PersonToRank, rankCandidates, type RankingContext, snapshotCandidates } from './page-ranking.ts';
import { createRankingPool, type RankingPool } from './ranking-pool.ts';
import { threadNice } from '../platform/thread-priority.ts';
import { NOW, sampleJob, samplePerson, taxonomy } from './testing/sample.ts';
import type { JobFacts } from './types.ts';

/**
 * The ranking pool ranks in worker threads what the app's thread would rank itself: the same
 * people against the same jobs must come back in the same order with the same scores and reasons,
 * byte for byte. A fixture of 60 jobs in four places and 40 people of varied kinds.
 */
const PLACES = ['350821100', '350821101', '350824', '350206'];
const OCCUPATIONS = [
  ['C03-001', 'C03', ['S-ELEC-ASSEMBLY', 'S-ESD']],
  ['C03-003', 'C03', ['S-PCB-SOLDERING']],
  ['C15-002', 'C15', ['S-ARC-WELDING']],
  ['C11-003', 'C11', ['S-FORKLIFT']],
  ['C02-001', 'C02', ['S-LINE-OPERATION']],
] as const;

function jobAt(i: number): Held {
  const [occupationCode, categoryCode, skills] = OCCUPATIONS[i % OCCUPATIONS.length]!;
  const regionCode = PLACES[i % PLACES.length]!;
  const job: JobFacts = sampleJob({
    id: `v${String(i).padStart(3, '0')}`,
    employerId: `e${i % 7}`,
    occupationCode,
    categoryCode,
    skillCodes: [...skills],
    regionCode,
    point: { lat: 25 + (i % 5) * 0.2, lng: 116 + (i % 3) * 0.4 },
    wageMin: 3000 + (i % 6) * 250,
    wageMax: 4000 + (i % 9) * 300,
    headcount: 1 + (i % 4),
    ageMax: i % 10 === 0 ? 40 : 55,
    accommodation: i % 3 === 0,
    requiredCertificates: occupationCode === 'C11-003' ? ['CERT-FORKLIFT'] : [],
    trainsForCertificate: i % 8 === 3,
    publishedAt: Math.floor(NOW.getTime() / 1000) - (i % 20) * 86_400,
  });
  const prefixes = new Set([2, 4, 6, 9].filter((n) => n <= regionCode.length).map((n) => regionCode.slice(0, n)));
  return { ...job, prefixes, rank: 0 };
}

/** Best paid first, as Meilisearch hands them to a snapshot. */
const held: Held[] = Array.from({ length: 60 }, (_, i) => jobAt(i))
  .sort((a, b) => b.wageMax - a.wageMax || (b.publishedAt ?? 0) - (a.publishedAt ?? 0))
  .map((job, rank) => ({ ...job, rank }));
const snapshot = JobSnapshot.of(held, NOW);

const people: PersonToRank[] = Array.from({ length: 40 }, (_, i) => ({
  person: samplePerson({
    id: `p${i}`,
    regionCode: `${PLACES[i % 3]!}${i % 3 === 2 ? '' : '201'}`,
    age: 20 + ((i * 7) % 40),
    mobility: (['county', 'city', 'province', 'anywhere'] as const)[i % 4]!,
    desiredOccupations: i % 5 === 0 ? [] : [OCCUPATIONS[i % OCCUPATIONS.length]![0]],
    skills: i % 3 ? [{ code: 'S-PCB-SOLDERING', level: i % 2 ? 'skilled' : 'beginner' }] : [],
    certificates: i % 6 === 0 ? ['CERT-FORKLIFT'] : [],
    expectedWage: i % 4 ? 4000 + i * 50 : null,
    needsAccommodation: i % 5 === 1,
    hardToEmploy: i % 9 === 0,
  }),
  feedback: {
    notInterested: new Set(i % 4 === 0 ? ['v003', 'v010'] : []),
    notInterestedOccupations: new Set(i % 4 === 0 ? ['C15-002'] : []),
    applied: new Set(i % 5 === 2 ? ['v001'] : []),
  },
}));

const context: RankingContext = {
  tax: taxonomy,
  at: NOW,
  records: new Map([['e1', { hires: 4, decided: 3, retained: 2 }]]),
  crowding: new Map([['v002', { open: 3, taken: 1 }]]),
};

/** The same ranking in this thread. */
function inThread(limit: number) {
  const found = new Map<string, JobFacts[]>();
  return people.map((entry) =>
    rankCandidates(entry, snapshotCandidates(entry.person, context, snapshot, found), limit, context),
  );
}

describe('ranking pool', () => {
  let pool: RankingPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('ranks from a snapshot exactly as this thread does, byte for byte', async () => {
    pool = createRankingPool(2);
    const expected = inThread(10);
    expect(expected.flat().length).toBeGreaterThan(200);
    expect(JSON.stringify(await pool.rank(people, 10, context, { snapshot }))).toBe(JSON.stringify(expected));
    // Again with what the workers hold already; the jobs are the snapshot's own objects.
    const again = await pool.rank(people, 10, context, { snapshot });
    expect(JSON.stringify(again)).toBe(JSON.stringify(expected));
    expect(again[1]![0]!.item).toBe(snapshot.get(again[1]![0]!.item.id));
    expect(pool.workers.length).toBe(1);
  });

  it.runIf(process.platform === 'linux')(
    'lowers its worker threads to the nice value given, and leaves the app thread as it was',
    async () => {
      const niceOfThreads = () => readdirSync('/proc/self/task').map((tid) => getPriority(Number(tid)));
      const before = niceOfThreads().filter((n) => n === 13).length;
      const appThread = threadNice();
      pool = createRankingPool(1, 13);
      await pool.rank(people.slice(0, 2), 10, context, { snapshot });
      expect(niceOfThreads().filter((n) => n === 13).length).toBe(before + 1);
      expect(threadNice()).toBe(appThread);
    },
  );

  it('ranks candidates found elsewhere (no snapshot) exactly as this thread does', async () => {
    pool = createRankingPool(1);
    const found = new Map<string, JobFacts[]>();
    const candidates = people.map((entry) => snapshotCandidates(entry.person, context, snapshot, found));
    const expected = people.map((entry, i) => rankCandidates(entry, candidates[i]!, 5, context));
    expect(JSON.stringify(await pool.rank(people, 5, context, { candidates }))).toBe(JSON.stringify(expected));
  });

  it('takes up new market signals and a new snapshot', async () => {
    pool = createRankingPool(1);
    await pool.rank(people, 10, context, { snapshot });
    const busier: RankingContext = { ...context, crowding: new Map([['v002', { open: 0, taken: 9 }]]) };
    const fewer = JobSnapshot.of(held.slice(0, 30), NOW);
    const found = new Map<string, JobFacts[]>();
    const expected = people.map((entry) =>
      rankCandidates(entry, snapshotCandidates(entry.person, busier, fewer, found), 10, busier),
    );
    expect(JSON.stringify(await pool.rank(people, 10, busier, { snapshot: fewer }))).toBe(JSON.stringify(expected));
  });

  it('fails the rankings in flight when a worker stops, and starts a new one for the next', async () => {
    pool = createRankingPool(1);
    await pool.rank(people.slice(0, 2), 10, context, { snapshot });
    const [worker] = pool.workers;
    const inFlight = pool.rank(people, 10, context, { snapshot });
    await worker!.terminate();
    await expect(inFlight).rejects.toThrow(/ranking worker stopped/);
    expect(pool.workers).toHaveLength(0);
    const after = await pool.rank(people, 10, context, { snapshot });
    expect(JSON.stringify(after)).toBe(JSON.stringify(inThread(10)));
    expect(pool.workers).toHaveLength(1);
    expect(pool.workers[0]).not.toBe(worker);
  });

  it('answers an error of the worker as an error, and keeps working', async () => {
    pool = createRankingPool(1);
    const broken = [{ ...people[0]!, feedback: { ...people[0]!.feedback, applied: undefined as never } }];
    await expect(pool.rank(broken, 10, context, { snapshot })).rejects.toThrow(/ranking worker: .*'has'/);
    expect(JSON.stringify(await pool.rank(people, 10, context, { snapshot }))).toBe(JSON.stringify(inThread(10)));
  });

  it('stops its workers on close and refuses work after', async () => {
    pool = createRankingPool(2);
    await pool.rank(people, 10, context, { snapshot });
    const workers = [...pool.workers];
    expect(workers.length).toBeGreaterThan(0);
    await pool.close();
    expect(pool.workers).toHaveLength(0);
    for (const worker of workers) expect(worker.threadId).toBe(-1);
    await expect(pool.rank(people, 10, context, { snapshot })).rejects.toThrow(/closed/);
  });
});
