import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../platform/database/prisma.ts';
import { listRegionsRoute } from './regions.contract.ts';
import { createRegionsRepository } from './regions.repository.ts';

export async function regionsRoutes(app: FastifyInstance, opts: { db: Db }) {
  const repo = createRegionsRepository(opts.db);
  app.withTypeProvider<ZodTypeProvider>().route({
    ...listRegionsRoute,
    handler: async (request) => ({ items: await repo.children(request.query.parent ?? null) }),
  });
}
