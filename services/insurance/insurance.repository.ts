import { reassignmentQueries } from './reassignment.repository.ts';
import { worklistQueries } from './worklists.repository.ts';
import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { CaseKind } from './case-states.ts';

export type { AgeCutoffs, PersonRow } from './worklists.repository.ts';

export type CaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof createInsuranceRepository>['findCase']>>>;
export type StandingRow = Prisma.InsuranceStandingGetPayload<object>;

export interface NewCase {
  kind: CaseKind;
  labourerId: string;
  regionCode: string;
  state: string;
  source: 'registry' | 'comparison';
  findingId?: bigint | null;
  assignedToId: string | null;
  dueOn: Date | null;
  createdById: string;
}

export interface CaseFilter {
  prefix: string;
  kind?: CaseKind | undefined;
  state?: string | undefined;
  open?: boolean | undefined;
  /** An officer's id, null for cases with no officer; undefined for any. */
  assignedToId?: string | null | undefined;
}

export interface StepWrite {
  caseId: string;
  from: string;
  to: string;
  note: string;
  actor: { id: string; role: string };
  closes: boolean;
  standing?: Prisma.InsuranceStandingUncheckedCreateInput | undefined;
  requestId: string;
}

const caseWhere = (f: CaseFilter): Prisma.InsuranceCaseWhereInput => ({
  regionCode: { startsWith: f.prefix },
  ...(f.kind ? { kind: f.kind } : {}),
  ...(f.state ? { state: f.state } : {}),
  ...(f.open === undefined ? {} : f.open ? { closedAt: null } : { closedAt: { not: null } }),
  ...(f.assignedToId === undefined ? {} : { assignedToId: f.assignedToId }),
});

/** The insurance module's queries: cases and their steps, the person's standing, the registry side of worklists. */
export function createInsuranceRepository(db: Db) {
  return {
    ...worklistQueries(db),
    ...reassignmentQueries(db),
    findCase: (id: string) =>
      db.insuranceCase.findUnique({ where: { id }, include: { transitions: { orderBy: { at: 'asc' } } } }),

    openCasesOf: (labourerIds: string[]) =>
      db.insuranceCase.findMany({ where: { labourerId: { in: labourerIds }, closedAt: null } }),

    async listCases(filter: CaseFilter, page: number, pageSize: number) {
      const where = caseWhere(filter);
      const [items, total] = await Promise.all([
        db.insuranceCase.findMany({
          where,
          orderBy: [{ lastTransitionAt: 'asc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.insuranceCase.count({ where }),
      ]);
      return { items, total };
    },

    /** Opens a case with its first step and audit record; null when an open case of the kind exists. */
    createCase: (input: NewCase, actorRole: string, requestId: string) =>
      db.$transaction(async (tx) => {
        const openKey = `${input.labourerId}:${input.kind}`;
        const existing = await tx.insuranceCase.findUnique({ where: { openKey } });
        if (existing) return { created: false, id: existing.id };
        const row = await tx.insuranceCase.create({ data: { ...input, openKey }, select: { id: true } });
        await tx.insuranceCaseTransition.create({
          data: {
            caseId: row.id,
            fromState: null,
            toState: input.state,
            note: input.source,
            actorId: input.createdById,
          },
        });
        await recordAudit(tx, {
          actor: { id: input.createdById, role: actorRole as 'officer' },
          action: 'insurance.case.create',
          entity: 'insurance_case',
          entityId: row.id,
          requestId,
          details: { kind: input.kind, labourerId: input.labourerId, source: input.source },
        });
        return { created: true, id: row.id };
      }),

    /**
     * One step: the case moves only if it is still in `from` (a concurrent step loses), with its
     * transition row, the person's standing and the audit record in one transaction.
     */
    step: (w: StepWrite) =>
      db.$transaction(async (tx) => {
        const now = new Date();
        const moved = await tx.insuranceCase.updateMany({
          where: { id: w.caseId, state: w.from, closedAt: null },
          data: {
            state: w.to,
            lastTransitionAt: now,
            ...(w.closes ? { closedAt: now, openKey: null } : {}),
          },
        });
        if (moved.count === 0) return false;
        await tx.insuranceCaseTransition.create({
          data: { caseId: w.caseId, fromState: w.from, toState: w.to, note: w.note, actorId: w.actor.id, at: now },
        });
        if (w.standing) {
          const { labourerId, ...fields } = w.standing;
          await tx.insuranceStanding.upsert({ where: { labourerId }, create: w.standing, update: fields });
        }
        await recordAudit(tx, {
          actor: w.actor as { id: string; role: 'officer' },
          action: 'insurance.case.transition',
          entity: 'insurance_case',
          entityId: w.caseId,
          requestId: w.requestId,
          details: { from: w.from, to: w.to },
        });
        return true;
      }),

    /** Open cases with an officer and no step since `before`, not yet reminded on `day`. */
    stalled: (before: Date, day: Date) =>
      db.insuranceCase.findMany({
        where: {
          closedAt: null,
          assignedToId: { not: null },
          lastTransitionAt: { lt: before },
          OR: [{ remindedOn: null }, { remindedOn: { lt: day } }],
        },
        take: 1000,
      }),

    /** Marks the day's reminder; false when another run marked it first. */
    claimReminder: async (id: string, day: Date) =>
      (
        await db.insuranceCase.updateMany({
          where: { id, OR: [{ remindedOn: null }, { remindedOn: { lt: day } }] },
          data: { remindedOn: day },
        })
      ).count === 1,

    displayNames: async (ids: string[]) =>
      new Map(
        (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [
          u.id,
          u.displayName,
        ]),
      ),

    audit: (entry: Parameters<typeof recordAudit>[1]) => recordAudit(db, entry),
  };
}

export type InsuranceRepository = ReturnType<typeof createInsuranceRepository>;
