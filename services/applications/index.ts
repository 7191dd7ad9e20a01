import type { FormOptionsSource } from '../labourers/index.ts';
import type { ApplicationNotices } from '../notifications/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { applicationsPages } from './applications.pages.ts';
import { createCandidateSearch } from './candidates.search.ts';
import { createApplicationsRepository } from './applications.repository.ts';
import { applicationsRoutes } from './applications.routes.ts';
import { createApplicationsService } from './applications.service.ts';
import { createBoardRenderer, employerPortalPages } from './employer-portal.pages.ts';
import { createEmployerPortalService } from './employer-portal.service.ts';
import { createHireEvents, type HireEvents } from './hire-events.ts';
import type { ApplicationView } from './applications.contract.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';

export type { HireEvent, HireEvents, HireListener } from './hire-events.ts';
export type { ApplicationView } from './applications.contract.ts';

/** What other modules may ask of applications: apply on someone's behalf, and hear of hires. */
export interface ApplicationsApi {
  /** An application made by an officer for a person in their region (a referral). */
  applyFor(actor: SessionUser, labourerId: string, vacancyId: string, note?: string): Promise<ApplicationView>;
  hires: Pick<HireEvents, 'onHired'>;
}

export interface ApplicationsDeps extends CoreDeps {
  /** Tells people when their applications move (the notifications module delivers it). */
  applicationNotices: ApplicationNotices;
  formOptions: FormOptionsSource;
}

/**
 * Applications (求职申请) and the employer's side of them: the JSON API under
 * /api/v1/applications, the person's pages under /applications and the employer's under
 * /employer (applicants board, candidate finder, hires and retention).
 */
export const applicationsModule: AppModule<ApplicationsDeps, { applicationsApi: ApplicationsApi }> = {
  name: 'applications',
  setUp({ config, db, meili, reference, log, applicationNotices: notices, formOptions }) {
    const repo = createApplicationsRepository(db);
    const hires = createHireEvents(log);
    const applications = createApplicationsService({ repo, reference, notices, hires });
    const applicationsApi: ApplicationsApi = {
      applyFor: (actor, labourerId, vacancyId, note) =>
        applications.apply(actor, { vacancyId, labourerId, ...(note ? { note } : {}) }),
      hires: { onHired: hires.onHired },
    };
    const portal = createEmployerPortalService({
      repo,
      applications,
      reference,
      search: createCandidateSearch(meili, config.meili.indexPrefix),
    });
    const board = createBoardRenderer(portal);
    return {
      provides: { applicationsApi },
      async register(app) {
        await app.register(applicationsRoutes, { applications, portal });
        await app.register(applicationsPages, { applications, board });
        await app.register(employerPortalPages, { applications, portal, board, formOptions });
      },
    };
  },
};
