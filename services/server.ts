import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { OutboxDrain } from '../search-index/outbox.ts';
import { buildApp } from './app.ts';
import { startScheduler } from './platform/scheduler.ts';
import { ReferenceNames } from './platform/reference/reference-data.ts';
import { createVacanciesRepository } from './vacancies/vacancies.repository.ts';
import { createVacanciesService } from './vacancies/vacancies.service.ts';
import { openInfrastructure } from './infrastructure.ts';
import { notificationsJobs } from './notifications/notifications.jobs.ts';
import { pushesJobs } from './pushes/pushes.jobs.ts';
import { fairsJobs } from './fairs/fairs.jobs.ts';
import { cooperationJobs } from './cooperation/cooperation.jobs.ts';
import { reportsJobs } from './reports/reports.jobs.ts';
import type { AppConfig } from './platform/config/config.ts';
import type { Db } from './platform/database/prisma.ts';

export interface RunningApp {
  app: FastifyInstance;
  db: Db;
  meili: Meilisearch;
  drain: OutboxDrain;
  url: string;
  stop(): Promise<void>;
}

/**
 * Brings the whole application up: database (migrated, seeded when empty), Meilisearch, the
 * outbox drain and the HTTP server.
 */
export async function startServer(
  config: AppConfig,
  log: (message: string) => void = console.log,
): Promise<RunningApp> {
  const infra = await openInfrastructure(config, log);
  const { db, meili } = infra;
  const logDetail = (detail: object, message: string) => log(`search: ${message} ${JSON.stringify(detail)}`);
  const drain = new OutboxDrain(db, meili, config.meili.indexPrefix, { log: { warn: logDetail, info: logDetail } });
  let app: FastifyInstance | undefined;
  let stopScheduler = async () => {};
  const stop = async () => {
    await app?.close();
    await stopScheduler();
    await drain.stop();
    await infra.close();
  };
  try {
    await prepareDatabase({ factory: infra.factory, db, seedDemo: config.seedDemo, piiKey: config.piiKey, log });
    const first = await drain.drainAll();
    if (first.indexed) log(`search: indexed ${first.indexed} documents`);
    drain.start();
    const vacancies = createVacanciesService({
      repo: createVacanciesRepository(db),
      reference: () => ReferenceNames.load(db),
    });
    app = await buildApp({ config, db, meili });
    const deps = app.moduleDeps;
    const scheduler = startScheduler(
      [
        { name: 'expire vacancies', everyMs: 10 * 60_000, run: async () => void (await vacancies.expireDue()) },
        ...notificationsJobs(deps),
        ...pushesJobs(deps),
        ...fairsJobs(deps),
        ...cooperationJobs(deps),
        ...reportsJobs(deps),
      ],
      log,
    );
    stopScheduler = () => scheduler.stop();
    const url = await app.listen({ port: config.port, host: config.host });
    return { app, db, meili, drain, url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
