import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { GraduateStatus } from '../platform/database/generated/enums.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { GraduateFilter } from './graduates.contract.ts';
import type { Area } from '../platform/access/area.ts';
import { areaWhere } from '../platform/database/area-sql.ts';

/** A graduate to write: what the school list or the officer gives, linked to the registry. */
export interface GraduateWrite {
  labourerId: string;
  regionCode: string;
  schoolName: string;
  schoolKind: Prisma.GraduateCreateInput['schoolKind'];
  major: string;
  graduationYear: number;
  leftSchoolOn: Date;
  wish: Prisma.GraduateCreateInput['wish'];
  status: GraduateStatus;
  occupations: string[];
  /**
   * Set when the day of leaving school lies ahead and no status was given: the day (today) a
   * graduate the system had already marked left without work, on an earlier day of leaving, is
   * put back in school (a school's corrected list moved the day).
   */
  backInSchoolOn?: Date;
}

/** A status change with its day; the pairing, if open, ends when the graduate is in work or study. */
export interface StatusWrite {
  graduateId: string;
  from: GraduateStatus;
  to: GraduateStatus;
  on: Date;
  note: string | null;
  byId: string | null;
  /** Set the first day in work or business (null: leave as it is). */
  workFoundOn: Date | null;
  endPairing: { reason: 'employed' | 'started_business' | 'further_study' | 'other'; at: Date; note?: string } | null;
}

const OPEN_PAIRING = {
  pairings: { where: { endedAt: null }, select: { id: true, matchmakerId: true }, take: 1 },
} as const;

function where(prefix: string, filter: GraduateFilter): Prisma.GraduateWhereInput {
  return {
    regionCode: { startsWith: filter.regionCode && filter.regionCode.startsWith(prefix) ? filter.regionCode : prefix },
    ...(filter.year ? { graduationYear: filter.year } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.schoolKind ? { schoolKind: filter.schoolKind } : {}),
    ...(filter.school ? { schoolName: { contains: filter.school } } : {}),
    ...(filter.paired === 'yes' ? { pairings: { some: {} } } : {}),
    ...(filter.paired === 'no' ? { pairings: { none: {} } } : {}),
  };
}

async function changeStatus(tx: Prisma.TransactionClient, write: StatusWrite) {
  const moved = await tx.graduate.updateMany({
    where: { id: write.graduateId, status: write.from },
    data: {
      status: write.to,
      statusSince: write.on,
      ...(write.workFoundOn ? { workFoundOn: write.workFoundOn } : {}),
    },
  });
  if (moved.count === 0) return false;
  await tx.graduateStatusChange.create({
    data: {
      graduateId: write.graduateId,
      fromStatus: write.from,
      toStatus: write.to,
      on: write.on,
      note: write.note,
      byId: write.byId,
    },
  });
  if (write.endPairing) {
    await tx.matchmakerPairing.updateMany({
      where: { graduateId: write.graduateId, endedAt: null },
      data: {
        endedAt: write.endPairing.at,
        endReason: write.endPairing.reason,
        ...(write.endPairing.note ? { endNote: write.endPairing.note } : {}),
        openKey: null,
      },
    });
  }
  return true;
}

/**
 * A school's corrected list moved the day of leaving ahead: the graduate is in school again. Only a
 * status that came from the day of leaving (the system's move, or the one given at registration)
 * is undone; a status an officer changed stays. A 就业红娘 pairs with a graduate who left without
 * work: one still in school is not theirs yet (paired again once the new day of leaving has come).
 */
async function backInSchool(
  tx: Prisma.TransactionClient,
  graduateId: string,
  leftSchoolOn: Date,
  on: Date,
  byId: string | null,
) {
  const last = await tx.graduateStatusChange.findFirst({ where: { graduateId }, orderBy: { createdAt: 'desc' } });
  if (last?.toStatus !== 'left_without_work' || (last.byId !== null && last.fromStatus !== null)) return;
  const note = `离校日期改为 ${leftSchoolOn.toISOString().slice(0, 10)}`;
  await changeStatus(tx, {
    graduateId,
    from: 'left_without_work',
    to: 'in_school',
    on,
    note,
    byId,
    workFoundOn: null,
    endPairing: { reason: 'other', at: new Date(), note: `${note}，回到在校` },
  });
}

/** The day of leaving school: in-school graduates whose day has come, moved in batches (graduates.jobs.ts). */
function leavingQueries(db: Db) {
  return {
    /** In-school graduates whose day of leaving school is on or before `today`, a batch at a time. */
    leavingDue: (today: Date, take: number) =>
      db.graduate.findMany({
        where: { status: 'in_school', leftSchoolOn: { lte: today } },
        select: { id: true, leftSchoolOn: true },
        orderBy: { id: 'asc' },
        take,
      }),

    /**
     * Moves one batch of in-school graduates to left_without_work as of their day of leaving school,
     * each with its history row signed by nobody (the system) and noted `note`: one short transaction,
     * one update per day of leaving. A graduate whose status changed meanwhile is left as it is.
     */
    markLeftSchool: (rows: Array<{ id: string; leftSchoolOn: Date }>, note: string) =>
      db.$transaction(async (tx) => {
        const byDay = new Map<number, string[]>();
        for (const row of rows)
          byDay.set(row.leftSchoolOn.getTime(), [...(byDay.get(row.leftSchoolOn.getTime()) ?? []), row.id]);
        let moved = 0;
        for (const [time, ids] of byDay) {
          const on = new Date(time);
          const done = await tx.graduate.updateManyAndReturn({
            where: { id: { in: ids }, status: 'in_school' },
            data: { status: 'left_without_work', statusSince: on },
            select: { id: true },
          });
          await tx.graduateStatusChange.createMany({
            data: done.map((g) => ({
              graduateId: g.id,
              fromStatus: 'in_school' as const,
              toStatus: 'left_without_work' as const,
              on,
              note,
              byId: null,
            })),
          });
          moved += done.length;
        }
        return moved;
      }),
  };
}

/** The graduates module's queries of its own tables (the registry is read through labourers). */
export function createGraduatesRepository(db: Db) {
  return {
    ...leavingQueries(db),
    find: (id: string) =>
      db.graduate.findUnique({
        where: { id },
        include: { ...OPEN_PAIRING, history: { orderBy: { createdAt: 'asc' } } },
      }),

    existing: (labourerId: string, graduationYear: number) =>
      db.graduate.findUnique({ where: { labourerId_graduationYear: { labourerId, graduationYear } } }),

    /** Writes graduates in one transaction: a new one with its first history row, a known one updated. */
    async save(rows: GraduateWrite[], byId: string): Promise<{ created: string[]; updated: string[] }> {
      return db.$transaction(async (tx) => {
        const created: string[] = [];
        const updated: string[] = [];
        for (const row of rows) {
          const key = { labourerId: row.labourerId, graduationYear: row.graduationYear };
          const known = await tx.graduate.findUnique({ where: { labourerId_graduationYear: key } });
          const { backInSchoolOn, ...write } = row;
          if (known) {
            const { status: _status, ...facts } = write;
            await tx.graduate.update({ where: { id: known.id }, data: facts });
            if (backInSchoolOn && known.status === 'left_without_work')
              await backInSchool(tx, known.id, row.leftSchoolOn, backInSchoolOn, byId);
            updated.push(known.id);
            continue;
          }
          const graduate = await tx.graduate.create({
            data: {
              ...write,
              statusSince: row.leftSchoolOn < new Date() ? row.leftSchoolOn : new Date(),
              createdById: byId,
            },
          });
          await tx.graduateStatusChange.create({
            data: { graduateId: graduate.id, toStatus: row.status, on: graduate.statusSince, byId },
          });
          created.push(graduate.id);
        }
        return { created, updated };
      });
    },

    changeStatus: (write: StatusWrite) => db.$transaction((tx) => changeStatus(tx, write)),

    async list(prefix: string, filter: GraduateFilter, page: number, pageSize: number) {
      const w = where(prefix, filter);
      const [items, total] = await Promise.all([
        db.graduate.findMany({
          where: w,
          include: OPEN_PAIRING,
          orderBy: [{ graduationYear: 'desc' }, { regionCode: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.graduate.count({ where: w }),
      ]);
      return { items, total };
    },

    /** Graduates of one year in an area (a prefix or several), with what the figures need. */
    figuresRows: (area: Area, year: number) =>
      db.graduate.findMany({
        where: { ...areaWhere('regionCode', area), graduationYear: year },
        select: {
          regionCode: true,
          schoolName: true,
          status: true,
          leftSchoolOn: true,
          workFoundOn: true,
          pairings: { select: { startedAt: true }, take: 1, orderBy: { startedAt: 'asc' } },
          history: { where: { toStatus: { in: ['employed', 'started_business'] } }, select: { on: true } },
        },
      }),

    /** Graduates of a labourer still looking for work (a hire through the platform moves them). */
    seekingFor: (labourerId: string) =>
      db.graduate.findMany({
        where: { labourerId, status: { in: ['left_without_work', 'in_school'] } },
        select: { id: true, status: true, leftSchoolOn: true, workFoundOn: true },
      }),

    /** The person's graduate record of the latest graduation year (the subsidy's facts). */
    latestOfPerson: (labourerId: string) =>
      db.graduate.findFirst({
        where: { labourerId },
        orderBy: { graduationYear: 'desc' },
        select: { id: true, graduationYear: true, schoolKind: true, wish: true, status: true },
      }),

    regionNames: async (codes: string[]) =>
      new Map(
        (
          await db.region.findMany({ where: { code: { in: [...new Set(codes)] } }, select: { code: true, name: true } })
        ).map((r) => [r.code, r.name]),
      ),

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type GraduatesRepository = ReturnType<typeof createGraduatesRepository>;
export type GraduateRow = NonNullable<Awaited<ReturnType<GraduatesRepository['find']>>>;
export type GraduateListRow = Awaited<ReturnType<GraduatesRepository['list']>>['items'][number];
export type FiguresRow = Awaited<ReturnType<GraduatesRepository['figuresRows']>>[number];
