import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  candidatesRoute,
  createApplicationRoute,
  getApplicationRoute,
  listApplicationsRoute,
  myApplicationsRoute,
  retentionRoute,
  transitionRoute,
} from './applications.contract.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { EmployerPortalService } from './employer-portal.service.ts';

export async function applicationsRoutes(
  app: FastifyInstance,
  opts: { applications: ApplicationsService; portal: EmployerPortalService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { applications, portal } = opts;

  r.route({
    ...createApplicationRoute,
    handler: async (request, reply) => reply.status(201).send(await applications.apply(request.user!, request.body)),
  });
  r.route({
    ...transitionRoute,
    handler: (request) => applications.transition(request.user!, request.params.id, request.body),
  });
  r.route({ ...listApplicationsRoute, handler: (request) => applications.list(request.user!, request.query) });
  r.route({
    ...myApplicationsRoute,
    handler: async (request) => ({ items: await applications.mine(request.user!) }),
  });
  r.route({
    ...candidatesRoute,
    handler: async (request) => {
      const { items, total, page, pageSize } = await portal.candidates(request.user!, request.query);
      return { items, total, page, pageSize };
    },
  });
  r.route({
    ...retentionRoute,
    handler: (request) => portal.retention(request.user!, request.query.employerId),
  });
  r.route({ ...getApplicationRoute, handler: (request) => applications.get(request.user!, request.params.id) });
}
