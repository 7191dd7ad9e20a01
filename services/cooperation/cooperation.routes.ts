import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TrainingService } from '../training/index.ts';
import type { AgreementsService } from './agreements.service.ts';
import * as c from './cooperation.contract.ts';
import type { HouseholdService } from './household.service.ts';
import type { TransfersService } from './transfers.service.ts';

export async function cooperationRoutes(
  app: FastifyInstance,
  opts: {
    agreements: AgreementsService;
    transfers: TransfersService;
    household: HouseholdService;
    training: TrainingService;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { agreements, transfers, household, training } = opts;

  r.route({
    ...c.listAgreementsRoute,
    handler: async (request) => ({ items: await agreements.list(request.user!, request.query) }),
  });
  r.route({
    ...c.createAgreementRoute,
    handler: async (request, reply) => reply.status(201).send(await agreements.create(request.user!, request.body)),
  });
  r.route({ ...c.getAgreementRoute, handler: (request) => agreements.get(request.user!, request.params.id) });
  r.route({
    ...c.patchAgreementRoute,
    handler: (request) => agreements.update(request.user!, request.params.id, request.body),
  });
  r.route({
    ...c.deleteAgreementRoute,
    handler: async (request, reply) => {
      await agreements.remove(request.user!, request.params.id);
      return reply.status(204).send(null);
    },
  });
  r.route({ ...c.progressRoute, handler: (request) => agreements.progress(request.user!, request.params.id) });
  r.route({
    ...c.listStationsRoute,
    handler: async (request) => ({ items: await agreements.stations(request.user!, request.params.id) }),
  });
  r.route({
    ...c.createStationRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await agreements.addStation(request.user!, request.params.id, request.body)),
  });
  r.route({
    ...c.listPartnerLabourersRoute,
    handler: (request) => agreements.partnerLabourers(request.user!, request.params.id, request.query),
  });
  r.route({
    ...c.registerPartnerLabourerRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await agreements.registerPartnerLabourer(request.user!, request.params.id, request.body)),
  });
  r.route({
    ...c.listBatchesRoute,
    handler: async (request) => ({ items: await transfers.list(request.user!, request.params.id) }),
  });
  r.route({
    ...c.createBatchRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await transfers.create(request.user!, request.params.id, request.body)),
  });
  r.route({ ...c.getBatchRoute, handler: (request) => transfers.get(request.user!, request.params.id) });
  r.route({
    ...c.addMemberRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await transfers.addMember(request.user!, request.params.id, request.body)),
  });
  r.route({ ...c.departRoute, handler: (request) => transfers.depart(request.user!, request.params.id) });
  r.route({
    ...c.arrivalRoute,
    handler: (request) =>
      transfers.confirmArrival(request.user!, request.params.id, request.params.memberId, request.body),
  });
  r.route({
    ...c.dueFollowUpsRoute,
    handler: async (request) => ({ items: await transfers.dueFollowUps(request.user!) }),
  });
  r.route({
    ...c.recordFollowUpRoute,
    handler: (request) => transfers.recordFollowUp(request.user!, request.params.id, request.body),
  });
  r.route({
    ...c.listReferralsRoute,
    handler: async (request) => ({ items: await household.referrals(request.user!, request.params.id) }),
  });
  r.route({
    ...c.createReferralRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await household.refer(request.user!, request.params.id, request.body)),
  });
  r.route({
    ...c.patchReferralRoute,
    handler: (request) => household.updateReferral(request.user!, request.params.id, request.body),
  });
  r.route({ ...c.householdRoute, handler: (request) => household.docking(request.user!, request.params.id) });
  r.route({
    ...c.agreementTrainingsRoute,
    handler: async (request) => {
      await agreements.load(request.user!, request.params.id);
      return { items: await training.ofAgreement(request.params.id) };
    },
  });
}
