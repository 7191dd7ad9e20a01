import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendTable } from '../platform/export/tabular.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import {
  applyFindingRoute,
  comparisonFindingsRoute,
  dismissFindingRoute,
  CSV_TYPES,
  exportComparisonRoute,
  getComparisonRoute,
  listComparisonsRoute,
  MAX_UPLOAD_BYTES,
  runComparisonRoute,
  XLSX_TYPES,
} from './comparison.contract.ts';
import { exportTable } from './comparison.presenter.ts';
import type { ComparisonService } from './comparison.service.ts';
import type { FindingActions } from './finding-actions.service.ts';

/** The comparison API. Registered unwrapped: its raw-body parsers stay inside this plugin. */
export async function comparisonRoutes(
  app: FastifyInstance,
  opts: { comparison: ComparisonService; actions: FindingActions },
) {
  const { comparison, actions } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.addContentTypeParser(
    [...CSV_TYPES, ...XLSX_TYPES],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );

  r.route({
    ...runComparisonRoute,
    bodyLimit: MAX_UPLOAD_BYTES,
    handler: async (request, reply) => {
      const content = request.body;
      if (!Buffer.isBuffer(content) || content.length === 0)
        throw new ValidationError('Send the list as the request body (text/csv or XLSX)', [
          { field: 'body', code: 'empty_file', message: 'is empty' },
        ]);
      const run = await comparison.run(
        request.user!,
        { kind: request.query.kind, fileName: request.query.fileName, content },
        request.id,
      );
      return reply.status(201).send(run);
    },
  });
  r.route({ ...listComparisonsRoute, handler: (request) => comparison.list(request.user!, request.query) });
  r.route({ ...getComparisonRoute, handler: (request) => comparison.get(request.user!, request.params.id) });
  r.route({
    ...comparisonFindingsRoute,
    handler: (request) => comparison.findings(request.user!, request.params.id, request.query),
  });
  r.route({
    ...exportComparisonRoute,
    handler: async (request, reply) => {
      const { format, kind } = request.query;
      const report = await comparison.export(request.user!, request.params.id, { format, kind }, request.id);
      return sendTable(reply, format, exportTable(request.locale, report.run, report.findings, report.problems));
    },
  });
  r.route({
    ...applyFindingRoute,
    handler: (request) =>
      actions.apply(request.user!, request.params.id, BigInt(request.params.findingId), request.body, request.id),
  });
  r.route({
    ...dismissFindingRoute,
    handler: (request) =>
      actions.dismiss(
        request.user!,
        request.params.id,
        BigInt(request.params.findingId),
        request.body.reason,
        request.id,
      ),
  });
}
