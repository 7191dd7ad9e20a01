import type { FastifyBaseLogger } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import type { createMatchingService } from '../matching/matching.service.ts';
import type { Notifier } from '../notifications/notifier.ts';
import type { AppConfig } from './config/config.ts';
import type { PiiCipher } from './crypto/pii.ts';
import type { Db } from './database/prisma.ts';
import type { ReferenceNames } from './reference/reference-data.ts';
import type { ScheduledJob } from './scheduler.ts';

export type MatchingService = ReturnType<typeof createMatchingService>;

/** What the app hands every domain module registered after the core ones. */
export interface ModuleDeps {
  config: AppConfig;
  db: Db;
  meili: Meilisearch;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
  notifier: Notifier;
  matching: MatchingService;
  log: FastifyBaseLogger;
}

/** Background work a module wants run periodically (in-process scheduler, or BullMQ with Redis). */
export type ModuleJobs = (deps: ModuleDeps) => ScheduledJob[];
