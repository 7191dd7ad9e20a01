import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { ProgrammeSeed } from './programme-catalogue.ts';

const WITH_SETTINGS = {
  settings: { orderBy: { regionCode: 'asc' } },
} as const satisfies Prisma.SubsidyProgrammeInclude;
export type ProgrammeRow = Prisma.SubsidyProgrammeGetPayload<{ include: typeof WITH_SETTINGS }>;
export type SettingRow = ProgrammeRow['settings'][number];
export type SettingWrite = Omit<
  Prisma.SubsidyProgrammeSettingUncheckedCreateInput,
  'id' | 'programmeId' | 'regionCode' | 'updatedAt'
>;

/** Programmes and their per-region settings. */
export function createProgrammesRepository(db: Db) {
  return {
    /**
     * Creates the catalogue's programmes that are missing and their province rows that are missing;
     * never touches a row an officer has set.
     */
    async seed(catalogue: ProgrammeSeed[], province: string) {
      await db.subsidyProgramme.createMany({
        data: catalogue.map(({ setting: _s, ...p }) => p),
        skipDuplicates: true,
      });
      const ids = new Map(
        (await db.subsidyProgramme.findMany({ select: { id: true, code: true } })).map((p) => [p.code, p.id]),
      );
      await db.subsidyProgrammeSetting.createMany({
        data: catalogue.map((p) => ({
          programmeId: ids.get(p.code)!,
          regionCode: province,
          amount: p.setting.amount,
          cap: p.setting.cap,
          qualifyingMonths: p.setting.qualifyingMonths ?? null,
          bonus: p.setting.bonus ?? null,
        })),
        skipDuplicates: true,
      });
    },

    list: () => db.subsidyProgramme.findMany({ include: WITH_SETTINGS, orderBy: { createdAt: 'asc' } }),
    byCode: (code: string) => db.subsidyProgramme.findUnique({ where: { code }, include: WITH_SETTINGS }),

    create: (
      data: Prisma.SubsidyProgrammeCreateInput,
      setting: SettingWrite & { regionCode: string },
      audit: Omit<AuditEntry, 'entity' | 'entityId'>,
    ) =>
      db.$transaction(async (tx) => {
        const created = await tx.subsidyProgramme.create({ data });
        await tx.subsidyProgrammeSetting.create({ data: { ...setting, programmeId: created.id } });
        await recordAudit(tx, { ...audit, entity: 'subsidy_programme', entityId: created.id });
        return tx.subsidyProgramme.findUniqueOrThrow({ where: { id: created.id }, include: WITH_SETTINGS });
      }),

    /** Writes a region's row (its earlier values go to the audit record). */
    setSetting: (
      programmeId: string,
      regionCode: string,
      write: SettingWrite,
      audit: Omit<AuditEntry, 'entity' | 'entityId'>,
    ) =>
      db.$transaction(async (tx) => {
        const before = await tx.subsidyProgrammeSetting.findUnique({
          where: { programmeId_regionCode: { programmeId, regionCode } },
        });
        const row = await tx.subsidyProgrammeSetting.upsert({
          where: { programmeId_regionCode: { programmeId, regionCode } },
          create: { ...write, programmeId, regionCode },
          update: write,
        });
        await recordAudit(tx, {
          ...audit,
          entity: 'subsidy_programme_setting',
          entityId: row.id,
          details: {
            regionCode,
            before: before ? JSON.parse(JSON.stringify(before)) : null,
            after: JSON.parse(JSON.stringify(write)),
          },
        });
        return row;
      }),
  };
}

export type ProgrammesRepository = ReturnType<typeof createProgrammesRepository>;
