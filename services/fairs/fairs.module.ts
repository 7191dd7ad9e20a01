import type { FastifyInstance } from 'fastify';
import { createMatchingRepository } from '../matching/matching.repository.ts';
import type { ModuleDeps } from '../platform/modules.ts';
import { createFairFormChoices } from './fair-form-choices.ts';
import { createOutreachService } from './fair-outreach.service.ts';
import { createParticipationService } from './fair-participation.service.ts';
import { createRegistrationsService } from './fair-registrations.service.ts';
import { createResultsService } from './fair-results.service.ts';
import { fairsPages } from './fairs.pages.ts';
import { createFairsRepository } from './fairs.repository.ts';
import { fairsRoutes } from './fairs.routes.ts';
import { createFairsService } from './fairs.service.ts';

export function createFairServices(deps: ModuleDeps) {
  const repo = createFairsRepository(deps.db);
  const fairs = createFairsService({ repo, reference: deps.reference });
  const participation = createParticipationService({ repo, fairs });
  const registrations = createRegistrationsService({ repo, fairs, pii: deps.pii });
  const outreach = createOutreachService({
    repo,
    fairs,
    registrations,
    matching: deps.matching,
    matchingRepo: createMatchingRepository(deps.db),
    notifier: deps.notifier,
  });
  const results = createResultsService({ repo, fairs });
  const formChoices = createFairFormChoices(repo);
  return { fairs, participation, registrations, outreach, results, formChoices };
}

export type FairServices = ReturnType<typeof createFairServices>;

/**
 * Special recruitment fairs (专场招聘会): the JSON API under /api/v1/fairs and the pages under
 * /fairs for officers, employers, job seekers and the public calendar.
 */
export async function fairsModule(app: FastifyInstance, deps: ModuleDeps) {
  const services = createFairServices(deps);
  await app.register(fairsRoutes, services);
  await app.register(fairsPages, { ...services, db: deps.db });
}
