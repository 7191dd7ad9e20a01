import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { areaName, dashboardModel, keyCountyModel } from './dashboard.view-model.ts';
import { keyCountyTotals } from './key-county-totals.ts';
import type { IndicatorsRepository } from './indicators.repository.ts';
import { HOME_PROVINCE, type IndicatorSet, type IndicatorsService } from './indicators.service.ts';
import { periodOf } from './period.ts';
import { countyColumns } from './report-tables.ts';
import { IndicatorQuerySchema } from './reports.contract.ts';
import type { ReportsService } from './reports.service.ts';

const ExportSchema = IndicatorQuerySchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

/** The officer's dashboard: cards, charts with their numbers as tables, drill-down, ranked counties. */
export async function dashboardPages(
  app: FastifyInstance,
  opts: { indicators: IndicatorsService; reports: ReportsService; repo: IndicatorsRepository },
) {
  const { indicators, reports, repo } = opts;

  async function figures(request: FastifyRequest, query: unknown): Promise<IndicatorSet> {
    const input = IndicatorQuerySchema.parse(query);
    return indicators.compute(request.user!, {
      regionCode: input.regionCode,
      period: periodOf(input.from, input.to),
    });
  }

  /** Province → city → county, from the actor's own level down to the region shown. */
  async function breadcrumb(request: FastifyRequest, set: IndicatorSet) {
    const scope = scopePrefix(request.user!);
    const codes = [2, 4, 6]
      .filter((n) => n <= set.regionCode.length && n >= Math.max(scope.length, 2))
      .map((n) => set.regionCode.slice(0, n));
    const regions = await Promise.all(codes.map((code) => repo.region(code)));
    return regions
      .filter((r) => r !== null)
      .map((r) => ({ code: r.code, name: areaName(request.locale, r), current: r.code === set.regionCode }));
  }

  app.route({
    ...page('GET', '/dashboard', auth.roles('officer', 'admin')),
    handler: async (request, reply) => {
      const input = IndicatorQuerySchema.parse(request.query);
      const period = periodOf(input.from, input.to);
      const regionCode = input.regionCode ?? (scopePrefix(request.user!) || HOME_PROVINCE);
      // The key counties' totals are computed beside the region's figures (both check the scope).
      const [set, totals] = await Promise.all([
        indicators.compute(request.user!, { regionCode, period }),
        keyCountyTotals(indicators, repo, request.user!, { regionCode, period }),
      ]);
      const name = areaName(request.locale, { name: set.regionName, nameEn: set.regionNameEn });
      const query = new URLSearchParams({ regionCode: set.regionCode, from: set.period.from, to: set.period.to });
      return reply.page('reports/dashboard', {
        title: translate(request.locale, 'reports.dashboard.title', { region: name }),
        set,
        regionDisplayName: name,
        breadcrumb: await breadcrumb(request, set),
        childLevel: set.level === 'province' ? 'city' : 'county',
        exportCsv: `/dashboard/export?${query}&format=csv`,
        exportXlsx: `/dashboard/export?${query}&format=xlsx`,
        ...dashboardModel(request.locale, set),
        keyCounties: keyCountyModel(request.locale, set.values, totals),
        subsidyProgrammes: set.programmes.map((r) => ({
          ...r,
          label: request.locale === 'en' ? r.nameEn : r.name,
        })),
        isAdmin: request.user!.role === 'admin',
      });
    },
  });

  app.route({
    ...page('GET', '/dashboard/export', auth.roles('officer', 'admin')),
    handler: async (request, reply) => {
      const { format, ...query } = ExportSchema.parse(request.query);
      const set = await figures(request, query);
      await reports.auditDashboardExport(request.user!, set.regionCode, format, request.id);
      return sendTable(reply, format, {
        fileName: `${translate(request.locale, 'reports.dashboard.countiesFile')}-${set.regionCode}-${set.period.to}`,
        sheetName: translate(request.locale, 'reports.dashboard.counties'),
        columns: countyColumns(request.locale),
        rows: set.counties,
      });
    },
  });
}
