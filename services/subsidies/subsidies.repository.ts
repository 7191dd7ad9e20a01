import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { idCursorPages, offsetPage } from '../platform/database/paging.ts';
import type { SubsidyClaimStatus } from '../platform/database/generated/enums.ts';
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
} as const satisfies Prisma.ApplicationSelect;

export type HireRow = Prisma.ApplicationGetPayload<{ select: typeof HIRE_SELECT }>;

/** The hiring subsidy's claims: one per hire, its key `hiring:hire:<application id>`. */
export const HIRING = 'hiring';
export const hiringKey = (applicationId: string) => `${HIRING}:hire:${applicationId}`;
const DECIDED: SubsidyClaimStatus[] = ['approved', 'rejected', 'paid'];

const DECISION_INCLUDE = {
  transitions: { where: { toStatus: { in: ['approved', 'rejected'] } }, orderBy: { at: 'desc' }, take: 1 },
} as const satisfies Prisma.SubsidyClaimInclude;

type ClaimWithStep = Prisma.SubsidyClaimGetPayload<{ include: typeof DECISION_INCLUDE }>;
const APP_SELECT = {
  id: true,
  labourer: { select: { name: true, idNumberMasked: true } },
  vacancy: { select: { title: true, employer: { select: { name: true } } } },
} as const satisfies Prisma.ApplicationSelect;
export type DecisionRow = ClaimWithStep & { application: Prisma.ApplicationGetPayload<{ select: typeof APP_SELECT }> };

const inRegion = (prefix: string, employerId?: string): Prisma.EmployerWhereInput => ({
  regionCode: { startsWith: prefix },
  ...(employerId ? { id: employerId } : {}),
});

/** Decisions on hires at employers under the region prefix, of one employer or status when given. */
export interface DecisionFilter {
  regionPrefix: string;
  employerId?: string | undefined;
  status?: 'approved' | 'rejected' | undefined;
}

const decisionsWhere = (filter: DecisionFilter): Prisma.SubsidyClaimWhereInput => ({
  programme: { code: HIRING },
  regionCode: { startsWith: filter.regionPrefix },
  ...(filter.employerId ? { employerId: filter.employerId } : {}),
  status: filter.status === 'approved' ? { in: ['approved', 'paid'] } : filter.status ? filter.status : { in: DECIDED },
});

/** The hiring subsidy's queries: hires that may earn it and the decisions, kept as claims of the claim engine. */
export function createSubsidiesRepository(db: Db) {
  async function withApplications(claims: ClaimWithStep[]): Promise<DecisionRow[]> {
    const ids = claims.map((c) => c.applicationId!).filter(Boolean);
    const apps = new Map(
      (await db.application.findMany({ where: { id: { in: ids } }, select: APP_SELECT })).map((a) => [a.id, a]),
    );
    return claims
      .filter((c) => apps.has(c.applicationId!))
      .map((c) => ({ ...c, application: apps.get(c.applicationId!)! }));
  }

  return {
    /**
     * Hires of registered poor people at employers in the region that started on or before the
     * latest date and have no hiring-subsidy claim; the exact rule is applied in the service.
     */
    openHires: async (prefix: string, startedBy: Date, employerId?: string) => {
      const hires = await db.application.findMany({
        where: {
          status: { in: ['started', 'left'] },
          startedAt: { lte: startedBy },
          labourer: registeredPoorWhere(),
          // Public-welfare posts earn 社保补贴 and 岗位补贴 instead (plan §2(1)).
          vacancy: { publicWelfarePost: false, employer: inRegion(prefix, employerId) },
        },
        select: HIRE_SELECT,
        orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
        take: 5000,
      });
      const claimed = await db.subsidyClaim.findMany({
        where: { subjectKey: { in: hires.map((h) => hiringKey(h.id)) } },
        select: { applicationId: true },
      });
      const done = new Set(claimed.map((c) => c.applicationId));
      return hires.filter((h) => !done.has(h.id));
    },

    hire: (applicationId: string) => db.application.findUnique({ where: { id: applicationId }, select: HIRE_SELECT }),
    claimed: async (applicationId: string) =>
      !!(await db.subsidyClaim.findUnique({ where: { subjectKey: hiringKey(applicationId) } })),

    async decision(id: string) {
      const claim = await db.subsidyClaim.findUniqueOrThrow({ where: { id }, include: DECISION_INCLUDE });
      return (await withApplications([claim]))[0]!;
    },

    async decisions(filter: DecisionFilter, page: number, pageSize: number) {
      const where = decisionsWhere(filter);
      const { items, total } = await offsetPage(
        page,
        pageSize,
        (window) =>
          db.subsidyClaim.findMany({
            where,
            include: DECISION_INCLUDE,
            orderBy: [{ decidedAt: 'desc' }, { id: 'asc' }],
            ...window,
          }),
        () => db.subsidyClaim.count({ where }),
      );
      return { items: await withApplications(items), total };
    },

    /** Pages through every decision, for exports. */
    async *allDecisions(filter: DecisionFilter, pageSize = 1000) {
      const where = decisionsWhere(filter);
      const pages = idCursorPages(pageSize, (window) =>
        db.subsidyClaim.findMany({ where, include: DECISION_INCLUDE, orderBy: { id: 'asc' }, ...window }),
      );
      for await (const page of pages) yield await withApplications(page);
    },

    userNames: async (ids: (string | null)[]) =>
      new Map(
        (
          await db.user.findMany({
            where: { id: { in: [...new Set(ids.filter((i): i is string => !!i))] } },
            select: { id: true, displayName: true },
          })
        ).map((u) => [u.id, u.displayName]),
      ),

    audit: (entry: Parameters<typeof recordAudit>[1]) => recordAudit(db, entry),
  };
}

export type SubsidiesRepository = ReturnType<typeof createSubsidiesRepository>;
