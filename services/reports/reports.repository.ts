import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

export function createReportsRepository(db: Db) {
  return {
    create: (data: Prisma.ReportUncheckedCreateInput) => db.report.create({ data }),
    get: (id: string) => db.report.findUnique({ where: { id } }),
    list: (prefix: string, take: number) =>
      db.report.findMany({
        where: { regionCode: { startsWith: prefix } },
        orderBy: { createdAt: 'desc' },
        take,
        select: {
          id: true,
          kind: true,
          title: true,
          regionCode: true,
          periodFrom: true,
          periodTo: true,
          definitionsVersion: true,
          createdAt: true,
          status: true,
          dueOn: true,
          submittedAt: true,
          decidedAt: true,
        },
      }),
    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
