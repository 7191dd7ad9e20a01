import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  selfCreateRoute,
  selfGetRoute,
  selfListRoute,
  selfOptionsRoute,
  selfSubmitRoute,
  selfWithdrawRoute,
} from './self-claims.contract.ts';
import type { SelfClaimsService } from './self-claims.service.ts';

/** A claimant's own claims through the JSON API: an employer's for its hires, a person's for themself. */
export async function selfClaimsRoutes(app: FastifyInstance, opts: { selfClaims: SelfClaimsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { selfClaims } = opts;

  r.route({ ...selfOptionsRoute, handler: (request) => selfClaims.options(request.user!) });
  r.route({
    ...selfListRoute,
    handler: (request) => selfClaims.list(request.user!, request.query.page, request.query.pageSize),
  });
  r.route({
    ...selfCreateRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await selfClaims.create(request.user!, request.body, request.id)),
  });
  r.route({ ...selfGetRoute, handler: (request) => selfClaims.get(request.user!, request.params.id) });
  r.route({
    ...selfSubmitRoute,
    handler: (request) => selfClaims.submit(request.user!, request.params.id, request.id),
  });
  r.route({
    ...selfWithdrawRoute,
    handler: (request) => selfClaims.withdraw(request.user!, request.params.id, request.id),
  });
}
