import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CasesService } from './cases.service.ts';
import {
  assigneesRoute,
  coverageRoute,
  createCaseRoute,
  getCaseRoute,
  listCasesRoute,
  reassignRoute,
  transitionRoute,
  worklistRoute,
} from './insurance.contract.ts';
import type { WorklistsService } from './worklists.service.ts';

export async function insuranceRoutes(
  app: FastifyInstance,
  opts: { cases: CasesService; worklists: WorklistsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { cases, worklists } = opts;

  r.route({ ...listCasesRoute, handler: (request) => cases.list(request.user!, request.query) });
  r.route({
    ...createCaseRoute,
    handler: async (request, reply) => {
      const { created, case: view } = await cases.create(request.user!, request.body, request.id);
      return reply.status(created ? 201 : 200).send(view);
    },
  });
  r.route({ ...getCaseRoute, handler: (request) => cases.get(request.user!, request.params.id) });
  r.route({
    ...transitionRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await cases.transition(request.user!, request.params.id, request.body, request.id)),
  });
  r.route({
    ...assigneesRoute,
    handler: async (request) => ({ items: await cases.assignees(request.user!, request.params.id) }),
  });
  r.route({
    ...reassignRoute,
    handler: (request) => cases.reassign(request.user!, request.params.id, request.body, request.id),
  });
  r.route({ ...worklistRoute, handler: (request) => worklists.worklist(request.user!, request.query) });
  r.route({ ...coverageRoute, handler: (request) => worklists.coverage(request.user!, request.query) });
}
