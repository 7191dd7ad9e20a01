import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountiesOf } from '../regions/index.ts';
import { CampaignInputSchema, CampaignRecruitInputSchema } from './campaign.contract.ts';
import type { CampaignService } from './campaign.service.ts';
import type { recordAuditOf } from './talent-audit.repository.ts';
import { talentTables } from './talent.export.ts';
import { exportFormat, type FormProblem, officers, savedOf, submitForm } from './talent-page-kit.ts';

/** An id that finds nothing: a form sent without a campaign is refused as "not found", in words. */
const NO_ID = '00000000-0000-4000-8000-000000000000';

/** Special recruitment campaigns of township public institutions in key counties (/talent/campaigns). */
export async function campaignPages(
  app: FastifyInstance,
  opts: { campaigns: CampaignService; counties: CountiesOf; audit: ReturnType<typeof recordAuditOf> },
) {
  const { campaigns, counties, audit } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200) {
    const user = request.user!;
    const scope = scopePrefix(user);
    const [items, recruits, all] = await Promise.all([
      campaigns.campaigns(user, {}),
      campaigns.recruits(user, {}),
      counties('35'),
    ]);
    return reply.page(
      'talent/campaigns',
      {
        title: translate(request.locale, 'talent.campaigns.title'),
        items,
        recruits,
        keyCounties: all
          .filter((c) => c.keyCounty && c.code.startsWith(scope))
          .map((c) => ({ value: c.code, label: c.name })),
        open: items
          .filter((c) => c.recruited < c.posts)
          .map((c) => ({ value: c.id, label: `${c.year} ${c.countyName} · ${c.institution} · ${c.title}` })),
        year: new Date().getUTCFullYear(),
        today: new Date().toISOString().slice(0, 10),
        problem,
        values: problem?.values ?? {},
        saved: savedOf(request.query),
      },
      status,
    );
  }

  app.route({ ...page('GET', '/talent/campaigns', officers), handler: (request, reply) => render(request, reply) });
  app.route({
    ...page('POST', '/talent/campaigns', officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'campaign',
        async (v) => {
          await campaigns.createCampaign(request.user!, parseForm(CampaignInputSchema, v));
          return '/talent/campaigns';
        },
        (p, s) => render(request, reply, p, s),
      ),
  });
  app.route({
    ...page('POST', '/talent/campaigns/recruits', officers, { personalData: true }),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'recruit',
        async (v) => {
          const id = z.uuid().safeParse(v.campaignId);
          const input = parseForm(CampaignRecruitInputSchema, { ...v, poorFamily: v.poorFamily === 'on' });
          await campaigns.addRecruit(request.user!, id.success ? id.data : NO_ID, input);
          return '/talent/campaigns';
        },
        (p, s) => render(request, reply, p, s),
      ),
  });
  app.route({
    ...page('GET', '/talent/campaigns/export', officers),
    handler: async (request, reply) => {
      const list = z
        .enum(['campaigns', 'recruits'])
        .catch('campaigns')
        .parse((request.query as { list?: string }).list);
      const format = exportFormat(request.query);
      const user = request.user!;
      if (list === 'campaigns')
        return sendTable(reply, format, talentTables.campaigns(request.locale, await campaigns.campaigns(user, {})));
      const rows = await campaigns.recruits(user, {});
      await audit(user, 'talent.campaign_recruits.export', 'TalentCampaignRecruit', request.id, {
        rows: rows.length,
        format,
      });
      return sendTable(reply, format, talentTables.campaignRecruits(request.locale, rows));
    },
  });
}
