import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { Cycle, ReportStatusCode } from './cycle.ts';

const FILING = {
  id: true,
  regionCode: true,
  status: true,
  title: true,
  createdAt: true,
  submittedAt: true,
  submittedById: true,
  decidedAt: true,
  decidedById: true,
  returnReason: true,
} as const;

export interface StepWrite {
  action: 'submit' | 'return' | 'accept';
  actorId: string;
  at: Date;
  reason?: string | null;
  figures?: Prisma.InputJsonValue;
}

/** The reporting cycle's reads and writes: report states, their steps, who files, reminders sent. */
export function createFilingsRepository(db: Db) {
  return {
    steps: (reportId: string) =>
      db.reportStep.findMany({
        where: { reportId },
        orderBy: { id: 'asc' },
        select: { action: true, actorId: true, at: true, reason: true },
      }),

    /** Moves a report one step, records the step and the audit entry, in one transaction. */
    step: (
      id: string,
      from: ReportStatusCode,
      data: Prisma.ReportUpdateManyMutationInput,
      step: StepWrite,
      audit: AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
        // Only from the state read: a concurrent step on the same report changes nothing here.
        const moved = await tx.report.updateMany({ where: { id, status: from }, data });
        if (moved.count === 0) return false;
        await tx.reportStep.create({ data: { reportId: id, ...step } });
        await recordAudit(tx, audit);
        return true;
      }),

    holderOf: (cycleKey: string) => db.report.findUnique({ where: { cycleKey }, select: { id: true } }),

    /** The reports of one cycle under a region prefix, newest first. */
    cycleReports: (cycle: Cycle, prefix: string) =>
      db.report.findMany({
        where: {
          kind: cycle.kind,
          year: cycle.year,
          quarter: cycle.quarter,
          group: cycle.group,
          regionCode: { startsWith: prefix },
          status: { not: 'draft' },
        },
        orderBy: { createdAt: 'desc' },
        select: FILING,
      }),

    /** The regions that file: cities and counties at or under the prefix. */
    filingRegions: (prefix: string) =>
      db.region.findMany({
        where: { code: { startsWith: prefix }, level: { in: ['city', 'county'] } },
        orderBy: { code: 'asc' },
        select: { code: true, name: true, nameEn: true, level: true, parentCode: true },
      }),

    region: (code: string) =>
      db.region.findUnique({ where: { code }, select: { code: true, name: true, nameEn: true, level: true } }),

    usernames: async (ids: string[]) =>
      new Map(
        (
          await db.user.findMany({
            where: { id: { in: ids } },
            select: { id: true, username: true, displayName: true },
          })
        ).map((u) => [u.id, u.displayName || u.username]),
      ),

    /** The officers responsible for these regions: their own region is exactly the code. */
    officersOf: (codes: string[]) =>
      db.user.findMany({
        where: { role: 'officer', regionCode: { in: codes }, disabledAt: null },
        select: { id: true, regionCode: true },
      }),

    /** Claims the reminders not yet sent for a round: only the rows inserted now are returned. */
    claimReminders: (rows: Array<{ cycle: string; regionCode: string; dueOn: Date; recipients: number }>) =>
      db.reportReminder.createManyAndReturn({ data: rows, skipDuplicates: true, select: { regionCode: true } }),

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type FilingsRepository = ReturnType<typeof createFilingsRepository>;
