import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createTrainingClaimRoute, listTrainingClaimsRoute } from './training-claims.contract.ts';
import type { TrainingClaims } from './training-claims.service.ts';

/** /api/v1/training/claims: training and appraisal subsidy claims on course certificates. */
export async function trainingClaimsRoutes(app: FastifyInstance, opts: { claims: TrainingClaims }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { claims } = opts;
  r.route({
    ...createTrainingClaimRoute,
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await claims.claim(request.user!, request.body.enrolmentId, request.body.programme, request.id)),
  });
  r.route({
    ...listTrainingClaimsRoute,
    handler: async (request) => ({ items: await claims.ofCourse(request.user!, request.query.courseId) }),
  });
}
