import type { Meilisearch } from 'meilisearch';
import type { Db } from '../services/platform/database/prisma.ts';
import type { Prisma } from '../services/platform/database/generated/client.ts';
import { succeeded } from './client.ts';
import { DOCUMENT_LOADERS } from './documents.ts';
import { INDEX_NAMES, type IndexName, indexUid } from './indexes.ts';
import { ReferenceNames } from '../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../services/platform/reference/reference.repository.ts';

type Tx = Pick<Prisma.TransactionClient, 'searchOutbox'>;

/** Rows a start-up drain takes at once: the demo province (about 2,600 documents) in one go. */
export const INITIAL_DRAIN_BATCH = 10_000;

/**
 * Records that documents changed. Call it with the transaction client of the change itself, so the
 * index can never miss a committed write. The row says only "look again at this id": the drain
 * reads the current state, so replaying a row twice is harmless.
 */
export async function enqueueIndexing(tx: Tx, indexName: IndexName, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.searchOutbox.createMany({ data: ids.map((documentId) => ({ indexName, documentId })) });
}

export interface DrainOptions {
  batchSize?: number;
  /** Delay before the first retry; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  idleIntervalMs?: number;
  log?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
}

export interface DrainResult {
  indexed: number;
  removed: number;
  failed: number;
}

/** Sends outbox rows to Meilisearch in batches; failed batches wait with exponential backoff. */
export class OutboxDrain {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  private reference: ReferenceNames | undefined;
  private readonly batchSize: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly idleIntervalMs: number;
  /** The outage under way (Meilisearch or the database failing): logged when it starts and ends, not per batch. */
  private outage: { since: number; failedBatches: number } | null = null;

  constructor(
    private readonly db: Db,
    private readonly meili: Meilisearch,
    private readonly indexPrefix: string,
    private readonly options: DrainOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.baseBackoffMs = options.baseBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.idleIntervalMs = options.idleIntervalMs ?? 250;
  }

  private async ref(): Promise<ReferenceNames> {
    this.reference ??= await ReferenceNames.load(createReferenceRepository(this.db));
    return this.reference;
  }

  /**
   * Processes one batch of due rows of each index, oldest first. Each index gets its turn, so a
   * changed job reaches the public search within one batch of an import's 100,000 people, not
   * after all of them. `more`: some index had a full batch (there may be more due).
   */
  async drainOnce(
    now = new Date(),
    batchSize = this.batchSize,
  ): Promise<DrainResult & { rows: number; more: boolean }> {
    const byIndex = new Map<IndexName, Awaited<ReturnType<Db['searchOutbox']['findMany']>>>();
    let more = false;
    for (const name of INDEX_NAMES) {
      const group = await this.db.searchOutbox.findMany({
        where: { indexName: name, nextAttemptAt: { lte: now } },
        orderBy: { id: 'asc' },
        take: batchSize,
      });
      if (group.length) byIndex.set(name, group);
      if (group.length === batchSize) more = true;
    }
    const rows = [...byIndex.values()].reduce((sum, group) => sum + group.length, 0);
    const result = { indexed: 0, removed: 0, failed: 0, rows, more };
    if (rows === 0) return result;
    for (const [name, group] of byIndex) {
      const ids = [...new Set(group.map((r) => r.documentId))];
      try {
        const loader = DOCUMENT_LOADERS[name];
        if (!loader) throw new Error(`Unknown index ${name}`);
        const batch = await loader(this.db, await this.ref(), ids);
        const index = this.meili.index(indexUid(this.indexPrefix, name));
        if (batch.documents.length) await succeeded(index.addDocuments(batch.documents, { primaryKey: 'id' }));
        if (batch.absent.length) await succeeded(index.deleteDocuments(batch.absent));
        await this.db.searchOutbox.deleteMany({ where: { id: { in: group.map((r) => r.id) } } });
        result.indexed += batch.documents.length;
        result.removed += batch.absent.length;
      } catch (error) {
        result.failed += group.length;
        const attempts = Math.max(...group.map((r) => r.attempts)) + 1;
        const delay = Math.min(this.baseBackoffMs * 2 ** (attempts - 1), this.maxBackoffMs);
        await this.db.searchOutbox.updateMany({
          where: { id: { in: group.map((r) => r.id) } },
          data: {
            attempts,
            nextAttemptAt: new Date(now.getTime() + delay),
            lastError: String((error as Error).message ?? error).slice(0, 500),
          },
        });
        this.failed({ index: name, rows: group.length, attempts, retryInMs: delay }, error);
        continue;
      }
      this.recovered();
    }
    return result;
  }

  private failed(detail: object, error: unknown): void {
    if (this.outage) {
      this.outage.failedBatches++;
      return;
    }
    this.outage = { since: Date.now(), failedBatches: 1 };
    this.options.log?.warn(
      { ...detail, error: String((error as Error)?.message ?? error) },
      'search index updates failing; rows wait in the outbox and are retried with back-off (logged again when they resume)',
    );
  }

  private recovered(): void {
    if (!this.outage) return;
    const { since, failedBatches } = this.outage;
    this.outage = null;
    (this.options.log?.info ?? this.options.log?.warn)?.call(
      this.options.log,
      { outageMs: Date.now() - since, failedBatches },
      'search index updates resumed',
    );
  }

  /**
   * Drains until no row is due (used at start, by seeding, reindexing and tests). A bigger batch
   * than the background drain's suits a backlog: Meilisearch indexes one big task much faster than
   * many small ones.
   */
  async drainAll(options: { batchSize?: number } = {}): Promise<DrainResult> {
    const total = { indexed: 0, removed: 0, failed: 0 };
    for (;;) {
      const step = await this.drainOnce(new Date(), options.batchSize);
      total.indexed += step.indexed;
      total.removed += step.removed;
      total.failed += step.failed;
      if (!step.more || step.failed > 0) return total;
    }
  }

  async pending(): Promise<number> {
    return this.db.searchOutbox.count();
  }

  /** Runs in the background: drains when rows are due, otherwise polls every idleIntervalMs. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let busy = false;
      try {
        const step = await this.drainOnce();
        busy = step.more && step.failed === 0;
      } catch (error) {
        this.failed({}, error);
      }
      if (!this.stopped) this.timer = setTimeout(() => void (this.running = tick()), busy ? 0 : this.idleIntervalMs);
    };
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
