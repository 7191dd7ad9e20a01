import { enqueueIndexing } from '../../search-index/outbox.ts';
import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { ChangeSource, EmploymentStatus, Mobility } from '../platform/database/generated/enums.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { SkillLevel } from '../platform/database/generated/enums.ts';

export const PROFILE_INCLUDE = {
  skills: { orderBy: { skillCode: 'asc' } },
  certificates: { orderBy: { issuedOn: 'desc' } },
  workHistory: { orderBy: { startedOn: 'desc' } },
} as const satisfies Prisma.LabourerInclude;

export type LabourerRow = Prisma.LabourerGetPayload<{ include: typeof PROFILE_INCLUDE }>;

export type { Labourer } from '../platform/database/generated/client.ts';
export type { AuditDetails } from '../platform/audit/audit.repository.ts';

/** A labourer's own columns as a create writes them (lists of skills and the like apart). */
export type LabourerScalars = Omit<
  Prisma.LabourerUncheckedCreateInput,
  'id' | 'skills' | 'certificates' | 'workHistory' | 'statusChanges' | 'user'
>;

/** A labourer record as checked and normalised (labourer-record.ts), ready to write. */
export interface NormalisedLabourer {
  scalars: LabourerScalars;
  idNumber: string;
  skills?: Array<{ skillCode: string; level: SkillLevel; note: string | null }>;
  certificates?: Array<{ kind: string; level: string | null; issuer: string | null; issuedOn: Date | null }>;
  workHistory?: Array<{
    employerName: string;
    occupationCode: string | null;
    regionCode: string | null;
    startedOn: Date;
    endedOn: Date | null;
    note: string | null;
  }>;
}

type Tx = Prisma.TransactionClient;

/**
 * Filters of the officer list and the export. A search term matches the name, and the other
 * forms given: pinyin or initials, a phone (by its keyed hash or masked form), an ID number (by
 * its keyed hash, or the start and end of its masked form).
 */
export interface LabourerFilter {
  regionPrefix: string;
  status?: EmploymentStatus;
  wantsJob?: boolean;
  mobility?: Mobility;
  skill?: string;
  /** Born after `after` and on or before `onOrBefore` (either may be absent). */
  birthDate?: { after?: Date; onOrBefore?: Date };
  search?: {
    name: string;
    latin?: string;
    phoneHash?: string;
    phoneMasked?: string;
    idNumberHash?: string;
    idNumberMasked?: { head: string; tail: string };
  };
}

function labourerWhere(filter: LabourerFilter): Prisma.LabourerWhereInput {
  const where: Prisma.LabourerWhereInput = { erasedAt: null, regionCode: { startsWith: filter.regionPrefix } };
  if (filter.status) where.employmentStatus = filter.status;
  if (filter.wantsJob !== undefined) where.wantsJob = filter.wantsJob;
  if (filter.mobility) where.mobility = filter.mobility;
  if (filter.skill) where.skills = { some: { skillCode: filter.skill } };
  if (filter.birthDate) {
    const { after, onOrBefore } = filter.birthDate;
    where.birthDate = { ...(after ? { gt: after } : {}), ...(onOrBefore ? { lte: onOrBefore } : {}) };
  }
  const search = filter.search;
  if (search) {
    const or: Prisma.LabourerWhereInput[] = [{ name: { contains: search.name } }];
    if (search.latin)
      or.push({ nameInitials: { startsWith: search.latin } }, { namePinyin: { startsWith: search.latin } });
    if (search.phoneHash) or.push({ phoneHash: search.phoneHash });
    else if (search.phoneMasked) or.push({ phoneMasked: search.phoneMasked });
    if (search.idNumberHash) or.push({ idNumberHash: search.idNumberHash });
    else if (search.idNumberMasked) {
      const { head, tail } = search.idNumberMasked;
      or.push({ AND: [{ idNumberMasked: { startsWith: head } }, { idNumberMasked: { endsWith: tail } }] });
    }
    where.OR = or;
  }
  return where;
}

type Certificate = NonNullable<NormalisedLabourer['certificates']>[number];
const certificateKey = (c: Certificate) => JSON.stringify([c.kind, c.level, c.issuer, c.issuedOn?.getTime() ?? null]);

/**
 * Writes only what differs from the stored lists: a skill or certificate that stays as it was is
 * not touched (a certificate keeps its id), so saving an unchanged form changes nothing.
 */
async function replaceChildren(tx: Tx, labourerId: string, value: NormalisedLabourer) {
  if (value.skills) {
    const stored = await tx.labourerSkill.findMany({ where: { labourerId } });
    const wanted = new Map(value.skills.map((s) => [s.skillCode, s]));
    const gone = stored.filter((s) => !wanted.has(s.skillCode)).map((s) => s.skillCode);
    if (gone.length) await tx.labourerSkill.deleteMany({ where: { labourerId, skillCode: { in: gone } } });
    for (const skill of wanted.values()) {
      const held = stored.find((s) => s.skillCode === skill.skillCode);
      if (!held) await tx.labourerSkill.create({ data: { ...skill, labourerId } });
      else if (held.level !== skill.level || held.note !== skill.note) {
        await tx.labourerSkill.update({
          where: { labourerId_skillCode: { labourerId, skillCode: skill.skillCode } },
          data: { level: skill.level, note: skill.note },
        });
      }
    }
  }
  if (value.certificates) {
    const unmatched = await tx.labourerCertificate.findMany({ where: { labourerId } });
    const added: Certificate[] = [];
    for (const certificate of value.certificates) {
      const at = unmatched.findIndex((held) => certificateKey(held) === certificateKey(certificate));
      if (at >= 0) unmatched.splice(at, 1);
      else added.push(certificate);
    }
    if (unmatched.length)
      await tx.labourerCertificate.deleteMany({ where: { id: { in: unmatched.map((c) => c.id) } } });
    if (added.length) await tx.labourerCertificate.createMany({ data: added.map((c) => ({ ...c, labourerId })) });
  }
  if (value.workHistory) {
    await tx.labourerWorkHistory.deleteMany({ where: { labourerId } });
    await tx.labourerWorkHistory.createMany({ data: value.workHistory.map((w) => ({ ...w, labourerId })) });
  }
}

export interface ChangeContext {
  actorId: string | null;
  source: ChangeSource;
  note?: string | null;
  /** An audit record written in the same transaction (a poverty-status confirmation). */
  audit?: Omit<Parameters<typeof recordAudit>[1], 'entity' | 'entityId'>;
}

/** Writes a new labourer inside an open transaction (used by the API, self-registration and imports). */
export async function insertLabourer(tx: Tx, value: NormalisedLabourer, change: ChangeContext): Promise<string> {
  const created = await tx.labourer.create({
    data: value.scalars as Prisma.LabourerUncheckedCreateInput,
    select: { id: true, employmentStatus: true },
  });
  await replaceChildren(tx, created.id, value);
  await tx.labourerStatusChange.create({
    data: {
      labourerId: created.id,
      toStatus: created.employmentStatus,
      changedById: change.actorId,
      source: change.source,
      note: change.note ?? null,
    },
  });
  await enqueueIndexing(tx, 'labourers', [created.id]);
  return created.id;
}

/** Applies a change inside an open transaction; a new employment status is added to the history. */
async function applyChange(tx: Tx, id: string, value: NormalisedLabourer, change: ChangeContext) {
  const before = await tx.labourer.findUniqueOrThrow({ where: { id }, select: { employmentStatus: true } });
  const next = value.scalars.employmentStatus as EmploymentStatus | undefined;
  const statusChanged = next !== undefined && next !== before.employmentStatus;
  await tx.labourer.update({
    where: { id },
    data: {
      ...(value.scalars as Prisma.LabourerUncheckedUpdateInput),
      ...(statusChanged ? { employmentStatusSince: new Date() } : {}),
      // The person changing their own record is a contact (dynamic management, freshness.ts).
      ...(change.source === 'self' ? { contactedAt: new Date() } : {}),
    },
  });
  await replaceChildren(tx, id, value);
  if (change.audit) await recordAudit(tx, { ...change.audit, entity: 'labourer', entityId: id });
  if (statusChanged) {
    await tx.labourerStatusChange.create({
      data: {
        labourerId: id,
        fromStatus: before.employmentStatus,
        toStatus: next,
        changedById: change.actorId,
        source: change.source,
        note: change.note ?? null,
      },
    });
  }
  await enqueueIndexing(tx, 'labourers', [id]);
}

/**
 * Erasure on request: personal data goes; what statistics need (county, sex, birth year,
 * status history, skills) stays, anonymous. The sign-in account is disabled.
 */
function eraseLabourer(db: Db, id: string, actor: SessionUser, reason: string | undefined, requestId: string) {
  return db.$transaction(async (tx) => {
    const person = await tx.labourer.findUniqueOrThrow({
      where: { id },
      select: { regionCode: true, birthDate: true },
    });
    await tx.labourer.update({
      where: { id },
      data: {
        name: '（已删除）',
        namePinyin: '',
        nameInitials: '',
        idNumberEncrypted: '',
        idNumberHash: `erased:${id}`,
        idNumberMasked: '',
        phoneEncrypted: null,
        phoneHash: null,
        phoneMasked: null,
        legacyPhone: null,
        currentAddress: null,
        currentRegionCode: null,
        povertyHouseholdNo: null,
        regionCode: person.regionCode.slice(0, 6),
        birthDate: new Date(Date.UTC(person.birthDate.getUTCFullYear(), 0, 1)),
        consentContact: false,
        consentShowEmployer: false,
        erasedAt: new Date(),
      },
    });
    await tx.labourerCertificate.updateMany({ where: { labourerId: id }, data: { issuer: null } });
    await tx.labourerWorkHistory.deleteMany({ where: { labourerId: id } });
    await tx.labourerSkill.updateMany({ where: { labourerId: id }, data: { note: null } });
    // Notices and text messages name the person and carry their phone; counts stay in pushes and fairs.
    await tx.notification.deleteMany({ where: { labourerId: id } });
    await tx.smsMessage.deleteMany({ where: { labourerId: id } });
    await tx.user.updateMany({ where: { labourerId: id }, data: { disabledAt: new Date(), labourerId: null } });
    await recordAudit(tx, {
      actor,
      action: 'labourer.erase',
      entity: 'labourer',
      entityId: id,
      requestId,
      details: { reason: reason ?? null },
    });
    await enqueueIndexing(tx, 'labourers', [id]);
  });
}

/** The labourer registry's queries. Every write indexes through the outbox in the same transaction. */
export function createLabourersRepository(db: Db) {
  return {
    findById: (id: string) => db.labourer.findUnique({ where: { id }, include: PROFILE_INCLUDE }),
    findScope: (id: string) =>
      db.labourer.findUnique({
        where: { id },
        select: { id: true, regionCode: true, erasedAt: true, povertyStatus: true, povertyYear: true },
      }),
    findByIdHash: (idNumberHash: string) =>
      db.labourer.findUnique({ where: { idNumberHash }, select: { id: true, regionCode: true, name: true } }),
    encryptedPhone: (id: string) =>
      db.labourer.findUnique({ where: { id }, select: { phoneEncrypted: true, erasedAt: true } }),
    encryptedIdNumber: (id: string) =>
      db.labourer.findUnique({ where: { id }, select: { idNumberEncrypted: true, erasedAt: true } }),

    insert: insertLabourer,

    create(value: NormalisedLabourer, change: ChangeContext) {
      return db.$transaction((tx) => insertLabourer(tx, value, change));
    },

    /** Applies a change inside an open transaction; a new employment status is added to the history. */
    apply: applyChange,

    update(id: string, value: NormalisedLabourer, change: ChangeContext) {
      return db.$transaction((tx) => this.apply(tx, id, value, change));
    },

    /**
     * One page of the officer list, newest change first. With `after` (where the previous page
     * ended) the page is found by keyset on (updatedAt, id), served by an index however deep;
     * otherwise by offset. One more row than asked tells whether a next page exists.
     */
    async list(
      filter: LabourerFilter,
      paging: { page: number; pageSize: number; after?: { updatedAt: Date; id: string } | undefined },
    ) {
      const { page, pageSize, after } = paging;
      const where = labourerWhere(filter);
      const rows = await db.labourer.findMany({
        where: after
          ? {
              AND: [
                where,
                { OR: [{ updatedAt: { lt: after.updatedAt } }, { updatedAt: after.updatedAt, id: { gt: after.id } }] },
              ],
            }
          : where,
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        ...(after ? {} : { skip: (page - 1) * pageSize }),
        take: pageSize + 1,
      });
      return { items: rows.slice(0, pageSize), more: rows.length > pageSize };
    },

    count: (filter: LabourerFilter) => db.labourer.count({ where: labourerWhere(filter) }),

    /** Pages through every match, for exports. */
    async *listAll(filter: LabourerFilter, pageSize = 1000) {
      const where = labourerWhere(filter);
      let cursor: string | undefined;
      for (;;) {
        const page = await db.labourer.findMany({
          where,
          orderBy: { id: 'asc' },
          take: pageSize,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (page.length) yield page;
        if (page.length < pageSize) return;
        cursor = page.at(-1)!.id;
      }
    },

    /** Self-registration: the person and their sign-in account, together or not at all. */
    createWithAccount: (
      value: NormalisedLabourer,
      account: { username: string; passwordHash: string; displayName: string },
    ) =>
      db.$transaction(async (tx) => {
        const taken = await tx.user.findUnique({ where: { username: account.username }, select: { id: true } });
        if (taken) return { conflict: 'username' as const };
        const exists = await tx.labourer.findUnique({
          where: { idNumberHash: value.scalars.idNumberHash as string },
          select: { id: true },
        });
        if (exists) return { conflict: 'idNumber' as const };
        const labourerId = await insertLabourer(tx, value, { actorId: null, source: 'self' });
        await tx.labourer.update({ where: { id: labourerId }, data: { contactedAt: new Date() } });
        const user = await tx.user.create({
          data: { ...account, role: 'labourer', labourerId, regionCode: value.scalars.regionCode as string },
          select: { id: true },
        });
        await tx.labourerStatusChange.updateMany({ where: { labourerId }, data: { changedById: user.id } });
        return { labourerId, userId: user.id };
      }),

    statusHistory: (labourerId: string) =>
      db.labourerStatusChange.findMany({ where: { labourerId }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] }),

    usernames: async (ids: string[]) =>
      new Map(
        (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [
          u.id,
          u.displayName,
        ]),
      ),

    /** Erasure on request (eraseLabourer). */
    erase: (id: string, actor: SessionUser, reason: string | undefined, requestId: string) =>
      eraseLabourer(db, id, actor, reason, requestId),

    audit: (entry: Parameters<typeof recordAudit>[1]) => recordAudit(db, entry),
  };
}

export type LabourersRepository = ReturnType<typeof createLabourersRepository>;
