import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createTrainingRoute, listTrainingsRoute } from './training.contract.ts';
import type { TrainingService } from './training.service.ts';

export async function trainingRoutes(app: FastifyInstance, opts: { training: TrainingService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { training } = opts;
  r.route({
    ...listTrainingsRoute,
    handler: async (request) => ({ items: await training.list(request.user!, request.params.labourerId) }),
  });
  r.route({
    ...createTrainingRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await training.record(request.user!, request.params.labourerId, request.body)),
  });
}
