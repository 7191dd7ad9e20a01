import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';

const COUNTY = { code: true, name: true, nameEn: true, parentCode: true, keyCounty: true } as const;

/** The list of provincial key counties, kept on the regions themselves. */
export function createKeyCountiesRepository(db: Db) {
  return {
    counties: (province: string) =>
      db.region.findMany({
        where: { level: 'county', code: { startsWith: province } },
        orderBy: { code: 'asc' },
        select: COUNTY,
      }),

    cities: (province: string) =>
      db.region.findMany({
        where: { level: 'city', parentCode: province },
        orderBy: { code: 'asc' },
        select: { code: true, name: true, nameEn: true },
      }),

    /** Sets the mark of each county given, with one audit record per county that changed, in one transaction. */
    set: (
      changes: Array<{ code: string; keyCounty: boolean }>,
      audit: (change: { code: string; keyCounty: boolean }) => AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
        for (const change of changes) {
          await tx.region.update({ where: { code: change.code }, data: { keyCounty: change.keyCounty } });
          await recordAudit(tx, audit(change));
        }
      }),
  };
}

export type KeyCountiesRepository = ReturnType<typeof createKeyCountiesRepository>;
