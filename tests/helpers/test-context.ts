import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import type { DestinationStream, Logger } from 'pino';
import { inject } from 'vitest';
import { prepareDatabase } from '../../prisma/seed/prepare.ts';
import { createMeiliClient } from '../../search-index/client.ts';
import { applyIndexSettings, INDEX_NAMES, indexUid } from '../../search-index/indexes.ts';
import { OutboxDrain } from '../../search-index/outbox.ts';
import { buildApp } from '../../services/app.ts';
import { type AppConfig, loadConfig } from '../../services/platform/config/config.ts';
import { createPrismaClient, type Db } from '../../services/platform/database/prisma.ts';
import { openTestDatabase } from './database.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  meili: Meilisearch;
  drain: OutboxDrain;
  config: AppConfig;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const prefix = `t${crypto.randomBytes(4).toString('hex')}_`;
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: '/tmp/workbridge-test-unused',
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    ...overrides,
  });
}

/** A real app on a real database and a real Meilisearch, isolated by database and index prefix. */
export async function createTestContext(
  options: {
    meiliUrl?: string;
    config?: Record<string, string>;
    skipIndexSetup?: boolean;
    logger?: Logger;
    logStream?: DestinationStream;
  } = {},
): Promise<TestContext> {
  const config = testConfig({ ...(options.meiliUrl ? { MEILI_URL: options.meiliUrl } : {}), ...options.config });
  const database = await openTestDatabase();
  const db = createPrismaClient(database.factory, database.link);
  await prepareDatabase({ factory: database.factory, db, seedDemo: false, piiKey: config.piiKey });
  const meili = createMeiliClient(config.meili.url!, config.meili.masterKey);
  if (!options.skipIndexSetup) await applyIndexSettings(meili, config.meili.indexPrefix);
  const drain = new OutboxDrain(db, meili, config.meili.indexPrefix, { baseBackoffMs: 20, maxBackoffMs: 200 });
  const app = await buildApp({
    config,
    db,
    meili,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    meili,
    drain,
    config,
    close: async () => {
      await app.close();
      await drain.stop();
      for (const name of options.skipIndexSetup ? [] : INDEX_NAMES) {
        await meili.deleteIndex(indexUid(config.meili.indexPrefix, name)).catch(() => undefined);
      }
      await db.$disconnect();
      await database.close();
    },
  };
}
