import type { AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';
import { auditedWrite } from './talent-audit.repository.ts';
import { countyYearWhere, type CountyYearFilter, day, RECRUIT_FIGURES, type SealedRecruit } from './talent-where.ts';

/** Special recruitment campaigns (专项招聘) of key counties' township institutions, and their recruits. */
export function createCampaignRepository(db: Db) {
  return {
    campaigns: (where: CountyYearFilter) =>
      db.talentCampaign.findMany({
        where: countyYearWhere(where),
        orderBy: [{ year: 'desc' }, { countyCode: 'asc' }, { institution: 'asc' }, { id: 'asc' }],
        include: { recruits: RECRUIT_FIGURES },
        take: 2000,
      }),

    campaign: (id: string) => db.talentCampaign.findUnique({ where: { id }, include: { recruits: RECRUIT_FIGURES } }),

    createCampaign: (
      data: {
        countyCode: string;
        year: number;
        institution: string;
        title: string;
        posts: number;
        reservedPoor: number;
        createdById: string;
      },
      audit: AuditEntry,
    ) => auditedWrite(db, audit, (tx) => tx.talentCampaign.create({ data })),

    recruits: (where: CountyYearFilter) =>
      db.talentCampaignRecruit.findMany({
        where: {
          campaign: countyYearWhere(where),
        },
        orderBy: [{ recruitedOn: 'desc' }, { id: 'asc' }],
        include: { campaign: { select: { countyCode: true, year: true, institution: true, title: true } } },
        take: 5000,
      }),

    /** Adds a recruit unless every (reserved) post is taken (counted in the same transaction) or the person is on it already. */
    addRecruit: (
      campaign: { id: string; posts: number; reservedPoor: number },
      data: SealedRecruit & { post: string; createdById: string },
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, async (tx) => {
        const campaignId = campaign.id;
        if (
          await tx.talentCampaignRecruit.findUnique({
            where: { campaignId_idNumberHash: { campaignId, idNumberHash: data.idNumberHash } },
          })
        )
          return 'duplicate' as const;
        if ((await tx.talentCampaignRecruit.count({ where: { campaignId } })) >= campaign.posts) return 'full' as const;
        if (
          data.reservedPost &&
          (await tx.talentCampaignRecruit.count({ where: { campaignId, reservedPost: true } })) >= campaign.reservedPoor
        )
          return 'reserved_full' as const;
        return tx.talentCampaignRecruit.create({
          data: { ...data, campaignId, recruitedOn: day(data.recruitedOn) },
          include: { campaign: { select: { countyCode: true, year: true, institution: true, title: true } } },
        });
      }),

    /** The campaigns of a year with what the figures need. */
    figureRows: (year: number) =>
      db.talentCampaign.findMany({
        where: { year },
        select: { countyCode: true, posts: true, reservedPoor: true, recruits: RECRUIT_FIGURES },
      }),
  };
}

export type CampaignRepository = ReturnType<typeof createCampaignRepository>;
