import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listRegionsRoute } from './regions.contract.ts';
import type { RegionsRepository } from './regions.repository.ts';

export async function regionsRoutes(app: FastifyInstance, opts: { repo: RegionsRepository }) {
  const { repo } = opts;
  app.withTypeProvider<ZodTypeProvider>().route({
    ...listRegionsRoute,
    handler: async (request) => ({ items: await repo.children(request.query.parent ?? null) }),
  });
}
