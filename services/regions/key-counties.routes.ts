import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listKeyCountiesRoute, setKeyCountyRoute } from './key-counties.contract.ts';
import type { KeyCountiesService } from './key-counties.service.ts';

export async function keyCountiesRoutes(app: FastifyInstance, opts: { keyCounties: KeyCountiesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { keyCounties } = opts;
  r.route({
    ...listKeyCountiesRoute,
    handler: async (request) => ({ items: await keyCounties.list(request.query.province) }),
  });
  r.route({
    ...setKeyCountyRoute,
    handler: (request) => keyCounties.set(request.user!, request.params.code, request.body.keyCounty, request.id),
  });
}
