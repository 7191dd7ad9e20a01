import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { TrainingTargetKind } from '../platform/database/generated/enums.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { Area } from '../platform/access/area.ts';
import { areaWhere } from '../platform/database/area-sql.ts';

export type { TrainingTarget } from '../platform/database/generated/client.ts';

/** Yearly training targets per region; every write audited in its transaction. */
export function createTargetsRepository(db: Db) {
  return {
    /** The year's rows of the region (or regions) and the regions under it. */
    ofYear: (area: Area, year: number) =>
      db.trainingTarget.findMany({
        where: { year, ...areaWhere('regionCode', area) },
        orderBy: [{ regionCode: 'asc' }, { kind: 'asc' }],
      }),

    byId: (id: string) => db.trainingTarget.findUnique({ where: { id } }),

    set: (
      key: { regionCode: string; year: number; kind: TrainingTargetKind },
      value: number,
      audit: Omit<AuditEntry, 'entity' | 'entityId'>,
    ) =>
      db.$transaction(async (tx) => {
        const before = await tx.trainingTarget.findUnique({ where: { regionCode_year_kind: key } });
        const row = await tx.trainingTarget.upsert({
          where: { regionCode_year_kind: key },
          create: { ...key, value, updatedById: audit.actor?.id ?? null },
          update: { value, updatedById: audit.actor?.id ?? null },
        });
        await recordAudit(tx, {
          ...audit,
          entity: 'TrainingTarget',
          entityId: row.id,
          details: { ...key, before: before?.value ?? null, after: value },
        });
        return row;
      }),

    remove: (id: string, audit: Omit<AuditEntry, 'entity' | 'entityId'>) =>
      db.$transaction(async (tx) => {
        const row = await tx.trainingTarget.delete({ where: { id } });
        await recordAudit(tx, {
          ...audit,
          entity: 'TrainingTarget',
          entityId: id,
          details: { regionCode: row.regionCode, year: row.year, kind: row.kind, before: row.value },
        });
        return row;
      }),
  };
}

export type TargetsRepository = ReturnType<typeof createTargetsRepository>;
