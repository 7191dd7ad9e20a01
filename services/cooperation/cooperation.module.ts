import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../identity/password.ts';
import { createLabourersRepository } from '../labourers/labourers.repository.ts';
import { createLabourersService } from '../labourers/labourers.service.ts';
import type { ModuleDeps } from '../platform/modules.ts';
import { trainingRoutes } from '../training/training.routes.ts';
import { createTrainingService } from '../training/training.service.ts';
import { createAgreementsService } from './agreements.service.ts';
import { cooperationPages } from './cooperation.pages.ts';
import { createCooperationRepository } from './cooperation.repository.ts';
import { cooperationRoutes } from './cooperation.routes.ts';
import { createHouseholdService } from './household.service.ts';
import { pairingCache } from './partner-regions.ts';
import { createTransfersService } from './transfers.service.ts';

/**
 * East-west labour cooperation (东西部劳务协作): agreements with partner areas, partner-area
 * labourers and stations, organised transfers with follow-ups, household-service docking and
 * progress against targets; the API under /api/v1/cooperation and the officer's pages under
 * /cooperation. Training records (/api/v1/training) are registered here too.
 */
export async function cooperationModule(app: FastifyInstance, deps: ModuleDeps) {
  const { db, reference } = deps;
  const pairings = pairingCache(db);
  // The matching hook reads the pairings synchronously: have them before the first request.
  await pairings.refresh();
  const repo = createCooperationRepository(db);
  const labourers = createLabourersService({
    repo: createLabourersRepository(db),
    pii: deps.pii,
    reference,
    hashPassword,
  });
  const agreements = createAgreementsService({ repo, reference, labourers, pairings });
  const transfers = createTransfersService({ repo, agreements, reference, notifier: deps.notifier });
  const household = createHouseholdService({ repo, agreements, reference });
  const training = createTrainingService({ db, reference });
  await app.register(cooperationRoutes, { agreements, transfers, household, training });
  await app.register(trainingRoutes, { training });
  await app.register(cooperationPages, { agreements, transfers, household, training, repo, reference });
}
