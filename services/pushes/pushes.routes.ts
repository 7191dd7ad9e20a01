import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendTable } from '../platform/export/tabular.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { coverageColumns } from './coverage-export.ts';
import { gapColumns, type GapsService } from './gaps.ts';
import {
  campaignRoute,
  campaignsRoute,
  coverageExportRoute,
  coverageRoute,
  runRoute,
  withoutExportRoute,
  withoutRoute,
} from './pushes.contract.ts';
import type { PushesService } from './pushes.service.ts';

const today = () => new Date().toISOString().slice(0, 10);

export async function pushesRoutes(app: FastifyInstance, opts: { pushes: PushesService; gaps: GapsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { pushes, gaps } = opts;

  r.route({
    ...runRoute,
    // A campaign over a province takes minutes: the caller follows its progress instead of waiting.
    handler: async (request, reply) => {
      const campaign = await pushes.startInBackground(request.user!, request.body?.regionCode);
      const progressUrl = `/api/v1/pushes/campaigns/${campaign.id}`;
      return reply
        .status(202)
        .header('location', progressUrl)
        .send({ campaignId: campaign.id, status: campaign.status, progressUrl });
    },
  });
  r.route({
    ...campaignsRoute,
    handler: (request) => pushes.campaigns(request.user!, request.query.page, request.query.pageSize),
  });
  r.route({ ...campaignRoute, handler: (request) => pushes.campaign(request.user!, request.params.id) });
  r.route({ ...coverageRoute, handler: (request) => pushes.coverage(request.user!, request.query.regionCode) });
  r.route({
    ...coverageExportRoute,
    handler: async (request, reply) => {
      const { lang, format, regionCode } = request.query;
      const coverage = await pushes.coverage(request.user!, regionCode);
      return sendTable(reply, format, {
        fileName: `${translate(lang, 'pushes.coverage.file')}-${coverage.regionCode || 'all'}-${today()}`,
        sheetName: translate(lang, 'pushes.coverage.title'),
        columns: coverageColumns(lang),
        rows: coverage.byCounty,
      });
    },
  });
  r.route({
    ...withoutRoute,
    handler: async (request) => {
      const { items, total, page, pageSize } = await gaps.list(request.user!, request.query);
      return { items, total, page, pageSize };
    },
  });
  r.route({
    ...withoutExportRoute,
    handler: async (request, reply) => {
      const { region, pages } = await gaps.exportRows(request.user!, request.query, request.id);
      const lang = request.query.lang;
      return sendTable(reply, request.query.format, {
        fileName: `${translate(lang, 'pushes.without.file')}-${region || 'all'}-${today()}`,
        sheetName: translate(lang, 'pushes.without.title'),
        columns: gapColumns(lang),
        rows: pages,
      });
    },
  });
}
