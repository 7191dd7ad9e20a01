import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountiesOf } from '../regions/index.ts';
import { campaignPages } from './campaign.pages.ts';
import { cataloguePages } from './catalogue.pages.ts';
import { linkedPages } from './linked.pages.ts';
import { sanzhiyifuPages } from './sanzhiyifu.pages.ts';
import type { recordAuditOf } from './talent-audit.repository.ts';
import type { TalentFiguresSource } from './talent-figures.service.ts';
import { officers } from './talent-page-kit.ts';
import type { TalentServices } from './talent.routes.ts';

/** Scripts can not be inline (CSP): the chart's data rides in a JSON block, `<` escaped. */
const jsonBlock = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');

/** The hub (/talent): the year's figures against the plan's numbers, a chart, and the three sections. */
export async function talentPages(
  app: FastifyInstance,
  opts: TalentServices & {
    figures: TalentFiguresSource;
    counties: CountiesOf;
    audit: ReturnType<typeof recordAuditOf>;
  },
) {
  const { counties, audit } = opts;
  await app.register(sanzhiyifuPages, { sanzhiyifu: opts.sanzhiyifu, counties, audit });
  await app.register(cataloguePages, { catalogue: opts.catalogue, counties, audit });
  await app.register(campaignPages, { campaigns: opts.campaigns, counties, audit });
  await app.register(linkedPages, { linked: opts.linked, counties });

  app.route({
    ...page('GET', '/talent', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const today = new Date().toISOString().slice(0, 10);
      const thisYear = Number(today.slice(0, 4));
      const year = z.coerce
        .number()
        .int()
        .min(2018)
        .max(thisYear)
        .catch(thisYear)
        .parse((request.query as { year?: string }).year ?? thisYear);
      const to = year === thisYear ? today : `${year}-12-31`;
      const prefix = scopePrefix(request.user!);
      const { values: v } = await opts.figures(prefix, { from: `${year}-01-01`, to });
      const province = prefix.length <= 2;
      const t = (key: string) => translate(locale, `talent.hub.${key}`);
      // Targets as the indicators define them (the plan's for the province, its posts below); those
      // completing are set against those whose two-year service falls due in the year, of any plan.
      const rows = [
        { label: t('recruited'), target: v.szyf_target_total, done: v.szyf_recruited },
        { label: t('placedKey'), target: v.szyf_target_key_county, done: v.szyf_placed_key_county },
        { label: t('completed'), target: v.szyf_service_due, done: v.szyf_completed },
        { label: t('catalogue'), target: v.catalogue_posts, done: v.catalogue_filled },
        { label: t('reserved'), target: v.catalogue_reserved, done: v.catalogue_reserved_filled },
        { label: t('campaign'), target: v.campaign_posts, done: v.campaign_filled },
        { label: t('campaignReserved'), target: v.campaign_reserved, done: v.campaign_reserved_filled },
        { label: t('items'), target: v.linked_items, done: v.linked_items_done },
      ];
      return reply.page('talent/index', {
        title: t('title'),
        year,
        years: Array.from({ length: 4 }, (_, i) => thisYear - i).map((y) => ({ value: String(y), label: String(y) })),
        province,
        targetLabel: province ? t('targetPlan') : t('targetPosts'),
        rows,
        other: [
          { label: t('townshipHire'), value: v.szyf_township_hire },
          { label: t('trained'), value: v.szyf_trained },
          { label: t('progress'), value: `${v.linked_projects_progress}%` },
          { label: t('pairings'), value: v.linked_pairings },
          { label: t('pairingAmount'), value: v.linked_pairing_amount },
        ],
        chart: jsonBlock({ rows, labels: { target: t('target'), done: t('done') } }),
      });
    },
  });
}
