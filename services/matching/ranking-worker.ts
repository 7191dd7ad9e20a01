/**
 * A ranking worker's thread: ranks batches of people for the pool (ranking-pool.ts) in the app's
 * stead, with the same rule (page-ranking.ts). It keeps what the pool sends once — the taxonomy,
 * the open-jobs snapshot (with the answers of its candidate queries), the employers' records and
 * the vacancies' crowding — until the pool drops it. Not imported by the app: started as a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from '../platform/thread-priority.ts';
import { type Held, JobSnapshot } from './job-snapshot.search.ts';
import { rankCandidates, snapshotCandidates } from './page-ranking.ts';
import type { FromWorker, RankedRef, ToWorker } from './ranking-pool.ts';
import { type PlaceNames, Taxonomy, type TaxonomyData } from './taxonomy.ts';
import type { Crowding, EmployerRecord, JobFacts } from './types.ts';

const port = parentPort!;
const { nice } = (workerData ?? {}) as { nice?: number };
if (nice) lowerThreadPriority(nice);

/** Ranking never names or places regions (the app's thread did that for people and jobs). */
const NO_PLACES: PlaceNames = {
  regionName: () => {
    throw new Error('a ranking worker has no region names');
  },
  regionPoint: () => {
    throw new Error('a ranking worker has no region coordinates');
  },
};

type Value =
  | { kind: 'taxonomy'; taxonomy: Taxonomy }
  | { kind: 'records'; map: ReadonlyMap<string, EmployerRecord> }
  | { kind: 'crowding'; map: ReadonlyMap<string, Crowding> }
  | { kind: 'snapshot'; snapshot: JobSnapshot; found: Map<string, JobFacts[]> };

const held = new Map<number, Value>();
const arriving = new Map<number, Held[]>();

function get<K extends Value['kind']>(id: number | undefined, kind: K): Extract<Value, { kind: K }> {
  const value = id === undefined ? undefined : held.get(id);
  if (value?.kind !== kind) throw new Error(`the ranking worker does not hold ${kind} ${id}`);
  return value as Extract<Value, { kind: K }>;
}

function rank(message: Extract<ToWorker, { kind: 'rank' }>): RankedRef[][] {
  const tax = get(message.refs.taxonomy, 'taxonomy').taxonomy;
  const context = {
    tax,
    at: message.at,
    records: get(message.refs.records, 'records').map,
    crowding: get(message.refs.crowding, 'crowding').map,
  };
  const snapshot = message.candidates ? undefined : get(message.refs.snapshot, 'snapshot');
  return message.people.map((entry, i) => {
    const found = snapshot
      ? snapshotCandidates(entry.person, context, snapshot.snapshot, snapshot.found)
      : message.candidates![i]!;
    return rankCandidates(entry, found, message.limit, context).map(({ item, ...rest }) => ({ id: item.id, rest }));
  });
}

function handle(message: ToWorker): void {
  switch (message.kind) {
    case 'hold':
      if (message.held === 'taxonomy') {
        held.set(message.id, { kind: 'taxonomy', taxonomy: new Taxonomy(message.value as TaxonomyData, NO_PLACES) });
      } else {
        held.set(message.id, { kind: message.held, map: message.value as ReadonlyMap<string, never> });
      }
      return;
    case 'snapshot-part':
      if (!arriving.has(message.id)) arriving.set(message.id, []);
      arriving.get(message.id)!.push(...message.jobs);
      return;
    case 'snapshot-end': {
      const snapshot = JobSnapshot.of(arriving.get(message.id) ?? [], message.loadedAt);
      arriving.delete(message.id);
      held.set(message.id, { kind: 'snapshot', snapshot, found: new Map() });
      return;
    }
    case 'drop':
      held.delete(message.id);
      arriving.delete(message.id);
      return;
    case 'rank': {
      let reply: FromWorker;
      try {
        reply = { request: message.request, ok: true, ranked: rank(message) };
      } catch (error) {
        const { message: text, stack } = error instanceof Error ? error : new Error(String(error));
        reply = { request: message.request, ok: false, error: { message: text, stack } };
      }
      port.postMessage(reply);
    }
  }
}

port.on('message', handle);
