import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import type { AttemptStore } from './auth/attempt-store.ts';
import type { AppConfig, ConfigSection } from './config/config.ts';
import type { PiiCipher } from './crypto/pii.ts';
import type { Db } from './database/prisma.ts';
import type { ReferenceNames } from './reference/reference-data.ts';
import type { ScheduledJob } from './scheduler.ts';

/** What the platform hands every module: configuration, stores, the logger, reference data. */
export interface CoreDeps {
  config: AppConfig;
  db: Db;
  meili: Meilisearch;
  pii: PiiCipher;
  /** Reference tables (regions, occupations, skills…), read once per app on first use. */
  reference: () => Promise<ReferenceNames>;
  /** Sign-in attempts and rate limits (in Redis when configured, so replicas share them). */
  attempts: AttemptStore;
  log: FastifyBaseLogger;
}

/** A module set up for one app: its routes and pages, its periodic work, what it offers others. */
export interface ModuleInstance<Provides extends object = object> {
  /** Registers the module's routes, pages and hooks. */
  register(app: FastifyInstance): Promise<void>;
  /** Periodic work: once per cluster with Redis, in this process without (platform scheduler). */
  jobs?: ScheduledJob[];
  /** Releases what `setUp` opened (queues, connections); called when the app closes. */
  close?(): Promise<void>;
  /** Services this module offers the modules set up after it (merged into their deps). */
  provides?: Provides;
}

/**
 * One module of the application. `setUp` builds the module's services once per app; routes,
 * pages and jobs share them. A module reads what it needs from `deps` (the core plus what earlier
 * modules provide) and its own settings through `config.section`.
 */
export interface AppModule<Deps extends CoreDeps = CoreDeps, Provides extends object = object> {
  readonly name: string;
  /** The module's own settings, checked with the core configuration at start. */
  readonly config?: readonly ConfigSection<unknown>[];
  setUp(deps: Deps): ModuleInstance<Provides> | Promise<ModuleInstance<Provides>>;
}
