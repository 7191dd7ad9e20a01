import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { Area } from '../platform/access/area.ts';
import { areaWhere } from '../platform/database/area-sql.ts';

export type { TechSchoolInternship, TechSchoolPlacement } from '../platform/database/generated/client.ts';

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** Internships and job placements of technical-school students; every write audited in its transaction. */
export function createTechSchoolCareersRepository(db: Db) {
  return {
    place: (id: string) => db.techSchoolPlace.findUnique({ where: { id } }),
    employer: (id: string) =>
      db.employer.findUnique({ where: { id }, select: { id: true, name: true, regionCode: true } }),
    vacancy: (id: string) =>
      db.vacancy.findUnique({ where: { id }, select: { id: true, employerId: true, title: true } }),
    /** Employers of the platform under the prefix, for the forms' choice. */
    employersOf: (prefix: string) =>
      db.employer.findMany({
        where: { regionCode: { startsWith: prefix } },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
        take: 300,
      }),
    /** Vacancies of the employers under the prefix (published or closed since), for the job's choice. */
    vacanciesOf: (prefix: string) =>
      db.vacancy.findMany({
        where: { employer: { regionCode: { startsWith: prefix } }, status: { not: 'draft' } },
        select: { id: true, title: true, employer: { select: { name: true } } },
        orderBy: { createdAt: 'desc' },
        take: 300,
      }),
    internshipsOf: (placeId: string) =>
      db.techSchoolInternship.findMany({ where: { placeId }, orderBy: [{ startOn: 'desc' }, { createdAt: 'desc' }] }),
    placementOf: (placeId: string) => db.techSchoolPlacement.findUnique({ where: { placeId } }),
    createInternship: (data: Prisma.TechSchoolInternshipUncheckedCreateInput, audit: AuditEntry) =>
      db.$transaction(async (tx) => {
        const row = await tx.techSchoolInternship.create({ data });
        await recordAudit(tx, { ...audit, entityId: row.id });
        return row;
      }),
    /**
     * Graduates an enrolled place (when `graduatedOn` is given) and writes the placement (when given),
     * in one transaction; null when the place was no longer in the state read or has a placement already.
     */
    graduate: async (
      id: string,
      graduatedOn: string | null,
      placement: Prisma.TechSchoolPlacementUncheckedCreateInput | null,
      audit: AuditEntry,
    ) => {
      try {
        return await db.$transaction(async (tx) => {
          if (graduatedOn) {
            const moved = await tx.techSchoolPlace.updateMany({
              where: { id, state: 'enrolled' },
              data: { state: 'graduated', graduatedOn: utcDay(graduatedOn) },
            });
            if (!moved.count) return null;
          }
          const row = placement ? await tx.techSchoolPlacement.create({ data: placement }) : null;
          await recordAudit(tx, audit);
          return { place: await tx.techSchoolPlace.findUniqueOrThrow({ where: { id } }), placement: row };
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },
    /** The figures' rows: places in the area graduated within the days given, with their job's start. */
    figureRows: (area: Area, days: { from: string; to: string }) =>
      db.techSchoolPlace.findMany({
        where: {
          ...areaWhere('regionCode', area),
          state: 'graduated',
          graduatedOn: { gte: utcDay(days.from), lte: utcDay(days.to) },
        },
        select: { graduatedOn: true, placement: { select: { startOn: true } } },
      }),
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type TechSchoolCareersRepository = ReturnType<typeof createTechSchoolCareersRepository>;
