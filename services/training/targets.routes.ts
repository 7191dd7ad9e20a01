import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listTargetsRoute, removeTargetRoute, setTargetRoute } from './targets.contract.ts';
import type { Targets } from './targets.service.ts';

/** /api/v1/training/targets: yearly training targets per region and the progress against them. */
export async function targetsRoutes(app: FastifyInstance, opts: { targets: Targets }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { targets } = opts;
  r.route({
    ...listTargetsRoute,
    handler: (request) => targets.list(request.user!, request.query, request.locale),
  });
  r.route({
    ...setTargetRoute,
    handler: (request) => targets.set(request.user!, request.body, request.id, request.locale),
  });
  r.route({
    ...removeTargetRoute,
    handler: (request) => targets.remove(request.user!, request.params.id, request.id, request.locale),
  });
}
