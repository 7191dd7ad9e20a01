import type { FastifyInstance } from 'fastify';
import type { CountiesOf } from '../regions/index.ts';
import { CampaignInputSchema, CampaignRecruitInputSchema } from './campaign.contract.ts';
import type { CampaignService } from './campaign.service.ts';
import type { recordAuditOf } from './talent-audit.repository.ts';
import { talentTables } from './talent.export.ts';
import { recruitListPages } from './talent-page-kit.ts';

/** Special recruitment campaigns of township public institutions in key counties (/talent/campaigns). */
export async function campaignPages(
  app: FastifyInstance,
  opts: { campaigns: CampaignService; counties: CountiesOf; audit: ReturnType<typeof recordAuditOf> },
) {
  const { campaigns } = opts;
  recruitListPages(app, opts, {
    path: '/talent/campaigns',
    view: 'talent/campaigns',
    titleKey: 'talent.campaigns.title',
    parents: {
      form: 'campaign',
      viewKey: 'items',
      list: 'campaigns',
      load: (user) => campaigns.campaigns(user, {}),
      schema: CampaignInputSchema,
      create: (user, input, requestId) => campaigns.createCampaign(user, input, requestId),
      isOpen: (c) => c.recruited < c.posts,
      label: (c) => `${c.year} ${c.countyName} · ${c.institution} · ${c.title}`,
      table: talentTables.campaigns,
    },
    recruits: {
      idField: 'campaignId',
      load: (user) => campaigns.recruits(user, {}),
      schema: CampaignRecruitInputSchema,
      add: (user, id, input, requestId) => campaigns.addRecruit(user, id, input, requestId),
      table: talentTables.campaignRecruits,
      audit: ['talent.campaign_recruits.export', 'TalentCampaignRecruit'],
    },
  });
}
