import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createProviderAccountRoute, createProviderRoute, listProvidersRoute } from './providers.contract.ts';
import type { Providers } from './providers.service.ts';

/** /api/v1/training/providers: training providers of the region and their accounts. */
export async function providersRoutes(app: FastifyInstance, opts: { providers: Providers }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { providers } = opts;
  r.route({
    ...listProvidersRoute,
    handler: async (request) => ({ items: await providers.list(request.user!, request.locale) }),
  });
  r.route({
    ...createProviderRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await providers.create(request.user!, request.body, request.id, request.locale)),
  });
  r.route({
    ...createProviderAccountRoute,
    handler: async (request, reply) =>
      reply
        .status(201)
        .send(await providers.addAccount(request.user!, request.params.id, request.body, request.id, request.locale)),
  });
}
