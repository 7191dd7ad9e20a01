import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { createMeiliClient } from '../search-index/client.ts';
import { applyIndexSettings } from '../search-index/indexes.ts';
import { launchMeilisearch, type MeiliProcess, waitForHealth } from '../search-index/launcher.ts';
import { OutboxDrain } from '../search-index/outbox.ts';
import { buildApp } from './app.ts';
import type { AppConfig } from './platform/config/config.ts';
import { openAdapter } from './platform/database/connect.ts';
import { createPrismaClient, type Db } from './platform/database/prisma.ts';

export interface RunningApp {
  app: FastifyInstance;
  db: Db;
  meili: Meilisearch;
  drain: OutboxDrain;
  url: string;
  stop(): Promise<void>;
}

type Log = (message: string) => void;

/**
 * Brings the whole application up: database (migrated, seeded when empty), Meilisearch (started
 * here when MEILI_URL is unset), index settings, the outbox drain and the HTTP server.
 */
export async function startServer(config: AppConfig, log: Log = (m) => console.log(m)): Promise<RunningApp> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`shutdown step failed: ${(error as Error).message}`);
      }
    }
  };
  try {
    const adapter = await openAdapter({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    cleanups.push(() => adapter.close());
    log(`database: ${adapter.kind === 'pglite' ? `PGlite in ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL'}`);
    const db = createPrismaClient(adapter.factory);
    cleanups.push(() => db.$disconnect());

    let meiliUrl = config.meili.url;
    if (!meiliUrl) {
      const meiliProcess: MeiliProcess = await launchMeilisearch({
        binary: config.meili.binary,
        dataDir: path.join(config.dataDir, 'meilisearch'),
        masterKey: config.meili.masterKey,
        log: (line) => log(`meilisearch: ${line}`),
      });
      cleanups.push(() => meiliProcess.stop());
      meiliUrl = meiliProcess.url;
      log(`search: Meilisearch started at ${meiliUrl}`);
    } else {
      await waitForHealth(meiliUrl, 30_000);
    }
    const meili = createMeiliClient(meiliUrl, config.meili.masterKey);
    await applyIndexSettings(meili, config.meili.indexPrefix);

    const drain = new OutboxDrain(db, meili, config.meili.indexPrefix);
    await prepareDatabase({ factory: adapter.factory, db, seedDemo: config.seedDemo, piiKey: config.piiKey, log });
    await drain.drainAll();
    drain.start();
    cleanups.push(() => drain.stop());

    const app = await buildApp({ config, db, meili });
    cleanups.push(() => app.close());
    const url = await app.listen({ port: config.port, host: config.host });
    return { app, db, meili, drain, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
