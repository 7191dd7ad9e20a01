import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import type { SubsidyDecisionStatus } from '../platform/database/generated/enums.ts';
import { registeredPoorWhere } from '../labourers/index.ts';

const HIRE_SELECT = {
  id: true,
  status: true,
  startedAt: true,
  leftAt: true,
  labourerId: true,
  labourer: { select: { name: true, idNumberMasked: true, povertyStatus: true, povertyYear: true, erasedAt: true } },
  vacancy: {
    select: {
      title: true,
      publicWelfarePost: true,
      employer: { select: { id: true, name: true, kind: true, regionCode: true } },
    },
  },
  subsidy: { select: { id: true } },
} as const satisfies Prisma.ApplicationSelect;

export type HireRow = Prisma.ApplicationGetPayload<{ select: typeof HIRE_SELECT }>;

const DECISION_INCLUDE = {
  application: {
    select: {
      labourer: { select: { name: true, idNumberMasked: true } },
      vacancy: { select: { title: true, employer: { select: { name: true } } } },
    },
  },
} as const satisfies Prisma.SubsidyDecisionInclude;

export type DecisionRow = Prisma.SubsidyDecisionGetPayload<{ include: typeof DECISION_INCLUDE }>;

export interface DecisionWrite {
  applicationId: string;
  employerId: string;
  labourerId: string;
  status: SubsidyDecisionStatus;
  amount: number;
  qualifyingMonths: number;
  note: string | null;
  decidedById: string;
}

const inRegion = (prefix: string, employerId?: string): Prisma.EmployerWhereInput => ({
  regionCode: { startsWith: prefix },
  ...(employerId ? { id: employerId } : {}),
});

/** Decisions on hires at employers under the region prefix, of one employer or status when given. */
export interface DecisionFilter {
  regionPrefix: string;
  employerId?: string | undefined;
  status?: SubsidyDecisionStatus | undefined;
}

const decisionsWhere = (filter: DecisionFilter): Prisma.SubsidyDecisionWhereInput => ({
  application: { vacancy: { employer: inRegion(filter.regionPrefix, filter.employerId) } },
  ...(filter.status ? { status: filter.status } : {}),
});

/** The hiring subsidy's queries. */
export function createSubsidiesRepository(db: Db) {
  return {
    /**
     * Undecided hires of registered poor people at employers in the region that started on or before
     * the latest date; the exact rule is applied in the service.
     */
    openHires: (prefix: string, startedBy: Date, employerId?: string) =>
      db.application.findMany({
        where: {
          status: { in: ['started', 'left'] },
          startedAt: { lte: startedBy },
          subsidy: { is: null },
          labourer: registeredPoorWhere(),
          // Public-welfare posts earn 社保补贴 and 岗位补贴 instead (plan §2(1)).
          vacancy: { publicWelfarePost: false, employer: inRegion(prefix, employerId) },
        },
        select: HIRE_SELECT,
        orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
        take: 5000,
      }),

    hire: (applicationId: string) => db.application.findUnique({ where: { id: applicationId }, select: HIRE_SELECT }),

    /** The decision and its audit record; null when the hire was decided meanwhile. */
    decide: async (write: DecisionWrite, audit: Omit<Parameters<typeof recordAudit>[1], 'entity' | 'entityId'>) => {
      try {
        return await db.$transaction(async (tx) => {
          const decision = await tx.subsidyDecision.create({ data: write, include: DECISION_INCLUDE });
          await recordAudit(tx, { ...audit, entity: 'subsidy_decision', entityId: decision.id });
          return decision;
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },

    async decisions(filter: DecisionFilter, page: number, pageSize: number) {
      const where = decisionsWhere(filter);
      const [items, total] = await Promise.all([
        db.subsidyDecision.findMany({
          where,
          include: DECISION_INCLUDE,
          orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }],
          skip: (page - 1) * pageSize,
          take: pageSize,
        }),
        db.subsidyDecision.count({ where }),
      ]);
      return { items, total };
    },

    /** Pages through every decision, for exports. */
    async *allDecisions(filter: DecisionFilter, pageSize = 1000) {
      const where = decisionsWhere(filter);
      let cursor: string | undefined;
      for (;;) {
        const page = await db.subsidyDecision.findMany({
          where,
          include: DECISION_INCLUDE,
          orderBy: { id: 'asc' },
          take: pageSize,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (page.length) yield page;
        if (page.length < pageSize) return;
        cursor = page.at(-1)!.id;
      }
    },

    userNames: async (ids: string[]) =>
      new Map(
        (
          await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } })
        ).map((u) => [u.id, u.displayName]),
      ),

    audit: (entry: Parameters<typeof recordAudit>[1]) => recordAudit(db, entry),
  };
}

export type SubsidiesRepository = ReturnType<typeof createSubsidiesRepository>;
