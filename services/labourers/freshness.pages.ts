import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { FreshnessService } from './freshness.service.ts';
import type { StaleRow } from './freshness.repository.ts';

const PER_PAGE = 50;
const Query = z.object({
  area: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  done: z.string().optional().catch(undefined),
});

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

function staleView(row: StaleRow, ref: ReferenceNames) {
  return {
    ...row,
    regionName: ref.regionName(row.regionCode) || row.regionCode,
    updatedOn: day(row.updatedAt),
    verifiedOn: day(row.verifiedAt),
    contactedOn: day(row.contactedAt),
  };
}

/**
 * Dynamic management (动态管理): the officer's worklist of records not verified or updated within
 * the configured months, with the freshness of each county and township, and the "verified" button.
 */
export async function freshnessPages(
  app: FastifyInstance,
  opts: { freshness: FreshnessService; reference: () => Promise<ReferenceNames> },
) {
  const { freshness, reference } = opts;
  const officer = auth.roles('officer', 'admin');

  async function render(request: FastifyRequest, reply: FastifyReply) {
    const query = Query.parse(request.query ?? {});
    const user = request.user!;
    const area = freshness.areaOf(user, query.area);
    const [board, stale, ref] = await Promise.all([
      freshness.board(user, area),
      freshness.stale(user, area, query.page, PER_PAGE),
      reference(),
    ]);
    const pages = Math.max(1, Math.ceil(stale.total / PER_PAGE));
    const href = (p: number) => `/labourers/freshness?area=${area}&page=${p}`;
    const areaQuery = area ? `&area=${area}` : '';
    return reply.page('labourers/freshness', {
      title: translate(request.locale, 'labourers.freshness.title'),
      board,
      areaTables: [
        { key: 'counties', rows: board.counties },
        { key: 'townships', rows: board.townships },
      ],
      area,
      areaName: area ? ref.regionName(area) || area : translate(request.locale, 'labourers.freshness.allAreas'),
      scope: freshness.areaOf(user),
      items: stale.items.map((row) => staleView(row, ref)),
      total: stale.total,
      page: query.page,
      pager:
        pages > 1
          ? {
              page: query.page,
              pages,
              prev: query.page > 1 ? href(query.page - 1) : null,
              next: query.page < pages ? href(query.page + 1) : null,
            }
          : null,
      exportCsv: `/labourers/freshness/export?format=csv${areaQuery}`,
      exportXlsx: `/labourers/freshness/export?format=xlsx${areaQuery}`,
      done: query.done === 'verified',
    });
  }

  app.route({ ...page('GET', '/labourers/freshness', officer, { personalData: true }), handler: render });

  app.route({
    ...page('GET', '/labourers/freshness/export', officer, { personalData: true }),
    handler: async (request, reply) => {
      const query = Query.parse(request.query ?? {});
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const ref = await reference();
      const rows = await freshness.exportRows(request.user!, query.area, format, request.id);
      const t = (key: string) => translate(request.locale, `labourers.freshness.${key}`);
      async function* views() {
        for await (const batch of rows) yield batch.map((row) => staleView(row, ref));
      }
      return sendTable(reply, format, {
        fileName: `${t('exportFile')}-${new Date().toISOString().slice(0, 10)}`,
        sheetName: t('title'),
        columns: [
          { header: translate(request.locale, 'labourers.fields.name'), value: (r) => r.name },
          { header: translate(request.locale, 'labourers.fields.idNumber'), value: (r) => r.idNumberMasked, width: 20 },
          { header: translate(request.locale, 'labourers.fields.phone'), value: (r) => r.phoneMasked ?? '' },
          { header: t('region'), value: (r) => r.regionName, width: 20 },
          { header: t('updatedOn'), value: (r) => r.updatedOn },
          { header: t('verifiedOn'), value: (r) => r.verifiedOn },
          { header: t('contactedOn'), value: (r) => r.contactedOn },
        ],
        rows: views(),
      });
    },
  });

  app.route({
    ...page('POST', '/labourers/:id/verify', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = z.uuid().parse((request.params as { id: string }).id);
      const body = (request.body ?? {}) as { area?: string; page?: string };
      await freshness.verify(request.user!, id, request.id);
      const back = new URLSearchParams({ done: 'verified' });
      if (body.area && /^\d{2,12}$/.test(body.area)) back.set('area', body.area);
      if (body.page && /^\d{1,6}$/.test(body.page)) back.set('page', body.page);
      return reply.redirect(`/labourers/freshness?${back.toString()}`, 303);
    },
  });

  // The button's address opened again (history, a new tab) leads to the worklist.
  app.route({
    ...page('GET', '/labourers/:id/verify', officer),
    handler: async (_request, reply) => reply.redirect('/labourers/freshness', 303),
  });
}
