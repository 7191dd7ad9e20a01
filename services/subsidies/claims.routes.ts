import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendTable } from '../platform/export/tabular.ts';
import {
  budgetsRoute,
  businessRoute,
  createClaimRoute,
  createProgrammeRoute,
  exportClaimsRoute,
  generateWelfareRoute,
  getClaimRoute,
  listClaimsRoute,
  listProgrammesRoute,
  patchSettingRoute,
  transitionRoute,
} from './claims.contract.ts';
import { claimsTable } from './claims.export.ts';
import type { ClaimEngine } from './claim-engine.ts';

/** The claim engine's JSON API: programmes and their settings per region, claims and their steps. */
export async function claimsRoutes(app: FastifyInstance, opts: { engine: ClaimEngine }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { programmes, claims, welfarePosts, business } = opts.engine;

  r.route({ ...listProgrammesRoute, handler: async (request) => ({ items: await programmes.list(request.user!) }) });
  r.route({
    ...createProgrammeRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await programmes.create(request.user!, request.body, request.id)),
  });
  r.route({
    ...patchSettingRoute,
    handler: (request) => programmes.setSetting(request.user!, request.params.code, request.body, request.id),
  });
  r.route({ ...budgetsRoute, handler: async (request) => ({ items: await programmes.budgets(request.user!) }) });
  r.route({
    ...createClaimRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await claims.create(request.user!, request.body, request.id)),
  });
  r.route({ ...listClaimsRoute, handler: (request) => claims.list(request.user!, request.query) });
  r.route({
    ...exportClaimsRoute,
    handler: async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const rows = await claims.export(request.user!, query, format, request.id);
      return sendTable(reply, format, claimsTable(lang, rows));
    },
  });
  r.route({ ...getClaimRoute, handler: (request) => claims.get(request.user!, request.params.id) });
  r.route({
    ...transitionRoute,
    handler: (request) => claims.transition(request.user!, request.params.id, request.body, request.id),
  });
  r.route({
    ...generateWelfareRoute,
    handler: (request) => welfarePosts.generate(request.user!, request.body.month, request.id),
  });
  r.route({
    ...businessRoute,
    handler: async (request, reply) => reply.status(201).send(await business(request.user!, request.body, request.id)),
  });
}
