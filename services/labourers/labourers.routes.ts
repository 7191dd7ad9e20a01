import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createLabourerRoute,
  deleteLabourerRoute,
  getLabourerRoute,
  listLabourersRoute,
  myProfileRoute,
  patchLabourerRoute,
  revealIdNumberRoute,
  statusHistoryRoute,
} from './labourers.contract.ts';
import type { LabourersService } from './labourers.service.ts';

export async function labourersRoutes(app: FastifyInstance, opts: { labourers: LabourersService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { labourers } = opts;

  r.route({
    ...createLabourerRoute,
    handler: async (request, reply) => reply.status(201).send(await labourers.create(request.user!, request.body)),
  });
  r.route({ ...listLabourersRoute, handler: (request) => labourers.list(request.user!, request.query) });
  r.route({ ...myProfileRoute, handler: (request) => labourers.mine(request.user!) });
  r.route({ ...getLabourerRoute, handler: (request) => labourers.get(request.user!, request.params.id) });
  r.route({
    ...patchLabourerRoute,
    handler: (request) => labourers.update(request.user!, request.params.id, request.body),
  });
  r.route({
    ...deleteLabourerRoute,
    handler: async (request, reply) => {
      await labourers.erase(request.user!, request.params.id, request.body?.reason, request.id);
      return reply.status(204).send(null);
    },
  });
  r.route({
    ...statusHistoryRoute,
    handler: async (request) => ({ items: await labourers.statusHistory(request.user!, request.params.id) }),
  });
  r.route({
    ...revealIdNumberRoute,
    handler: async (request) => ({
      idNumber: await labourers.revealIdNumber(request.user!, request.params.id, request.id),
    }),
  });
}
