import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/database/prisma.ts';
import { subsidiesPages } from './subsidies.pages.ts';
import { createSubsidiesRepository } from './subsidies.repository.ts';
import { subsidiesRoutes } from './subsidies.routes.ts';
import { createSubsidiesService } from './subsidies.service.ts';
import type { SubsidyRules } from './subsidy-settings.ts';

export interface SubsidiesModuleOptions {
  db: Db;
  /** From the configuration (SUBSIDY_* variables), read once at start. */
  config: SubsidyRules;
}

/** Hiring subsidy (吸纳就业补贴): the API under /api/v1/subsidies and the officer's pages under /subsidies. */
export async function subsidiesModule(app: FastifyInstance, opts: SubsidiesModuleOptions) {
  const subsidies = createSubsidiesService({ repo: createSubsidiesRepository(opts.db), rules: opts.config });
  await app.register(subsidiesRoutes, { subsidies });
  await app.register(subsidiesPages, { subsidies });
}
