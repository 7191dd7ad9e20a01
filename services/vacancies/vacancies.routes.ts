import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createVacancyRoute,
  getVacancyRoute,
  listEmployerVacanciesRoute,
  patchVacancyRoute,
  searchVacanciesRoute,
} from './vacancies.contract.ts';
import type { VacanciesService } from './vacancies.service.ts';
import type { VacancySearch } from './vacancies.search.ts';

export async function vacanciesRoutes(
  app: FastifyInstance,
  opts: { vacancies: VacanciesService; search: VacancySearch },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { vacancies, search } = opts;
  r.route({ ...searchVacanciesRoute, handler: (request) => search(request.query) });
  r.route({
    ...createVacancyRoute,
    handler: async (request, reply) => reply.status(201).send(await vacancies.create(request.user!, request.body)),
  });
  r.route({ ...getVacancyRoute, handler: (request) => vacancies.get(request.user, request.params.id) });
  r.route({
    ...patchVacancyRoute,
    handler: (request) => vacancies.update(request.user!, request.params.id, request.body),
  });
  r.route({
    ...listEmployerVacanciesRoute,
    handler: async (request) => ({ items: await vacancies.listForEmployer(request.user!, request.params.id) }),
  });
}
