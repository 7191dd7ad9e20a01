import type { FastifyInstance } from 'fastify';
import type { Meilisearch } from 'meilisearch';
import type { Db } from '../platform/database/prisma.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { createMatchingRepository } from './matching.repository.ts';
import { matchingPages } from './matching.pages.ts';
import { matchingRoutes } from './matching.routes.ts';
import { createMatchingService } from './matching.service.ts';
import type { PartnerRegions } from './matcher.ts';

export interface MatchingModuleOptions {
  db: Db;
  meili: Meilisearch;
  indexPrefix: string;
  reference: () => Promise<ReferenceNames>;
  /** Cooperation partners of a person with partner_region mobility (the cooperation module's hook). */
  partnerRegions?: PartnerRegions;
  /** The app's shared matching service; built here when not given. */
  matching?: ReturnType<typeof createMatchingService>;
}

/**
 * Matching (人岗匹配): the JSON API (a person's jobs, a vacancy's people, "not interested") and the
 * pages "My jobs" (/my-jobs) for job seekers and a person's matches (/labourers/:id/matches) for
 * officers. Needs the views, CSRF and auth plugins registered on the app.
 */
export async function matchingModule(app: FastifyInstance, opts: MatchingModuleOptions) {
  const matching =
    opts.matching ??
    createMatchingService({
      repo: createMatchingRepository(opts.db),
      meili: opts.meili,
      indexPrefix: opts.indexPrefix,
      reference: opts.reference,
      partnerRegions: opts.partnerRegions,
    });
  await app.register(matchingRoutes, { matching });
  await app.register(matchingPages, { matching });
}
