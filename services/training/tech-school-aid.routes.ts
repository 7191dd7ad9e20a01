import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listAidRoute, listApplicantsRoute, listStudentsRoute, recordAidRoute } from './tech-school-aid.contract.ts';
import type { TechSchoolAidService } from './tech-school-aid.service.ts';
import type { TechSchoolApplicants } from './tech-school-applicants.service.ts';

/** /api/v1/technical-schools: potential applicants from the registry, enrolled students and their aid (资助). */
export async function techSchoolAidRoutes(
  app: FastifyInstance,
  opts: { aid: TechSchoolAidService; applicants: TechSchoolApplicants },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { aid, applicants } = opts;
  r.route({
    ...listApplicantsRoute,
    handler: (request) => applicants.list(request.user!, request.query, request.locale),
  });
  r.route({
    ...listStudentsRoute,
    handler: async (request) => ({ items: await aid.students(request.user!, request.query, request.locale) }),
  });
  r.route({
    ...listAidRoute,
    handler: async (request) => ({ items: await aid.list(request.user!, request.params.id) }),
  });
  r.route({
    ...recordAidRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await aid.record(request.user!, request.params.id, request.body, request.id)),
  });
}
