import type { LabourersService } from '../labourers/index.ts';
import type { PartnerRegions } from '../matching/index.ts';
import type { Notifier } from '../notifications/index.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import type { TrainingService } from '../training/index.ts';
import { createAgreementsService } from './agreements.service.ts';
import { cooperationJobs } from './cooperation.jobs.ts';
import { cooperationPages } from './cooperation.pages.ts';
import { createCooperationRepository } from './cooperation.repository.ts';
import { cooperationRoutes } from './cooperation.routes.ts';
import { createHouseholdService } from './household.service.ts';
import { PairingCache } from './partner-regions.ts';
import { createPhoneReveal } from './phone-reveal.ts';
import { createTransfersService } from './transfers.service.ts';
export { followUpPlan } from './follow-ups.ts';

export interface CooperationDeps extends CoreDeps {
  labourers: LabourersService;
  notifier: Notifier;
  training: TrainingService;
}

/**
 * East-west labour cooperation (东西部劳务协作): agreements with partner areas, partner-area
 * labourers and stations, organised transfers with follow-ups, household-service docking and
 * progress against targets; the API under /api/v1/cooperation and the officer's pages under
 * /cooperation. It offers matching the home regions paired with a partner-area person's origin.
 */
export const cooperationModule: AppModule<CooperationDeps, { partnerRegions: PartnerRegions }> = {
  name: 'cooperation',
  async setUp(deps) {
    const { db, reference, labourers, notifier, training, pii } = deps;
    const repo = createCooperationRepository(db);
    const pairings = new PairingCache((year) => repo.activePairings(year));
    // Matching reads the pairings synchronously: have them before the first request.
    await pairings.refresh();
    const agreements = createAgreementsService({ repo, reference, labourers, pairings });
    const transfers = createTransfersService({ repo, agreements, reference, notifier });
    const household = createHouseholdService({ repo, agreements, reference });
    const phones = createPhoneReveal({ repo, pii });
    return {
      provides: { partnerRegions: (labourer) => pairings.lookup(labourer.regionCode) },
      jobs: cooperationJobs({ repo, pairings, notifier, log: deps.log }),
      async register(app) {
        await app.register(cooperationRoutes, { agreements, transfers, household, training });
        await app.register(cooperationPages, {
          agreements,
          transfers,
          household,
          training,
          repo,
          reference,
          phones,
        });
      },
    };
  },
};
