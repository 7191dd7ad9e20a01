import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { INITIAL_DRAIN_BATCH, OutboxDrain } from '../search-index/outbox.ts';
import { rebuildStaleIndexes } from '../search-index/document-version.ts';
import { startDrainThread } from '../search-index/drain-thread.ts';
import { buildApp, createLogger } from './app.ts';
import { schedulerPrefix, startScheduler, type ScheduledJob } from './platform/scheduler.ts';
import { type Infrastructure, openInfrastructure } from './infrastructure.ts';
import type { AppConfig } from './platform/config/config.ts';
import { databaseLink, type Db, hasDatabaseLink } from './platform/database/prisma.ts';

export interface RunningApp {
  app: FastifyInstance;
  db: Db;
  meili: Meilisearch;
  drain: OutboxDrain;
  url: string;
  log: Logger;
  stop(): Promise<void>;
}

/** Resolves once the server answers a request over HTTP, as a client would reach it. */
async function answering(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the server at ${url} does not answer`, { cause: error });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The outbox drain that runs while the app serves: in a thread of its own where the database can
 * be reached from one (search-index/drain-thread.ts), else (`PGLITE_THREAD=main`) in this thread.
 */
function startBackgroundDrain(
  config: AppConfig,
  infra: Infrastructure,
  drain: OutboxDrain,
  logger: Logger,
): { stop(): Promise<void> } {
  if (!hasDatabaseLink(infra.db)) {
    drain.start();
    return drain;
  }
  return startDrainThread({
    link: () => databaseLink(infra.db)!,
    meiliUrl: infra.meiliUrl,
    meiliKey: config.meili.masterKey,
    indexPrefix: config.meili.indexPrefix,
    options: { batchSize: config.meili.drainBatch },
    log: logger.child({ component: 'outbox' }),
  });
}

export interface StartOptions {
  /** Periodic jobs besides the modules' (a test adds a fast one to watch its ticks). */
  jobs?: ScheduledJob[];
}

/**
 * Brings the whole application up: database (migrated, seeded when empty), Meilisearch, the
 * outbox drain and the HTTP server. It resolves once the server answers; the periodic jobs (the
 * first push campaign among them) start only then, so a first start is usable before they finish.
 */
export async function startServer(
  config: AppConfig,
  logger: Logger = createLogger(config),
  options: StartOptions = {},
): Promise<RunningApp> {
  const log = (message: string) => logger.info(message);
  const infra = await openInfrastructure(config, log);
  const { db, meili } = infra;
  const drain = new OutboxDrain(db, meili, config.meili.indexPrefix, {
    log: logger.child({ component: 'outbox' }),
    batchSize: config.meili.drainBatch,
  });
  let app: FastifyInstance | undefined;
  let background: { stop(): Promise<void> } = drain;
  let stopScheduler = async () => {};
  const stop = async () => {
    // No new tick from here on; runs under way end when the app closes their queue.
    const schedulerStopped = stopScheduler();
    await app?.close();
    await schedulerStopped;
    await background.stop();
    await drain.stop();
    await infra.close();
  };
  try {
    // Meilisearch indexes in its own process: on a first start it takes what the seed has written
    // while the seed goes on (from the moment the outbox table exists), and the rest in one big batch after.
    await prepareDatabase({
      factory: infra.factory,
      db,
      seedDemo: config.seedDemo,
      piiKey: config.piiKey,
      log,
      afterMigrations: () => drain.start(),
    });
    await drain.stop();
    const first = await drain.drainAll({ batchSize: INITIAL_DRAIN_BATCH });
    if (first.indexed) log(`search: indexed ${first.indexed} documents`);
    await rebuildStaleIndexes(db, meili, config.meili.indexPrefix, log);
    background = startBackgroundDrain(config, infra, drain, logger);
    app = await buildApp({ config, db, meili, logger });
    const url = await app.listen({ port: config.port, host: config.host });
    await answering(url);
    // With Redis each tick runs in one replica only; without, in this process.
    const scheduler = await startScheduler([...app.modules.jobs, ...(options.jobs ?? [])], {
      redisUrl: config.redisUrl,
      prefix: schedulerPrefix(config),
      log: logger.child({ component: 'scheduler' }),
    });
    stopScheduler = () => scheduler.stop();
    return { app, db, meili, drain, url, log: logger, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
