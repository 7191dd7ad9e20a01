import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createPlaceRoute, listPlacesRoute, stepPlaceRoute } from './tech-schools.contract.ts';
import type { TechSchools } from './tech-schools.service.ts';

/** /api/v1/technical-schools/places: poor families' children's technical-school places. */
export async function techSchoolsRoutes(app: FastifyInstance, opts: { schools: TechSchools }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { schools } = opts;
  r.route({
    ...listPlacesRoute,
    handler: async (request) => ({ items: await schools.list(request.user!, request.query, request.locale) }),
  });
  r.route({
    ...createPlaceRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await schools.create(request.user!, request.body, request.id, request.locale)),
  });
  r.route({
    ...stepPlaceRoute,
    handler: (request) => schools.step(request.user!, request.params.id, request.body, request.id, request.locale),
  });
}
