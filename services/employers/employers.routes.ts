import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createEmployerRoute,
  getEmployerRoute,
  listEmployersRoute,
  patchEmployerRoute,
  verifyEmployerRoute,
} from './employers.contract.ts';
import type { EmployersService } from './employers.service.ts';

export async function employersRoutes(app: FastifyInstance, opts: { employers: EmployersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { employers } = opts;
  r.route({
    ...createEmployerRoute,
    handler: async (request, reply) => reply.status(201).send(await employers.create(request.user!, request.body)),
  });
  r.route({ ...listEmployersRoute, handler: (request) => employers.list(request.user!, request.query) });
  r.route({ ...getEmployerRoute, handler: (request) => employers.get(request.user!, request.params.id) });
  r.route({
    ...patchEmployerRoute,
    handler: (request) => employers.update(request.user!, request.params.id, request.body),
  });
  r.route({
    ...verifyEmployerRoute,
    handler: (request) => employers.verify(request.user!, request.params.id, request.body.verified, request.body.note),
  });
}
