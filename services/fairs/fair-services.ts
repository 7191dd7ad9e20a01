import type { MatchingApi } from '../matching/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { CoreDeps } from '../platform/modules.ts';
import { createFairFormChoices } from './fair-form-choices.ts';
import { createOutreachService } from './fair-outreach.service.ts';
import { createParticipationService } from './fair-participation.service.ts';
import { createRegistrationsService } from './fair-registrations.service.ts';
import { createResultsService } from './fair-results.service.ts';
import { createFairsRepository } from './fairs.repository.ts';
import { createFairsService } from './fairs.service.ts';

export interface FairsDeps extends CoreDeps {
  matching: MatchingApi;
  notifier: Notifier;
}

/** The fair module's services, built once per app and shared by its routes, pages and jobs. */
export function createFairServices(deps: FairsDeps) {
  const repo = createFairsRepository(deps.db);
  const fairs = createFairsService({ repo, reference: deps.reference });
  const participation = createParticipationService({ repo, fairs });
  const registrations = createRegistrationsService({ repo, fairs, pii: deps.pii });
  const outreach = createOutreachService({
    repo,
    fairs,
    registrations,
    matching: deps.matching,
    notifier: deps.notifier,
  });
  const results = createResultsService({ repo, fairs });
  const formChoices = createFairFormChoices(repo);
  return { fairs, participation, registrations, outreach, results, formChoices };
}

export type FairServices = ReturnType<typeof createFairServices>;
