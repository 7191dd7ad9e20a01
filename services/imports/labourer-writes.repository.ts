/**
 * The import's write path into the labourer registry, batched: one query per table per batch
 * instead of one per row. It keeps the registry's rules of labourers.repository.ts: every new
 * person gets a first status-history row, every status change a dated row with who made it, and
 * every written person an outbox row in the same transaction.
 */
import crypto from 'node:crypto';
import { enqueueIndexing } from '../../search-index/outbox.ts';
import type { NormalisedLabourer } from '../labourers/index.ts';
import type { EmploymentStatus, SkillLevel } from '../platform/database/generated/enums.ts';
import type { Prisma } from '../platform/database/prisma.ts';
import { insertRows } from './bulk-insert.repository.ts';

type Tx = Prisma.TransactionClient;

export const EXISTING_SELECT = {
  id: true,
  name: true,
  idNumberHash: true,
  sex: true,
  birthDate: true,
  phoneHash: true,
  regionCode: true,
  currentRegionCode: true,
  currentAddress: true,
  educationLevel: true,
  povertyStatus: true,
  povertyHouseholdNo: true,
  povertyYear: true,
  disability: true,
  disabilityGrade: true,
  hardToEmploy: true,
  employmentStatus: true,
  wantsJob: true,
  mobility: true,
  desiredOccupations: true,
  expectedWage: true,
  needsAccommodation: true,
  availableFrom: true,
  trainingWishes: true,
  pensionInsurance: true,
  unemploymentInsurance: true,
  consentContact: true,
  consentShowEmployer: true,
  skills: { select: { skillCode: true, level: true } },
} as const satisfies Prisma.LabourerSelect;

export type ExistingLabourer = Prisma.LabourerGetPayload<{ select: typeof EXISTING_SELECT }>;

export interface Change {
  actorId: string | null;
  note: string;
}

export interface LabourerUpdate {
  id: string;
  data: Prisma.LabourerUncheckedUpdateInput;
  /** The new skill list when it changed. */
  skills?: Array<{ skillCode: string; level: SkillLevel; note: string | null }>;
  statusChange?: { from: EmploymentStatus; to: EmploymentStatus };
  change: Change;
}

/**
 * A poverty status from the poverty office's list is confirmed by it: the record says by whose
 * import and when (plan §7(2) 与省扶贫办建档立卡数据库的对接).
 */
const fromPovertyOffice = (actorId: string | null) => ({
  povertyConfirmedAt: new Date(),
  povertyConfirmedById: actorId,
  povertyConfirmedVia: 'poverty_office_import' as const,
});

/** A new person of an import, the poverty office's list (建档立卡): registered unless it says lifted out. */
const imported = (scalars: NormalisedLabourer['scalars'], actorId: string | null) => ({
  povertyStatus: 'registered',
  ...scalars,
  ...fromPovertyOffice(actorId),
});

// Derived from the ID number, written with the name or the phone: never a change of their own.
// A phone is compared by its keyed hash, since its ciphertext differs at every encryption.
const NOT_COMPARED = new Set([
  'idNumberEncrypted',
  'idNumberHash',
  'idNumberMasked',
  'namePinyin',
  'nameInitials',
  'phoneEncrypted',
  'phoneMasked',
]);

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const sorted = (list: unknown[]) => list.map(String).sort().join('\u0000');
    return sorted(a) === sorted(b);
  }
  return (a ?? null) === (b ?? null);
}

/**
 * What the incoming record would change on the registered person, or null when nothing. Only
 * the values the file gives are compared: an empty cell never erases what the registry knows.
 * Skills keep the level an officer gave them when the file names them again.
 */
export function diffLabourer(
  existing: ExistingLabourer,
  value: NormalisedLabourer,
  options: { includeIdentity?: boolean } = {},
): Omit<LabourerUpdate, 'id' | 'change'> | null {
  const data: Record<string, unknown> = {};
  const current = existing as unknown as Record<string, unknown>;
  const scalars = value.scalars as Record<string, unknown>;
  for (const [key, next] of Object.entries(scalars)) {
    if (NOT_COMPARED.has(key) || next === undefined || same(current[key], next)) continue;
    data[key] = next;
  }
  if ('name' in data) Object.assign(data, { namePinyin: scalars.namePinyin, nameInitials: scalars.nameInitials });
  if ('phoneHash' in data)
    Object.assign(data, { phoneEncrypted: scalars.phoneEncrypted, phoneMasked: scalars.phoneMasked });
  // An officer may decide that a row with another ID number is this person: the number is corrected.
  if (options.includeIdentity && scalars.idNumberHash && scalars.idNumberHash !== existing.idNumberHash) {
    for (const key of ['idNumberEncrypted', 'idNumberHash', 'idNumberMasked']) data[key] = scalars[key];
  }
  const update: Omit<LabourerUpdate, 'id' | 'change'> = { data: data as Prisma.LabourerUncheckedUpdateInput };
  if (value.skills) {
    const before = new Map(existing.skills.map((s) => [s.skillCode, s.level]));
    const codes = value.skills.map((s) => s.skillCode);
    if (!same([...before.keys()], codes)) {
      update.skills = value.skills.map((s) => ({ ...s, level: before.get(s.skillCode) ?? s.level }));
    }
  }
  const nextStatus = data.employmentStatus as EmploymentStatus | undefined;
  if (nextStatus) {
    update.statusChange = { from: existing.employmentStatus, to: nextStatus };
    data.employmentStatusSince = new Date();
  }
  return Object.keys(data).length || update.skills ? update : null;
}

/** Same person, as far as the registry can tell without the ID number. */
export const personKey = (p: { name: string; birthDate: Date | string; regionCode: string }) =>
  `${p.name}|${typeof p.birthDate === 'string' ? p.birthDate : p.birthDate.toISOString().slice(0, 10)}|${p.regionCode}`;

export function createLabourerWrites() {
  return {
    findById: (tx: Tx, id: string) =>
      tx.labourer.findUnique({ where: { id }, select: { ...EXISTING_SELECT, erasedAt: true } }),

    async findByHashes(tx: Tx, hashes: string[]): Promise<Map<string, ExistingLabourer>> {
      if (!hashes.length) return new Map();
      // One JSON parameter instead of one per hash (see bulk-insert.repository.ts); most rows of a
      // first import match nobody, and only the matches are read in full.
      const matches = await tx.$queryRawUnsafe<Array<{ id: string }>>(
        `SELECT id FROM "Labourer" WHERE "idNumberHash" IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        JSON.stringify(hashes),
      );
      if (!matches.length) return new Map();
      const rows = await tx.labourer.findMany({
        where: { id: { in: matches.map((m) => m.id) } },
        select: EXISTING_SELECT,
      });
      return new Map(rows.map((row) => [row.idNumberHash, row]));
    },

    /** People registered with the same name, birth date and household region as an incoming row. */
    async findNamesakes(
      tx: Tx,
      rows: Array<{ name: string; namePinyin: string; birthDate: Date; regionCode: string }>,
    ): Promise<Map<string, { id: string; idNumberHash: string }>> {
      if (!rows.length) return new Map();
      const found = await tx.$queryRawUnsafe<
        Array<{ id: string; name: string; birthDate: string; regionCode: string; idNumberHash: string }>
      >(
        // The pinyin index narrows the search; the name, birth date and region must match exactly.
        `SELECT l.id, l.name, l."birthDate"::text AS "birthDate", l."regionCode", l."idNumberHash"
           FROM jsonb_to_recordset($1::jsonb) AS t(name text, "namePinyin" text, "birthDate" date, "regionCode" text)
           JOIN "Labourer" l ON l."namePinyin" = t."namePinyin" AND l.name = t.name
                            AND l."birthDate" = t."birthDate" AND l."regionCode" = t."regionCode"
          WHERE l."erasedAt" IS NULL`,
        JSON.stringify(rows.map((r) => ({ ...r, birthDate: r.birthDate.toISOString().slice(0, 10) }))),
      );
      return new Map(found.map((row) => [personKey(row), { id: row.id, idNumberHash: row.idNumberHash }]));
    },

    /** New people, their skills, certificates, first status rows and outbox rows: one statement each. */
    async createMany(
      tx: Tx,
      items: Array<{ value: NormalisedLabourer; note: string }>,
      actorId: string | null,
    ): Promise<string[]> {
      if (!items.length) return [];
      const ids = items.map(() => crypto.randomUUID());
      const now = new Date();
      await insertRows(
        tx,
        'Labourer',
        items.map(({ value }, i) => ({ ...imported(value.scalars, actorId), id: ids[i]!, updatedAt: now })),
      );
      await insertRows(
        tx,
        'LabourerSkill',
        items.flatMap(({ value }, i) => (value.skills ?? []).map((s) => ({ ...s, labourerId: ids[i]! }))),
      );
      await insertRows(
        tx,
        'LabourerCertificate',
        items.flatMap(({ value }, i) =>
          (value.certificates ?? []).map((c) => ({ ...c, id: crypto.randomUUID(), labourerId: ids[i]! })),
        ),
      );
      await insertRows(
        tx,
        'LabourerStatusChange',
        items.map(({ value, note }, i) => ({
          labourerId: ids[i]!,
          toStatus: (value.scalars.employmentStatus as EmploymentStatus | undefined) ?? 'unemployed',
          changedById: actorId,
          source: 'import',
          note,
        })),
      );
      // The rows enqueueIndexing (search-index/outbox.ts) writes, in the same transaction.
      await insertRows(
        tx,
        'SearchOutbox',
        ids.map((documentId) => ({ indexName: 'labourers', documentId })),
      );
      return ids;
    },

    async update(tx: Tx, updates: LabourerUpdate[]): Promise<void> {
      for (const update of updates) {
        const confirms = update.data.povertyStatus !== undefined;
        const data = confirms ? { ...update.data, ...fromPovertyOffice(update.change.actorId) } : update.data;
        if (Object.keys(data).length) await tx.labourer.update({ where: { id: update.id }, data });
        if (update.skills) {
          await tx.labourerSkill.deleteMany({ where: { labourerId: update.id } });
          await tx.labourerSkill.createMany({ data: update.skills.map((s) => ({ ...s, labourerId: update.id })) });
        }
      }
      const statusRows = updates.filter((u) => u.statusChange);
      if (statusRows.length) {
        await tx.labourerStatusChange.createMany({
          data: statusRows.map((u) => ({
            labourerId: u.id,
            fromStatus: u.statusChange!.from,
            toStatus: u.statusChange!.to,
            changedById: u.change.actorId,
            source: 'import' as const,
            note: u.change.note,
          })),
        });
      }
      await enqueueIndexing(
        tx,
        'labourers',
        updates.map((u) => u.id),
      );
    },
  };
}

export type LabourerWrites = ReturnType<typeof createLabourerWrites>;
