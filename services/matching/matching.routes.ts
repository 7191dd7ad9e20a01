import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  deleteFeedbackRoute,
  feedbackRoute,
  labourerMatchesRoute,
  vacancyCandidatesRoute,
} from './matching.contract.ts';
import type { MatchingService } from './matching.service.ts';

export async function matchingRoutes(app: FastifyInstance, opts: { matching: MatchingService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { matching } = opts;

  r.route({
    ...labourerMatchesRoute,
    handler: async (request) => ({
      items: (await matching.matches(request.user!, request.params.id, request.query)).items,
    }),
  });
  r.route({
    ...vacancyCandidatesRoute,
    handler: async (request) => ({
      items: (await matching.candidates(request.user!, request.params.id, request.query)).items,
    }),
  });
  r.route({
    ...feedbackRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await matching.notInterested(request.user!, request.params.id, request.body)),
  });
  r.route({
    ...deleteFeedbackRoute,
    handler: async (request, reply) => {
      await matching.undoNotInterested(request.user!, request.params.id, request.params.vacancyId);
      return reply.status(204).send(null);
    },
  });
}
