import { scopePrefix } from '../platform/access/scope.ts';
import { maskName, type PiiCipher } from '../platform/crypto/pii.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { CountiesOf } from '../regions/index.ts';
import type { PovertyByIdNumber } from '../labourers/index.ts';
import type {
  CampaignInput,
  CampaignQuery,
  CampaignRecruitInput,
  CampaignRecruitView,
  CampaignView,
} from './campaign.contract.ts';
import type { CampaignRepository } from './campaign.repository.ts';
import { filledOf } from './catalogue.service.ts';
import { type Actor, audited, dayOf, recruitStanding, requireInScope, sealIdNumber } from './talent-access.ts';

type CampaignRow = Awaited<ReturnType<CampaignRepository['campaigns']>>[number];
type RecruitRow = Awaited<ReturnType<CampaignRepository['recruits']>>[number];

const recruitView = (r: RecruitRow): CampaignRecruitView => ({
  id: r.id,
  campaignId: r.campaignId,
  countyCode: r.campaign.countyCode,
  institution: r.campaign.institution,
  campaignTitle: r.campaign.title,
  maskedName: maskName(r.name),
  idNumberMasked: r.idNumberMasked,
  post: r.post,
  poorFamily: r.poorFamily,
  localToCounty: r.localToCounty,
  reservedPost: r.reservedPost,
  recruitedOn: dayOf(r.recruitedOn),
});

/**
 * Special recruitment campaigns (专项招聘) of township public institutions in key counties (plan
 * §5(1)): a county or province officer records a campaign with its posts and the posts reserved for
 * local poor-family candidates, then the people recruited by it.
 */
export function createCampaignService(deps: {
  repo: CampaignRepository;
  pii: PiiCipher;
  counties: CountiesOf;
  povertyOf: PovertyByIdNumber;
}) {
  const { repo, pii, counties, povertyOf } = deps;
  const countyMap = async () => new Map((await counties('35')).map((c) => [c.code, c]));

  function view(row: CampaignRow, names: Awaited<ReturnType<typeof countyMap>>): CampaignView {
    return {
      id: row.id,
      countyCode: row.countyCode,
      countyName: names.get(row.countyCode)?.name ?? row.countyCode,
      year: row.year,
      institution: row.institution,
      title: row.title,
      posts: row.posts,
      reservedPoor: row.reservedPoor,
      recruited: row.recruits.length,
      poorRecruited: row.recruits.filter((r) => r.poorFamily).length,
      ...filledOf(row),
    };
  }

  return {
    async campaigns(actor: Actor, query: CampaignQuery) {
      const names = await countyMap();
      return (await repo.campaigns({ ...query, prefix: scopePrefix(actor) })).map((row) => view(row, names));
    },

    async createCampaign(actor: Actor, input: CampaignInput, requestId?: string) {
      requireInScope(actor, input.countyCode, 'countyCode');
      const names = await countyMap();
      if (!names.get(input.countyCode)?.keyCounty)
        throw new ValidationError('Not a key county', [
          { field: 'countyCode', code: 'not_key_county', message: 'is not a provincial key county' },
        ]);
      if (input.reservedPoor > input.posts)
        throw new ValidationError('Reserve over the posts', [
          { field: 'reservedPoor', code: 'over_posts', message: 'must not exceed the posts' },
        ]);
      const row = await repo.createCampaign(
        { ...input, createdById: actor.id },
        {
          ...audited(actor, 'talent.campaign.create', 'TalentCampaign', requestId),
          details: {
            countyCode: input.countyCode,
            year: input.year,
            posts: input.posts,
            reservedPoor: input.reservedPoor,
          },
        },
      );
      return view({ ...row, recruits: [] }, names);
    },

    async recruits(actor: Actor, query: CampaignQuery) {
      return (await repo.recruits({ ...query, prefix: scopePrefix(actor) })).map(recruitView);
    },

    /** A recruit of a campaign: poor family and local read from the registry, never ticked by the officer. */
    async addRecruit(actor: Actor, campaignId: string, input: CampaignRecruitInput, requestId?: string) {
      const campaign = await repo.campaign(campaignId);
      if (!campaign || !campaign.countyCode.startsWith(scopePrefix(actor)))
        throw new NotFoundError(`Campaign ${campaignId} not found`);
      const sealed = sealIdNumber(pii, input.idNumber);
      const standing = await recruitStanding(povertyOf, input.idNumber, campaign.countyCode, input.reservedPost);
      const row = await repo.addRecruit(
        campaign,
        {
          name: input.name,
          ...sealed,
          ...standing,
          reservedPost: input.reservedPost,
          post: input.post,
          recruitedOn: input.recruitedOn,
          createdById: actor.id,
        },
        {
          ...audited(actor, 'talent.campaign.recruit.add', 'TalentCampaignRecruit', requestId),
          details: { campaignId, idNumber: sealed.idNumberMasked, reservedPost: input.reservedPost, ...standing },
        },
      );
      if (row === 'full') throw new ConflictError('Every post of the campaign is filled', { reason: 'campaign_full' });
      if (row === 'reserved_full')
        throw new ConflictError('Every reserved post of the campaign is filled', { reason: 'reserved_full' });
      if (row === 'duplicate')
        throw new ConflictError('Already recruited by this campaign', { reason: 'campaign_duplicate' });
      return recruitView(row);
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
