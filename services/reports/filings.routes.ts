import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendTable } from '../platform/export/tabular.ts';
import {
  acceptReportRoute,
  filingStateRoute,
  filingsExportRoute,
  filingsRoute,
  returnReportRoute,
  submitReportRoute,
} from './filings.contract.ts';
import type { FilingsService } from './filings.service.ts';
import { filingsTable } from './filings.view-model.ts';

/** The reporting cycle's API: submit, accept, return, a report's state, and who has not filed. */
export async function filingsRoutes(app: FastifyInstance, opts: { filings: FilingsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { filings } = opts;
  r.route({ ...filingsRoute, handler: (request) => filings.filings(request.user!, request.query) });
  r.route({
    ...filingsExportRoute,
    handler: async (request, reply) => {
      const { format, lang, ...query } = request.query;
      const list = await filings.exportFilings(request.user!, query, format, request.id);
      return sendTable(reply, format, filingsTable(list, lang));
    },
  });
  r.route({ ...filingStateRoute, handler: (request) => filings.state(request.user!, request.params.id) });
  r.route({ ...submitReportRoute, handler: (request) => filings.submit(request.user!, request.params.id, request.id) });
  r.route({
    ...acceptReportRoute,
    handler: (request) => filings.decide(request.user!, request.params.id, 'accept', undefined, request.id),
  });
  r.route({
    ...returnReportRoute,
    handler: (request) => {
      const { reason } = request.body as { reason: string };
      return filings.decide(request.user!, request.params.id, 'return', reason, request.id);
    },
  });
}
