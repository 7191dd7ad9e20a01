import type { AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';
import { auditedWrite } from './talent-audit.repository.ts';
import { countyYearWhere, type CountyYearFilter, day, RECRUIT_FIGURES, type SealedRecruit } from './talent-where.ts';

/** The key counties' shortage-talent catalogues and the people recruited against them. */
export function createCatalogueRepository(db: Db) {
  return {
    entries: (where: CountyYearFilter) =>
      db.talentCatalogueEntry.findMany({
        where: countyYearWhere(where),
        orderBy: [{ year: 'desc' }, { countyCode: 'asc' }, { field: 'asc' }],
        include: { recruits: RECRUIT_FIGURES },
      }),
    entry: (id: string) =>
      db.talentCatalogueEntry.findUnique({ where: { id }, include: { _count: { select: { recruits: true } } } }),
    createEntry: (
      data: {
        countyCode: string;
        year: number;
        field: string;
        level: string;
        posts: number;
        reservedPoor: number;
        allowancePerMonth: number;
        campaign?: string | undefined;
      },
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, (tx) =>
        tx.talentCatalogueEntry.create({ data: { ...data, campaign: data.campaign ?? null } }),
      ),
    recruits: (where: CountyYearFilter) =>
      db.talentRecruit.findMany({
        where: {
          entry: countyYearWhere(where),
        },
        orderBy: [{ recruitedOn: 'desc' }],
        include: { entry: { select: { countyCode: true, field: true } } },
      }),
    /** Adds a recruit unless the line's (reserved) posts are all taken (counted in the same transaction). */
    addRecruit: (
      line: { id: string; posts: number; reservedPoor: number },
      data: SealedRecruit & { institution: string; allowancePerMonth: number },
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, async (tx) => {
        const entryId = line.id;
        if ((await tx.talentRecruit.count({ where: { entryId } })) >= line.posts) return 'full' as const;
        if (
          data.reservedPost &&
          (await tx.talentRecruit.count({ where: { entryId, reservedPost: true } })) >= line.reservedPoor
        )
          return 'reserved_full' as const;
        if (
          await tx.talentRecruit.findUnique({
            where: { entryId_idNumberHash: { entryId, idNumberHash: data.idNumberHash } },
          })
        )
          return 'duplicate' as const;
        return tx.talentRecruit.create({
          data: { ...data, entryId, recruitedOn: day(data.recruitedOn) },
          include: { entry: { select: { countyCode: true, field: true } } },
        });
      }),
    figureRows: (year: number) =>
      db.talentCatalogueEntry.findMany({
        where: { year },
        select: {
          countyCode: true,
          posts: true,
          reservedPoor: true,
          recruits: RECRUIT_FIGURES,
        },
      }),
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
