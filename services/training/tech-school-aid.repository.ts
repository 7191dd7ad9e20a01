import { registeredPoorWhere } from '../labourers/index.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { Area } from '../platform/access/area.ts';
import { areaWhere } from '../platform/database/area-sql.ts';

export type { TechSchoolAid } from '../platform/database/generated/client.ts';

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** The registry's fields the applicants list and the schools' lists are read with (no ID number in clear). */
const PERSON = {
  id: true,
  name: true,
  idNumberMasked: true,
  regionCode: true,
  birthDate: true,
  educationLevel: true,
  povertyStatus: true,
  povertyYear: true,
  povertyHouseholdNo: true,
  erasedAt: true,
} as const;

/** Aid (资助) of technical-school students, the registry's young people of poor families, the places of children. */
export function createTechSchoolAidRepository(db: Db) {
  return {
    place: (id: string) => db.techSchoolPlace.findUnique({ where: { id } }),
    aidOf: (placeId: string) =>
      db.techSchoolAid.findMany({ where: { placeId }, orderBy: [{ term: 'desc' }, { kind: 'asc' }] }),
    /** Writes the aid; null when the student has this kind of aid for the term already. */
    createAid: async (data: Prisma.TechSchoolAidUncheckedCreateInput, audit: AuditEntry) => {
      try {
        return await db.$transaction(async (tx) => {
          const row = await tx.techSchoolAid.create({ data });
          await recordAudit(tx, { ...audit, entityId: row.id });
          return row;
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },
    /** Enrolled places under the prefix (of an intake year), each with its aid (of a term). */
    students: (prefix: string, year: number | undefined, term: string | undefined, take = 2000) =>
      db.techSchoolPlace.findMany({
        where: { regionCode: { startsWith: prefix }, state: 'enrolled', ...(year ? { year } : {}) },
        include: { aid: { where: term ? { term } : {}, orderBy: [{ term: 'desc' }, { kind: 'asc' }] } },
        orderBy: [{ year: 'desc' }, { enrolledAt: 'asc' }],
        take,
      }),
    /**
     * The figures' rows: places in the area of the intake years given, with the kinds of aid
     * granted between `from` and `to` (Beijing calendar days, both included).
     */
    figureRows: (area: Area, years: { from: number; to: number }, days: { from: string; to: string }) =>
      db.techSchoolPlace.findMany({
        where: {
          ...areaWhere('regionCode', area),
          year: { gte: years.from, lte: years.to },
          state: { in: ['enrolled', 'graduated'] },
        },
        select: {
          state: true,
          year: true,
          enrolledAt: true,
          graduatedOn: true,
          aid: {
            where: { grantedOn: { gte: utcDay(days.from), lte: utcDay(days.to) } },
            select: { kind: true, grantedOn: true },
          },
        },
      }),
    /** Young people of the registry under the prefix, born in the years given, who left junior or senior school. */
    youngSchoolLeavers: (prefix: string, born: { from: number; to: number }) =>
      db.labourer.findMany({
        where: {
          regionCode: { startsWith: prefix },
          erasedAt: null,
          educationLevel: { in: ['junior_secondary', 'senior_secondary'] },
          birthDate: { gte: utcDay(`${born.from}-01-01`), lte: utcDay(`${born.to}-12-31`) },
        },
        select: PERSON,
        orderBy: [{ regionCode: 'asc' }, { birthDate: 'desc' }, { id: 'asc' }],
        take: 5000,
      }),
    /** People of the registry by id (the schools' lists, matched by the ID number's hash). */
    people: (ids: string[]) =>
      ids.length ? db.labourer.findMany({ where: { id: { in: ids }, erasedAt: null }, select: PERSON }) : [],
    /** Registered poor members of the households numbered so (贫困户编号), for a child registered only through them. */
    poorHouseholdMembers: (householdNos: string[]) =>
      householdNos.length
        ? db.labourer.findMany({
            where: { ...registeredPoorWhere(), povertyHouseholdNo: { in: householdNos } },
            select: { id: true, regionCode: true, povertyHouseholdNo: true },
            orderBy: { createdAt: 'asc' },
          })
        : [],
    /** The places of these children (as registered people), newest intake first. */
    placesOfChildren: (childIds: string[]) =>
      childIds.length
        ? db.techSchoolPlace.findMany({
            where: { childLabourerId: { in: childIds } },
            select: { id: true, childLabourerId: true, state: true, year: true },
            orderBy: { year: 'desc' },
          })
        : [],
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type TechSchoolAidRepository = ReturnType<typeof createTechSchoolAidRepository>;
export type RegistryYouth = Awaited<ReturnType<TechSchoolAidRepository['youngSchoolLeavers']>>[number];
