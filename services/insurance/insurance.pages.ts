import type { FastifyInstance } from 'fastify';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { WorklistQuerySchema } from './insurance.contract.ts';
import { worklistTable } from './insurance.export.ts';
import { coverageView, worklistView } from './insurance.presenter.ts';
import type { WorklistsService } from './worklists.service.ts';

const officers = auth.roles('officer', 'admin');
const AreaSchema = WorklistQuerySchema.pick({ county: true, township: true });
const emptyToUndefined = (query: unknown) =>
  Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));

/** The worklists per kind (with county and township filters and their download) and the coverage page. */
export async function insurancePages(app: FastifyInstance, opts: { worklists: WorklistsService }) {
  const { worklists } = opts;

  app.route({
    ...page('GET', '/insurance', officers, { personalData: true }),
    handler: async (request, reply) => {
      const query = parseForm(WorklistQuerySchema, { kind: 'uninsured', ...emptyToUndefined(request.query) });
      const [list, areas] = await Promise.all([
        worklists.worklist(request.user!, query),
        worklists.areas(request.user!),
      ]);
      return reply.page('insurance/worklist', worklistView(request.locale, query, list, areas));
    },
  });

  app.route({
    ...page('GET', '/insurance/worklists/export', officers),
    handler: async (request, reply) => {
      const raw = emptyToUndefined(request.query);
      const format = raw.format === 'xlsx' ? 'xlsx' : 'csv';
      const query = parseForm(WorklistQuerySchema, { ...raw, format: undefined });
      const rows = await worklists.export(request.user!, query, format, request.id);
      return sendTable(reply, format, worklistTable(request.locale, query.kind, rows));
    },
  });

  app.route({
    ...page('GET', '/insurance/coverage', officers),
    handler: async (request, reply) => {
      const filter = parseForm(AreaSchema, emptyToUndefined(request.query));
      const [coverage, areas] = await Promise.all([
        worklists.coverageByArea(request.user!, filter),
        worklists.areas(request.user!),
      ]);
      return reply.page('insurance/coverage', {
        ...coverageView(request.locale, coverage.values, coverage.areas),
        regionName: translate(request.locale, 'insurance.coverage.region', { code: coverage.regionCode || '—' }),
        counties: areas.filter((a) => a.code.length === 6).map((a) => ({ ...a, selected: a.code === filter.county })),
      });
    },
  });
}
