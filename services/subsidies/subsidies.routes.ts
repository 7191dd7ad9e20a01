import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendTable } from '../platform/export/tabular.ts';
import {
  decideRoute,
  decisionsRoute,
  eligibleRoute,
  exportDecisionsRoute,
  exportEligibleRoute,
  rulesRoute,
} from './subsidies.contract.ts';
import { decisionsTable, eligibilityTable } from './subsidies.export.ts';
import type { SubsidiesService } from './subsidies.service.ts';

export async function subsidiesRoutes(app: FastifyInstance, opts: { subsidies: SubsidiesService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { subsidies } = opts;

  r.route({ ...rulesRoute, handler: (request) => subsidies.rules(request.user!) });
  r.route({ ...eligibleRoute, handler: (request) => subsidies.eligible(request.user!, request.query) });
  r.route({
    ...exportEligibleRoute,
    handler: async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const rows = await subsidies.exportEligible(request.user!, query, format, request.id);
      return sendTable(reply, format, eligibilityTable(lang, rows));
    },
  });
  r.route({
    ...decideRoute,
    handler: async (request, reply) =>
      reply.status(201).send(await subsidies.decide(request.user!, request.body, request.id)),
  });
  r.route({ ...decisionsRoute, handler: (request) => subsidies.decisions(request.user!, request.query) });
  r.route({
    ...exportDecisionsRoute,
    handler: async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const rows = await subsidies.exportDecisions(request.user!, query, format, request.id);
      return sendTable(reply, format, decisionsTable(lang, rows));
    },
  });
}
