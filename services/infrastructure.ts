import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Meilisearch } from 'meilisearch';
import { createMeiliClient } from '../search-index/client.ts';
import { applyIndexSettings } from '../search-index/indexes.ts';
import { launchMeilisearch, waitForHealth } from '../search-index/launcher.ts';
import type { AppConfig } from './platform/config/config.ts';
import { openAdapter } from './platform/database/connect.ts';
import { createPrismaClient, type Db } from './platform/database/prisma.ts';

export interface Infrastructure {
  db: Db;
  factory: SqlMigrationAwareDriverAdapterFactory;
  meili: Meilisearch;
  /** Meilisearch's address (MEILI_URL, or the process started here), for a client in another thread. */
  meiliUrl: string;
  /** Closes everything opened here, in reverse order. */
  close(): Promise<void>;
}

/**
 * Opens the database (PostgreSQL, or PGlite in DATA_DIR) and Meilisearch (MEILI_URL, or a
 * process started here), for the server and the command-line tools alike.
 */
export async function openInfrastructure(config: AppConfig, log: (message: string) => void): Promise<Infrastructure> {
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log(`shutdown step failed: ${(error as Error).message}`);
      }
    }
  };
  try {
    // The embedded database (initdb on a first start) and Meilisearch start side by side, once the
    // data directory's lock is ours: openAdapter takes it before its first await, so a second
    // process is refused here, before it starts a Meilisearch on the same directory.
    const opening = openAdapter({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, nice: config.pgliteNice });
    await Promise.race([opening, new Promise((resolve) => setImmediate(resolve))]);
    const [opened, launched] = await Promise.allSettled([
      opening,
      config.meili.url
        ? waitForHealth(config.meili.url, 30_000).then(() => undefined)
        : launchMeilisearch({
            binary: config.meili.binary,
            dataDir: path.join(config.dataDir, 'meilisearch'),
            masterKey: config.meili.masterKey,
            indexingNice: config.meili.indexingNice,
            log: (line) => log(`meilisearch: ${line}`),
          }),
    ]);
    if (launched.status === 'fulfilled' && launched.value) {
      const meiliProcess = launched.value;
      cleanups.push(() => meiliProcess.stop());
    }
    if (opened.status === 'fulfilled') cleanups.push(() => opened.value.close());
    if (opened.status === 'rejected') throw opened.reason;
    if (launched.status === 'rejected') throw launched.reason;
    const adapter = opened.value;
    log(`database: ${adapter.kind === 'pglite' ? `PGlite in ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL'}`);
    const db = createPrismaClient(adapter.factory, adapter.link);
    cleanups.push(() => db.$disconnect());
    const meiliUrl = launched.value?.url ?? config.meili.url!;
    if (launched.value) log(`search: Meilisearch started at ${meiliUrl}`);
    const meili = createMeiliClient(meiliUrl, config.meili.masterKey);
    await applyIndexSettings(meili, config.meili.indexPrefix);
    return { db, factory: adapter.factory, meili, meiliUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
