import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { displayFair, fieldList, type FormBody } from './fairs.view-model.ts';
import type { ResultsView } from './fairs.contract.ts';
import type { FairServices } from './fair-services.ts';
import { fairIdOf } from './fairs.view-model.ts';

const officer = auth.roles('officer', 'admin');

/** Result rows with their labels, for tables, charts and exports. */
function labelled(locale: string, results: ResultsView, regionName: (code: string) => string) {
  const group = (key: string) => translate(locale, `fairs.groups.${key}`);
  return {
    ...results,
    byCounty: results.byCounty.map((r) => ({ ...r, label: regionName(r.key) || r.key })),
    byGroup: results.byGroup.map((r) => ({ ...r, label: group(r.key) })),
  };
}

/** Results of one fair (table, charts, CSV/XLSX) and fairs side by side. */
export async function fairResultsPages(app: FastifyInstance, s: FairServices) {
  async function resultsFor(request: FastifyRequest, id: string) {
    const ref = await s.fairs.reference();
    const results = await s.results.results(request.user!, id);
    return labelled(request.locale, results, (code) => (ref.hasRegion(code) ? ref.regionName(code) : code));
  }

  app.route({
    ...page('GET', '/fairs/:id/results', officer),
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const fair = await s.fairs.get(request.user!, id);
      const results = await resultsFor(request, id);
      const chart = {
        labels: {
          registered: translate(request.locale, 'fairs.results.registered'),
          attended: translate(request.locale, 'fairs.results.attended'),
          hired90: translate(request.locale, 'fairs.results.hired90'),
        },
        byGroup: results.byGroup.map((r) => ({
          label: r.label,
          registered: r.registered,
          attended: r.attended,
          hired90: r.hired90,
        })),
        byCounty: results.byCounty.map((r) => ({
          label: r.label,
          registered: r.registered,
          attended: r.attended,
          hired90: r.hired90,
        })),
      };
      return reply.page('fairs/results', {
        title: translate(request.locale, 'fairs.results.title'),
        fair: displayFair(fair),
        results,
        chartData: JSON.stringify(chart).replace(/</g, '\\u003c'),
      });
    },
  });

  app.route({
    ...page('GET', '/fairs/:id/results/export', officer),
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const results = await resultsFor(request, id);
      const l = (key: string) => translate(request.locale, `fairs.results.${key}`);
      const rows = [
        { part: l('total'), ...results.total, label: l('total') },
        ...results.byCounty.map((r) => ({ part: l('byCounty'), ...r })),
        ...results.byGroup.map((r) => ({ part: l('byGroup'), ...r })),
      ];
      type Row = (typeof rows)[number];
      const num = (key: keyof ResultsView['total']) => ({ header: l(key), value: (r: Row) => r[key] });
      return sendTable(reply, format, {
        fileName: `fair-results-${id.slice(0, 8)}`,
        columns: [
          { header: l('part'), value: (r: Row) => r.part },
          { header: l('item'), value: (r: Row) => r.label, width: 24 },
          num('registered'),
          num('attended'),
          num('interviewed'),
          num('intentions'),
          num('offers'),
          num('hired30'),
          num('hired90'),
        ],
        rows,
      });
    },
  });

  app.route({
    ...page('GET', '/fairs/compare', officer),
    handler: async (request, reply) => {
      const ids = fieldList(request.query as FormBody, 'ids')
        .flatMap((value) => value.split(','))
        .filter(Boolean)
        .slice(0, 6);
      const all = (await s.fairs.list(request.user!, { page: 1, pageSize: 100 })).items.map(displayFair);
      const compared: ResultsView[] = [];
      for (const id of ids) {
        if (!all.some((f) => f.id === id)) continue;
        compared.push(await s.results.results(request.user!, id));
      }
      const metrics = ['registered', 'attended', 'interviewed', 'intentions', 'offers', 'hired30', 'hired90'] as const;
      const rows = [
        { key: 'employers', values: compared.map((c) => c.employers) },
        { key: 'vacancies', values: compared.map((c) => c.vacancies) },
        ...metrics.map((m) => ({ key: m, values: compared.map((c) => c.total[m]) })),
      ];
      const chart = {
        labels: Object.fromEntries(metrics.map((m) => [m, translate(request.locale, `fairs.results.${m}`)])),
        fairs: compared.map((c) => ({ label: c.name, ...c.total })),
      };
      return reply.page('fairs/compare', {
        title: translate(request.locale, 'fairs.compare.title'),
        all,
        selected: ids,
        compared,
        rows,
        chartData: JSON.stringify(chart).replace(/</g, '\\u003c'),
      });
    },
  });
}
