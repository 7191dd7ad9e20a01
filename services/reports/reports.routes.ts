import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendTable, type Table } from '../platform/export/tabular.ts';
import { DEFINITIONS_VERSION, INDICATORS } from './indicators.ts';
import type { IndicatorsService } from './indicators.service.ts';
import { periodOf } from './period.ts';
import { reportTable } from './report-tables.ts';
import {
  createReportRoute,
  definitionsRoute,
  exportReportRoute,
  getReportRoute,
  indicatorsRoute,
  listReportsRoute,
} from './reports.contract.ts';
import type { ReportsService } from './reports.service.ts';

export async function reportsRoutes(
  app: FastifyInstance,
  opts: { indicators: IndicatorsService; reports: ReportsService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { indicators, reports } = opts;

  r.route({
    ...indicatorsRoute,
    handler: (request) =>
      indicators.compute(request.user!, {
        regionCode: request.query.regionCode,
        period: periodOf(request.query.from, request.query.to),
      }),
  });
  r.route({ ...definitionsRoute, handler: async () => ({ version: DEFINITIONS_VERSION, items: [...INDICATORS] }) });
  r.route({
    ...createReportRoute,
    handler: async (request, reply) => reply.status(201).send(await reports.generate(request.user!, request.body)),
  });
  r.route({
    ...listReportsRoute,
    handler: async (request) => ({ items: await reports.list(request.user!, request.query.regionCode) }),
  });
  r.route({ ...getReportRoute, handler: (request) => reports.get(request.user!, request.params.id) });
  r.route({
    ...exportReportRoute,
    handler: async (request, reply) => {
      const { format, table, lang } = request.query;
      const report = await reports.exportReport(request.user!, request.params.id, table, format, request.id);
      return sendTable(reply, format, reportTable(report.figures, report.title, table, lang) as Table<unknown>);
    },
  });
}
