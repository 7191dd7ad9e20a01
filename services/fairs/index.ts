import type { AppModule } from '../platform/modules.ts';
import { createFairServices, type FairsDeps } from './fair-services.ts';
import { fairsJobs } from './fairs.jobs.ts';
import { fairsPages } from './fairs.pages.ts';
import { fairsRoutes } from './fairs.routes.ts';

export type { FairsDeps } from './fair-services.ts';
export { newRegistrationCode } from './fair-code.ts';
export { groupsFor } from './fair-registrations.service.ts';
// The employment-service subsidy (services/subsidies) counts a fair's registered poor attendees.
export { fairServed, type FairServed } from './fair-served.repository.ts';

/**
 * Special recruitment fairs (专场招聘会): the JSON API under /api/v1/fairs and the pages under
 * /fairs for officers, employers, job seekers and the public calendar.
 */
export const fairsModule: AppModule<FairsDeps> = {
  name: 'fairs',
  setUp(deps) {
    const services = createFairServices(deps);
    return {
      jobs: fairsJobs(services, deps.log),
      async register(app) {
        await app.register(fairsRoutes, services);
        await app.register(fairsPages, services);
      },
    };
  },
};
