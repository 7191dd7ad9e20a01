import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { FairKind, FairStatus, TargetGroup } from '../platform/database/generated/enums.ts';
import { fairJoins } from './fair-joins.repository.ts';

const COUNTS = {
  _count: {
    select: {
      employers: { where: { status: 'approved' as const } },
      vacancies: true,
      registrations: true,
    },
  },
} as const;

const REGISTRATION_SELECT = {
  id: true,
  fairId: true,
  labourerId: true,
  code: true,
  source: true,
  willAttend: true,
  targetGroups: true,
  regionCode: true,
  registeredAt: true,
  checkedInAt: true,
  reminderSentAt: true,
} as const;

export type RegistrationFilter = {
  willAttend?: boolean | undefined;
  checkedIn?: boolean | undefined;
  targetGroup?: TargetGroup | undefined;
  q?: string | undefined;
};

function registrationWhere(fairId: string, f: RegistrationFilter): Prisma.FairRegistrationWhereInput {
  return {
    fairId,
    ...(f.willAttend === undefined ? {} : { willAttend: f.willAttend }),
    ...(f.checkedIn === undefined ? {} : { checkedInAt: f.checkedIn ? { not: null } : null }),
    ...(f.targetGroup ? { targetGroups: { has: f.targetGroup } } : {}),
  };
}

/** Fairs held in, or organised from, a region; of a status (or one of several), a kind, ending from a time. */
export interface FairFilter {
  region?: string | undefined;
  status?: FairStatus | FairStatus[] | undefined;
  kind?: FairKind | undefined;
  endsFrom?: Date | undefined;
}

function fairWhere(f: FairFilter): Prisma.FairWhereInput {
  return {
    ...(f.region === undefined
      ? {}
      : { OR: [{ regionCode: { startsWith: f.region } }, { homeRegionCode: { startsWith: f.region } }] }),
    ...(f.status === undefined ? {} : { status: Array.isArray(f.status) ? { in: f.status } : f.status }),
    ...(f.kind ? { kind: f.kind } : {}),
    ...(f.endsFrom ? { endsAt: { gte: f.endsFrom } } : {}),
  };
}

type FairJoins = ReturnType<typeof fairJoins>;

/** Fairs, the employers taking part and the vacancies they bring. */
function fairQueries(db: Db, { withEmployers, maybeEmployer }: FairJoins) {
  return {
    transaction: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => db.$transaction(fn),
    /** Records the invitations inside the caller's transaction (a person invited before is skipped). */
    addInvitations: async (
      tx: Prisma.TransactionClient,
      rows: Array<{ fairId: string; labourerId: string; notificationId: bigint | null }>,
    ) => {
      await tx.fairInvitation.createMany({ data: rows, skipDuplicates: true });
    },
    /** Marks registrations reminded, inside the caller's transaction. */
    markReminded: async (tx: Prisma.TransactionClient, registrationIds: string[], at: Date) => {
      await tx.fairRegistration.updateMany({ where: { id: { in: registrationIds } }, data: { reminderSentAt: at } });
    },
    audit: (entry: AuditEntry) => recordAudit(db, entry),

    fair: (id: string) => db.fair.findUnique({ where: { id }, include: COUNTS }),
    createFair: (data: Prisma.FairUncheckedCreateInput) => db.fair.create({ data, include: COUNTS }),
    updateFair: (id: string, data: Prisma.FairUncheckedUpdateInput) =>
      db.fair.update({ where: { id }, data, include: COUNTS }),
    /** Moves only from the state the caller saw, so two officers' moves cannot both win. */
    moveFair: (id: string, from: FairStatus, to: FairStatus) =>
      db.fair.updateMany({ where: { id, status: from }, data: { status: to } }),

    async listFairs(filter: FairFilter, page: number, pageSize: number) {
      const where = fairWhere(filter);
      const [items, total] = await Promise.all([
        db.fair.findMany({
          where,
          include: COUNTS,
          orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.fair.count({ where }),
      ]);
      return { items, total };
    },
    upcoming: (filter: FairFilter, take = 100) =>
      db.fair.findMany({
        where: fairWhere(filter),
        include: COUNTS,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        take,
      }),

    employer: (id: string) =>
      db.employer.findUnique({ where: { id }, select: { id: true, name: true, verifiedAt: true } }),
    participation: async (fairId: string, employerId: string) =>
      maybeEmployer(await db.fairEmployer.findUnique({ where: { fairId_employerId: { fairId, employerId } } })),
    participations: async (fairId: string, employerId?: string) =>
      withEmployers(
        await db.fairEmployer.findMany({
          where: { fairId, ...(employerId ? { employerId } : {}) },
          orderBy: { appliedAt: 'asc' },
        }),
      ),
    employerFairs: (employerId: string) =>
      db.fairEmployer.findMany({ where: { employerId }, include: { fair: { include: COUNTS } } }),
    upsertParticipation: (fairId: string, employerId: string, note: string | null) =>
      db.fairEmployer.upsert({
        where: { fairId_employerId: { fairId, employerId } },
        create: { fairId, employerId, note },
        update: { status: 'pending', note, decidedAt: null, decidedById: null },
      }),
    decide: async (id: string, data: Prisma.FairEmployerUncheckedUpdateInput) =>
      (await withEmployers([await db.fairEmployer.update({ where: { id }, data })]))[0]!,

    vacancies: (ids: string[]) =>
      db.vacancy.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          employerId: true,
          status: true,
          expiresAt: true,
          employer: { select: { verifiedAt: true } },
        },
      }),
    attach: (rows: Array<{ fairId: string; vacancyId: string; employerId: string }>) =>
      db.fairVacancy.createMany({ data: rows, skipDuplicates: true }),
    fairVacancies: (fairId: string, employerIds?: string[]) =>
      db.fairVacancy.findMany({
        where: { fairId, ...(employerIds ? { employerId: { in: employerIds } } : {}) },
        select: {
          vacancyId: true,
          employerId: true,
        },
      }),
    vacancyBriefs: (ids: string[]) =>
      db.vacancy.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          title: true,
          wageMin: true,
          wageMax: true,
          headcount: true,
          payBasis: true,
          employerId: true,
        },
        orderBy: { title: 'asc' },
      }),

    openVacancies: (employerId: string) =>
      db.vacancy.findMany({
        where: { employerId, status: 'open' },
        select: { id: true, title: true, wageMin: true, wageMax: true, headcount: true },
        orderBy: { title: 'asc' },
        take: 100,
      }),
  };
}

/** People and their registrations. */
function peopleQueries(db: Db, { withPeople, maybe }: FairJoins) {
  return {
    labourer: (id: string) =>
      db.labourer.findUnique({
        where: { id },
        select: {
          id: true,
          regionCode: true,
          povertyStatus: true,
          povertyYear: true,
          disability: true,
          erasedAt: true,
        },
      }),
    labourerByIdHash: (idNumberHash: string) =>
      db.labourer.findUnique({
        where: { idNumberHash },
        select: {
          id: true,
          regionCode: true,
          povertyStatus: true,
          povertyYear: true,
          disability: true,
          erasedAt: true,
        },
      }),

    countRegistrations: (fairId: string) => db.fairRegistration.count({ where: { fairId } }),
    registration: async (id: string) =>
      maybe(await db.fairRegistration.findUnique({ where: { id }, select: REGISTRATION_SELECT })),
    registrationOf: async (fairId: string, labourerId: string) =>
      maybe(
        await db.fairRegistration.findUnique({
          where: { fairId_labourerId: { fairId, labourerId } },
          select: REGISTRATION_SELECT,
        }),
      ),
    registrationByCode: async (code: string) =>
      maybe(await db.fairRegistration.findUnique({ where: { code }, select: REGISTRATION_SELECT })),
    createRegistration: async (data: Prisma.FairRegistrationUncheckedCreateInput) =>
      (await withPeople([await db.fairRegistration.create({ data, select: REGISTRATION_SELECT })]))[0]!,
    updateRegistration: async (id: string, data: Prisma.FairRegistrationUncheckedUpdateInput) =>
      (await withPeople([await db.fairRegistration.update({ where: { id }, data, select: REGISTRATION_SELECT })]))[0]!,
    async registrations(fairId: string, filter: RegistrationFilter, page: number, pageSize: number) {
      let where = registrationWhere(fairId, filter);
      if (filter.q) {
        const q = filter.q;
        const named = await db.labourer.findMany({
          where: { OR: [{ name: { contains: q } }, { namePinyin: { contains: q.toLowerCase() } }] },
          select: { id: true },
          take: 500,
        });
        where = { ...where, OR: [{ code: q.toUpperCase() }, { labourerId: { in: named.map((n) => n.id) } }] };
      }
      const [rows, total] = await Promise.all([
        db.fairRegistration.findMany({
          where,
          select: REGISTRATION_SELECT,
          orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.fairRegistration.count({ where }),
      ]);
      return { items: await withPeople(rows), total };
    },
    labourerRegistrations: async (labourerId: string) => {
      const rows = await db.fairRegistration.findMany({
        where: { labourerId },
        select: { ...REGISTRATION_SELECT, fair: { include: COUNTS } },
        orderBy: { registeredAt: 'desc' },
      });
      return withPeople(rows);
    },
    bulkCheckIn: (fairId: string, ids: string[], byId: string, at: Date) =>
      db.fairRegistration.updateMany({
        where: { fairId, id: { in: ids }, checkedInAt: null },
        data: { checkedInAt: at, checkedInById: byId },
      }),
    countIn: (fairId: string, ids: string[]) => db.fairRegistration.count({ where: { fairId, id: { in: ids } } }),
  };
}

/** Invitations, reminders, what employers record and the results' rows. */
function outreachQueries(db: Db, { withPeople }: FairJoins) {
  return {
    registeredLabourerIds: async (fairId: string) =>
      new Set(
        (await db.fairRegistration.findMany({ where: { fairId }, select: { labourerId: true } })).map(
          (r) => r.labourerId,
        ),
      ),
    invitedLabourerIds: async (fairId: string) =>
      new Set(
        (await db.fairInvitation.findMany({ where: { fairId }, select: { labourerId: true } })).map(
          (r) => r.labourerId,
        ),
      ),
    countInvitations: (fairId: string) => db.fairInvitation.count({ where: { fairId } }),
    peopleAccounts: (ids: string[]) =>
      db.labourer.findMany({
        where: { id: { in: ids }, erasedAt: null },
        select: { id: true, regionCode: true, user: { select: { id: true } } },
      }),

    createInteraction: (data: Prisma.FairInteractionUncheckedCreateInput) => db.fairInteraction.create({ data }),
    interactions: (fairId: string, employerId?: string) =>
      db.fairInteraction.findMany({
        where: { fairId, ...(employerId ? { employerId } : {}) },
        orderBy: { at: 'asc' },
      }),

    /** Fairs starting soon with people not yet reminded. */
    dueReminders: async (from: Date, to: Date) => {
      const rows = await db.fairRegistration.findMany({
        where: {
          reminderSentAt: null,
          fair: { status: { in: ['registration', 'ongoing'] }, startsAt: { gte: from, lte: to } },
        },
        select: {
          id: true,
          fairId: true,
          labourerId: true,
          code: true,
          fair: { select: { name: true, startsAt: true, address: true, online: true } },
        },
        take: 1000,
      });
      return withPeople(rows);
    },

    /** Hires of these people by these employers, from applications (the results' last columns). */
    hires: async (labourerIds: string[], employerIds: string[]) => {
      if (!labourerIds.length || !employerIds.length) return [];
      const rows = await db.application.findMany({
        where: {
          labourerId: { in: labourerIds },
          vacancy: { employerId: { in: employerIds } },
          OR: [{ hiredAt: { not: null } }, { status: { in: ['hired', 'started'] } }],
        },
        select: { labourerId: true, hiredAt: true, startedAt: true, updatedAt: true },
      });
      return rows.map((r) => ({ labourerId: r.labourerId, hiredAt: r.hiredAt ?? r.startedAt ?? r.updatedAt }));
    },
    /** Cities and counties, the province's and partner areas', for the fair form's region choices. */
    regionChoices: () =>
      db.region.findMany({
        where: { level: { in: ['city', 'county'] } },
        select: { code: true, name: true, nameEn: true, level: true },
        orderBy: { code: 'asc' },
      }),
    /** Cooperation agreements whose home side lies under the prefix, for a cooperation fair's form. */
    agreementChoices: (prefix: string) =>
      db.cooperationAgreement.findMany({
        where: { homeRegionCode: { startsWith: prefix } },
        select: { id: true, title: true, year: true },
        orderBy: [{ year: 'desc' }, { title: 'asc' }],
      }),
    resultRows: (fairId: string) =>
      Promise.all([
        db.fairRegistration.findMany({
          where: { fairId },
          select: { id: true, labourerId: true, regionCode: true, targetGroups: true, checkedInAt: true },
        }),
        db.fairInteraction.findMany({ where: { fairId }, select: { registrationId: true, outcome: true } }),
        db.fairEmployer.findMany({ where: { fairId, status: 'approved' }, select: { employerId: true } }),
      ]),
  };
}

/** The fairs module's queries: the only place it calls Prisma. */
export function createFairsRepository(db: Db) {
  const joins = fairJoins(db);
  return { ...fairQueries(db, joins), ...peopleQueries(db, joins), ...outreachQueries(db, joins) };
}

export type FairsRepository = ReturnType<typeof createFairsRepository>;
export type FairRow = NonNullable<Awaited<ReturnType<FairsRepository['fair']>>>;
export type RegistrationRow = NonNullable<Awaited<ReturnType<FairsRepository['registration']>>>;
export type ParticipationRow = NonNullable<Awaited<ReturnType<FairsRepository['participation']>>>;
