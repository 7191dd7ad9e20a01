import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

export type { TechSchoolAidCheck, TechSchoolAidFinding } from '../platform/database/generated/client.ts';

/** A finding as the comparison makes it, before its check is written. */
export type NewFinding = Omit<Prisma.TechSchoolAidFindingUncheckedCreateInput, 'checkId'>;
export type NewCheck = Omit<Prisma.TechSchoolAidCheckUncheckedCreateInput, 'findings'>;

/** The comparisons of schools' lists with the registry, and their findings. */
export function createTechSchoolAidCheckRepository(db: Db) {
  /** Checks whose findings an officer of `scope` may see: made within it, or over a region holding it. */
  const visible = (scope: string): Prisma.TechSchoolAidCheckWhereInput => ({
    OR: [
      { regionCode: { startsWith: scope } },
      { regionCode: { in: Array.from({ length: scope.length }, (_, i) => scope.slice(0, i)) } },
    ],
  });
  return {
    /** Writes the check with its findings and the audit record, in one transaction. */
    save: (check: NewCheck, findings: NewFinding[], audit: AuditEntry) =>
      db.$transaction(async (tx) => {
        const row = await tx.techSchoolAidCheck.create({ data: check });
        for (let i = 0; i < findings.length; i += 500)
          await tx.techSchoolAidFinding.createMany({
            data: findings.slice(i, i + 500).map((f) => ({ ...f, checkId: row.id })),
          });
        await recordAudit(tx, { ...audit, entityId: row.id });
        return row;
      }),
    /** The latest checks an officer of the scope may see, newest first. */
    checks: (scope: string, take = 20) =>
      db.techSchoolAidCheck.findMany({ where: visible(scope), orderBy: { createdAt: 'desc' }, take }),
    check: (id: string, scope: string) => db.techSchoolAidCheck.findFirst({ where: { id, ...visible(scope) } }),
    /** The findings of a check under a region prefix, by county and row. */
    findings: (checkId: string, prefix: string, take = 5000) =>
      db.techSchoolAidFinding.findMany({
        where: { checkId, regionCode: { startsWith: prefix } },
        orderBy: [{ regionCode: 'asc' }, { rowNumber: 'asc' }, { kind: 'asc' }],
        take,
      }),
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type TechSchoolAidCheckRepository = ReturnType<typeof createTechSchoolAidCheckRepository>;
