import type { FastifyInstance } from 'fastify';
import { scopePrefix } from '../platform/access/scope.ts';
import { auth, page } from '../platform/http/contract.ts';
import { fieldErrors, zodIssues } from '../platform/http/form-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { FilingsQuerySchema } from './filings.contract.ts';
import { filingsModel } from './filings.view-model.ts';
import type { FilingsService } from './filings.service.ts';
import { REPORT_GROUPS } from './indicators.ts';
import { today } from './period.ts';

/** Who has filed and who has not (province and city views), with links and downloads; no JavaScript needed. */
export async function filingsPages(app: FastifyInstance, opts: { filings: FilingsService }) {
  const { filings } = opts;

  app.route({
    ...page('GET', '/reports/filings', auth.roles('officer', 'admin')),
    handler: async (request, reply) => {
      const raw = Object.fromEntries(
        Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>;
      const year = today().slice(0, 4);
      const form = { kind: 'yearly', year, quarter: '', group: '', regionCode: '', outstanding: '', ...raw };
      const parsed = FilingsQuerySchema.safeParse(form);
      const errors = parsed.success ? {} : fieldErrors(request.locale, zodIssues(parsed.error));
      const query = parsed.success ? parsed.data : FilingsQuerySchema.parse({ kind: 'yearly', year });
      const list = await filings.filings(request.user!, query);
      const search = new URLSearchParams({
        kind: list.cycle.kind,
        year: String(list.cycle.year),
        ...(list.cycle.quarter ? { quarter: String(list.cycle.quarter) } : {}),
        ...(list.cycle.group ? { group: list.cycle.group } : {}),
        regionCode: list.region.code,
        ...(query.outstanding ? { outstanding: 'true' } : {}),
      });
      const scope = scopePrefix(request.user!);
      return reply.page(
        'reports/filings',
        {
          title: translate(request.locale, 'reports.filings.title'),
          ...filingsModel(request.locale, list),
          form,
          errors,
          groups: REPORT_GROUPS,
          years: Array.from({ length: 5 }, (_, i) => String(Number(year) - i)),
          ownView: list.region.code !== (scope || list.region.code.slice(0, 2)),
          exportCsv: `/api/v1/reports/filings/export?${search}&format=csv&lang=${request.locale}`,
          exportXlsx: `/api/v1/reports/filings/export?${search}&format=xlsx&lang=${request.locale}`,
          query: (() => {
            const base = new URLSearchParams(search);
            base.delete('regionCode');
            return base.toString();
          })(),
        },
        parsed.success ? 200 : 422,
      );
    },
  });
}
