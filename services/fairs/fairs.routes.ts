import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FairServices } from './fair-services.ts';
import {
  applyRoute,
  attachRoute,
  bulkCheckInRoute,
  calendarRoute,
  checkInRoute,
  compareRoute,
  createFairRoute,
  decideRoute,
  getFairRoute,
  interactionRoute,
  inviteRoute,
  listEmployersRoute,
  listFairsRoute,
  listInteractionsRoute,
  listRegistrationsRoute,
  patchFairRoute,
  patchRegistrationRoute,
  publicFairRoute,
  registerRoute,
  resultsRoute,
  slipRoute,
  stateRoute,
  walkInRoute,
} from './fairs.contract.ts';

export async function fairsRoutes(app: FastifyInstance, s: FairServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Every route here has an auth rule that needs a signed-in user, except the two public ones.
  const user = (request: FastifyRequest) => request.user!;

  r.route({ ...calendarRoute, handler: (request) => s.fairs.calendar(request.query.region) });
  r.route({ ...compareRoute, handler: (request) => s.results.compare(user(request), request.query.ids) });
  r.route({ ...publicFairRoute, handler: (request) => s.fairs.publicView(request.params.id) });
  r.route({ ...listFairsRoute, handler: (request) => s.fairs.list(user(request), request.query) });
  r.route({
    ...createFairRoute,
    handler: async (request, reply) => reply.status(201).send(await s.fairs.create(user(request), request.body)),
  });
  r.route({ ...getFairRoute, handler: (request) => s.fairs.get(user(request), request.params.id) });
  r.route({ ...patchFairRoute, handler: (request) => s.fairs.patch(user(request), request.params.id, request.body) });
  r.route({ ...stateRoute, handler: (request) => s.fairs.move(user(request), request.params.id, request.body.to) });
  r.route({
    ...applyRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await s.participation.apply(user(request), request.params.id, request.body)),
  });
  r.route({ ...listEmployersRoute, handler: (request) => s.participation.list(user(request), request.params.id) });
  r.route({
    ...decideRoute,
    handler: (request) =>
      s.participation.decide(user(request), request.params.id, request.params.employerId, request.body),
  });
  r.route({
    ...attachRoute,
    handler: (request) => s.participation.attach(user(request), request.params.id, request.body.vacancyIds),
  });
  r.route({
    ...registerRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await s.registrations.register(user(request), request.params.id, request.body)),
  });
  r.route({
    ...listRegistrationsRoute,
    handler: (request) => s.registrations.list(user(request), request.params.id, request.query),
  });
  r.route({
    ...patchRegistrationRoute,
    handler: (request) =>
      s.registrations.setWillAttend(
        user(request),
        request.params.id,
        request.params.registrationId,
        request.body.willAttend,
      ),
  });
  r.route({
    ...slipRoute,
    handler: (request) =>
      s.outreach.slip(user(request), request.params.id, request.params.registrationId, request.query.lang),
  });
  r.route({
    ...inviteRoute,
    handler: (request) => s.outreach.invite(user(request), request.params.id, request.body.perVacancy),
  });
  r.route({
    ...checkInRoute,
    handler: (request) => s.registrations.checkIn(user(request), request.params.id, request.body.code),
  });
  r.route({
    ...bulkCheckInRoute,
    handler: (request) => s.registrations.bulkCheckIn(user(request), request.params.id, request.body.registrationIds),
  });
  r.route({
    ...walkInRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await s.registrations.walkIn(user(request), request.params.id, request.body)),
  });
  r.route({
    ...interactionRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await s.registrations.recordInteraction(user(request), request.params.id, request.body)),
  });
  r.route({
    ...listInteractionsRoute,
    handler: (request) => s.registrations.interactions(user(request), request.params.id),
  });
  r.route({ ...resultsRoute, handler: (request) => s.results.results(user(request), request.params.id) });
}
