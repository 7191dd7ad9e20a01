import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { graduateRoute, listInternshipsRoute, recordInternshipRoute } from './tech-school-careers.contract.ts';
import type { TechSchoolCareers } from './tech-school-careers.service.ts';

/** /api/v1/technical-schools/students/:id/internships and /graduation: internships and job placement. */
export async function techSchoolCareersRoutes(app: FastifyInstance, opts: { careers: TechSchoolCareers }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { careers } = opts;
  r.route({
    ...listInternshipsRoute,
    handler: async (request) => ({ items: await careers.internships(request.user!, request.params.id) }),
  });
  r.route({
    ...recordInternshipRoute,
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await careers.recordInternship(request.user!, request.params.id, request.body, request.id)),
  });
  r.route({
    ...graduateRoute,
    handler: (request) => careers.graduate(request.user!, request.params.id, request.body, request.id, request.locale),
  });
}
