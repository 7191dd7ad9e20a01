import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { yieldToWeb } from '../platform/background.ts';
import { type ConfigSection, wholeSetting } from '../platform/config/config.ts';
import { BACKGROUND_NICE } from '../platform/thread-priority.ts';
import { startModuleWorker } from '../platform/worker-thread.ts';
import type { Held, JobSnapshot } from './job-snapshot.search.ts';
import type { PersonToRank, RankingContext } from './page-ranking.ts';
import type { Ranked } from './rerank.ts';
import type { JobFacts } from './types.ts';

/**
 * Batch ranking (a push campaign ranks every willing person) is CPU work that held the app's
 * event loop for hundreds of milliseconds at a time. The pool ranks in worker threads
 * (ranking-worker.ts) instead: the app's loop only sends the people and reads back their ranked
 * job ids. What every ranking shares — the taxonomy, the open-jobs snapshot, the employers'
 * records and the vacancies' crowding — goes to each worker once and is referred to by id.
 */

/**
 * RANKING_THREADS: worker threads for batch rankings, 1 by default; 0 ranks in the app's thread (debugging).
 * RANKING_NICE: the nice value the workers lower their own thread to (Linux; 0 leaves it), 10 by
 * default, so that a campaign's ranking gives way to the web's threads and Meilisearch's searches.
 */
export const rankingConfig: ConfigSection<{ threads: number; nice: number }> = {
  name: 'ranking',
  schema: z
    .object({ RANKING_THREADS: wholeSetting(0, 16, 1), RANKING_NICE: wholeSetting(0, 19, BACKGROUND_NICE) })
    .transform((env) => ({ threads: env.RANKING_THREADS, nice: env.RANKING_NICE })),
};

/** What a worker holds between requests, by kind. */
export type HeldKind = 'taxonomy' | 'records' | 'crowding' | 'snapshot';

/** A ranked job without the job itself (the app's thread has it already). */
export type RankedRef = { id: string; rest: Omit<Ranked<JobFacts>, 'item'> };

export type ToWorker =
  | { kind: 'hold'; held: Exclude<HeldKind, 'snapshot'>; id: number; value: unknown }
  | { kind: 'snapshot-part'; id: number; jobs: readonly Held[] }
  | { kind: 'snapshot-end'; id: number; loadedAt: Date }
  | { kind: 'drop'; id: number }
  | {
      kind: 'rank';
      request: number;
      refs: { taxonomy: number; records: number; crowding: number; snapshot?: number | undefined };
      /** Without a snapshot: each person's candidates, found by Meilisearch. */
      candidates?: JobFacts[][] | undefined;
      people: PersonToRank[];
      limit: number;
      at: Date;
    };

export type FromWorker =
  | { request: number; ok: true; ranked: RankedRef[][] }
  | { request: number; ok: false; error: { message: string; stack?: string | undefined } };

/** Where a batch's candidates come from: the open jobs in memory, or found per person. */
export type CandidateSource = { snapshot: JobSnapshot } | { candidates: JobFacts[][] };

export interface RankingPool {
  /** Ranks people as `rankCandidates` does (page-ranking.ts), in the workers. */
  rank(
    people: PersonToRank[],
    limit: number,
    context: RankingContext,
    source: CandidateSource,
  ): Promise<Ranked<JobFacts>[][]>;
  /** The workers running now (fault tests stop one). */
  readonly workers: readonly Worker[];
  /** Stops the workers; rankings in flight fail. */
  close(): Promise<void>;
}

/** People per request to a worker: each reply is read by the app's loop in one go, so it stays small. */
const PART = 50;
/** Jobs per message when a snapshot is sent (each message is copied by the app's loop in one go). */
const SNAPSHOT_PART = 1000;
/** Values of each kind a worker keeps (two campaigns at once keep their own snapshots). */
const KEEP = 2;

const ids = new WeakMap<object, number>();
let lastId = 0;
const idOf = (value: object) => {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = ++lastId));
  return id;
};

interface Waiting {
  resolve(ranked: RankedRef[][]): void;
  reject(error: Error): void;
}

/** One worker with what it holds (sent or being sent) and the requests it owes. */
class Slot {
  readonly pending = new Map<number, Waiting>();
  /** Parts given to this worker and not answered yet (also those still sending what it must hold). */
  busy = 0;
  readonly held = new Map<HeldKind, Map<number, Promise<void>>>();
  failure: Error | undefined;

  constructor(
    readonly worker: Worker,
    onGone: (slot: Slot) => void,
  ) {
    worker.on('message', (reply: FromWorker) => this.settle(reply));
    worker.on('error', (error) => {
      this.fail(new Error(`ranking worker failed: ${error.message}`, { cause: error }));
      onGone(this);
    });
    worker.on('exit', (code) => {
      this.fail(new Error(`ranking worker stopped (exit code ${code})`));
      onGone(this);
    });
    worker.unref();
  }

  private settle(reply: FromWorker) {
    const waiting = this.pending.get(reply.request);
    if (!waiting) return;
    this.pending.delete(reply.request);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.ranked);
    else {
      const error = new Error(`ranking worker: ${reply.error.message}`);
      error.stack = `${error.stack ?? ''}\n    --- in the ranking worker ---\n${reply.error.stack ?? ''}`;
      waiting.reject(error);
    }
  }

  fail(error: Error) {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.failure);
    this.pending.clear();
  }

  post(message: ToWorker) {
    if (this.failure) throw this.failure;
    this.worker.postMessage(message);
  }

  /** Makes sure the worker holds `value` (sending it once); drops the oldest of its kind beyond KEEP. */
  ensure(kind: HeldKind, value: object, send: (id: number) => Promise<void>): Promise<void> {
    const id = idOf(value);
    const held = this.held.get(kind) ?? new Map<number, Promise<void>>();
    this.held.set(kind, held);
    const known = held.get(id);
    if (known) return known;
    for (const old of [...held.keys()].slice(0, Math.max(0, held.size - KEEP + 1))) {
      held.delete(old);
      this.post({ kind: 'drop', id: old });
    }
    const sent = send(id);
    held.set(id, sent);
    sent.catch(() => held.delete(id));
    return sent;
  }

  holds(kind: HeldKind, value: object): boolean {
    return this.held.get(kind)?.has(idOf(value)) ?? false;
  }

  request(nextId: number, message: Extract<ToWorker, { kind: 'rank' }>): Promise<RankedRef[][]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(nextId, { resolve, reject });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage(message);
    });
  }
}

async function sendSnapshot(slot: Slot, id: number, snapshot: JobSnapshot): Promise<void> {
  const jobs = snapshot.jobs();
  for (let i = 0; i < jobs.length; i += SNAPSHOT_PART) {
    slot.post({ kind: 'snapshot-part', id, jobs: jobs.slice(i, i + SNAPSHOT_PART) });
    await yieldToWeb();
  }
  slot.post({ kind: 'snapshot-end', id, loadedAt: snapshot.loadedAt });
}

/** A ranked job again with its job, from the jobs the app's thread holds. */
function rehydrate(refs: RankedRef[], jobOf: (id: string) => JobFacts | undefined): Ranked<JobFacts>[] {
  return refs.map(({ id, rest }) => {
    const item = jobOf(id);
    if (!item) throw new Error(`ranking worker answered job ${id}, which it was not given`);
    return { item, ...rest };
  });
}

/**
 * A pool of `threads` ranking workers, started on first use and again after one stops; each lowers
 * its own thread to `nice` (thread-priority.ts).
 */
export function createRankingPool(threads: number, nice = 0): RankingPool {
  const slots: Slot[] = [];
  let nextRequest = 1;
  let closed = false;

  const start = () => {
    const worker = startModuleWorker(new URL('./ranking-worker.ts', import.meta.url), import.meta.url, {
      workerData: { nice },
    });
    const slot = new Slot(worker, (gone) => {
      const at = slots.indexOf(gone);
      if (at >= 0) slots.splice(at, 1);
    });
    slots.push(slot);
    return slot;
  };

  /** The worker with the fewest requests in flight; another one started while there is room. */
  const pick = () => {
    const idle = slots.find((slot) => slot.busy === 0);
    if (idle) return idle;
    if (slots.length < threads) return start();
    return slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  };

  async function rankPart(
    people: PersonToRank[],
    candidates: JobFacts[][] | undefined,
    limit: number,
    context: RankingContext,
    snapshot: JobSnapshot | undefined,
  ): Promise<RankedRef[][]> {
    const slot = pick();
    slot.busy++;
    try {
      return await rankOn(slot, people, candidates, limit, context, snapshot);
    } finally {
      slot.busy--;
    }
  }

  async function rankOn(
    slot: Slot,
    people: PersonToRank[],
    candidates: JobFacts[][] | undefined,
    limit: number,
    context: RankingContext,
    snapshot: JobSnapshot | undefined,
  ): Promise<RankedRef[][]> {
    const shared: Array<[HeldKind, object, unknown]> = [
      ['taxonomy', context.tax, context.tax.data],
      ['records', context.records, context.records],
      ['crowding', context.crowding, context.crowding],
    ];
    // Holding is asynchronous (a snapshot goes in parts): check again that nothing was dropped meanwhile.
    while (!shared.every(([kind, key]) => slot.holds(kind, key)) || (snapshot && !slot.holds('snapshot', snapshot))) {
      for (const [kind, key, value] of shared) {
        await slot.ensure(kind, key, async (id) => {
          slot.post({ kind: 'hold', held: kind as Exclude<HeldKind, 'snapshot'>, id, value });
        });
      }
      if (snapshot) await slot.ensure('snapshot', snapshot, (id) => sendSnapshot(slot, id, snapshot));
    }
    const refs = {
      taxonomy: idOf(context.tax),
      records: idOf(context.records),
      crowding: idOf(context.crowding),
      snapshot: snapshot ? idOf(snapshot) : undefined,
    };
    const request = nextRequest++;
    return slot.request(request, { kind: 'rank', request, refs, candidates, people, limit, at: context.at });
  }

  return {
    get workers() {
      return slots.map((slot) => slot.worker);
    },

    async rank(people, limit, context, source) {
      if (closed) throw new Error('the ranking pool is closed');
      const snapshot = 'snapshot' in source ? source.snapshot : undefined;
      const candidates = 'candidates' in source ? source.candidates : undefined;
      const parts: Array<Promise<Ranked<JobFacts>[][]>> = [];
      for (let i = 0; i < people.length; i += PART) {
        const found = candidates?.slice(i, i + PART);
        const jobOf = snapshot
          ? (_: number, id: string) => snapshot.get(id)
          : (person: number, id: string) => found![person]!.find((job) => job.id === id);
        parts.push(
          rankPart(people.slice(i, i + PART), found, limit, context, snapshot).then((ranked) =>
            ranked.map((refs, person) => rehydrate(refs, (id) => jobOf(person, id))),
          ),
        );
      }
      return (await Promise.all(parts)).flat();
    },

    async close() {
      closed = true;
      const stopping = slots.splice(0).map(async (slot) => {
        slot.fail(new Error('the ranking pool is closed'));
        await slot.worker.terminate();
      });
      await Promise.all(stopping);
    },
  };
}
