import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

import type { TechSchoolPlaceState } from '../platform/database/generated/enums.ts';
import type { Area } from '../platform/access/area.ts';
import { areaWhere } from '../platform/database/area-sql.ts';

export type { TechSchoolPlace } from '../platform/database/generated/client.ts';

export interface PlaceQuery {
  prefix: string;
  year?: number | undefined;
  state?: TechSchoolPlaceState | undefined;
}

/** Technical-school places of poor families' children; every write audited in its transaction. */
export function createTechSchoolsRepository(db: Db) {
  return {
    person: (id: string) =>
      db.labourer.findUnique({
        where: { id },
        select: { id: true, regionCode: true, povertyStatus: true, povertyYear: true, erasedAt: true },
      }),
    place: (id: string) => db.techSchoolPlace.findUnique({ where: { id } }),
    list: (query: PlaceQuery, take = 2000) =>
      db.techSchoolPlace.findMany({
        where: {
          regionCode: { startsWith: query.prefix },
          ...(query.year ? { year: query.year } : {}),
          ...(query.state ? { state: query.state } : {}),
        },
        orderBy: [{ year: 'desc' }, { createdAt: 'asc' }],
        take,
      }),
    /** Every place of the intake year in the area: state only (the figures). */
    figureRows: (area: Area, year: number) =>
      db.techSchoolPlace.findMany({
        where: { ...areaWhere('regionCode', area), year },
        select: { state: true },
      }),
    /** Creates the place; null when the same child of the household is recorded for the year already. */
    create: async (data: Prisma.TechSchoolPlaceUncheckedCreateInput, audit: AuditEntry) => {
      try {
        return await db.$transaction(async (tx) => {
          const row = await tx.techSchoolPlace.create({ data });
          await recordAudit(tx, { ...audit, entityId: row.id });
          return row;
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },
    /** Moves a place on from the state it was read in; null when it changed meanwhile. */
    step: (
      id: string,
      from: TechSchoolPlaceState,
      data: Prisma.TechSchoolPlaceUpdateManyMutationInput,
      audit: AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
        const moved = await tx.techSchoolPlace.updateMany({ where: { id, state: from }, data });
        if (!moved.count) return null;
        await recordAudit(tx, audit);
        return tx.techSchoolPlace.findUniqueOrThrow({ where: { id } });
      }),
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type TechSchoolsRepository = ReturnType<typeof createTechSchoolsRepository>;
