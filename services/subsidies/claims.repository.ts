import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { idCursorPages, offsetPage } from '../platform/database/paging.ts';
import type { SubsidyClaimant, SubsidyClaimStatus } from '../platform/database/generated/enums.ts';
import { fairServed } from '../fairs/index.ts';
import type { ClaimCheck, HireFacts, PersonFacts } from './claim-rules.ts';

const PERSON = {
  id: true,
  name: true,
  regionCode: true,
  idNumberMasked: true,
  povertyStatus: true,
  povertyYear: true,
  erasedAt: true,
} as const satisfies Prisma.LabourerSelect;

const HIRE = {
  id: true,
  status: true,
  startedAt: true,
  leftAt: true,
  labourer: { select: PERSON },
  vacancy: {
    select: {
      title: true,
      publicWelfarePost: true,
      employer: { select: { id: true, name: true, kind: true, regionCode: true } },
    },
  },
} as const satisfies Prisma.ApplicationSelect;

type HireRow = Prisma.ApplicationGetPayload<{ select: typeof HIRE }>;

export const toHireFacts = (
  row: HireRow,
): HireFacts & { employerId: string; employerName: string; regionCode: string } => ({
  id: row.id,
  status: row.status,
  startedAt: row.startedAt,
  leftAt: row.leftAt,
  publicWelfarePost: row.vacancy.publicWelfarePost,
  employerKind: row.vacancy.employer.kind,
  employerId: row.vacancy.employer.id,
  employerName: row.vacancy.employer.name,
  regionCode: row.vacancy.employer.regionCode,
  person: row.labourer as PersonFacts,
});

/** Claims within a region prefix, of one programme, status or person when given. */
export interface ClaimFilter {
  regionPrefix: string;
  programmeCode?: string | undefined;
  status?: SubsidyClaimStatus | undefined;
  labourerId?: string | undefined;
  /** A claimant's own claims (self-claims): the employer's, or a person's as claimant. */
  employerId?: string | undefined;
  claimant?: SubsidyClaimant | undefined;
  applicationId?: string | undefined;
  month?: string | undefined;
}

const claimsWhere = (f: ClaimFilter): Prisma.SubsidyClaimWhereInput => ({
  regionCode: { startsWith: f.regionPrefix },
  ...(f.programmeCode ? { programme: { code: f.programmeCode } } : {}),
  ...(f.status ? { status: f.status } : {}),
  ...(f.labourerId ? { labourerId: f.labourerId } : {}),
  ...(f.employerId ? { employerId: f.employerId } : {}),
  ...(f.claimant ? { claimant: f.claimant } : {}),
  ...(f.applicationId ? { applicationId: f.applicationId } : {}),
  ...(f.month ? { month: f.month } : {}),
});

const CLAIM_INCLUDE = { programme: { select: { code: true, name: true, nameEn: true } } } as const;
export type ClaimRow = Prisma.SubsidyClaimGetPayload<{ include: typeof CLAIM_INCLUDE }>;
/** A new claim's row; its evidence and checks are JSON columns. */
export type ClaimWrite = Omit<Prisma.SubsidyClaimUncheckedCreateInput, 'id' | 'transitions' | 'evidence' | 'checks'> & {
  evidence?: Record<string, string>;
  checks: ClaimCheck[];
};

/** What a step writes on the claim besides its status. */
export interface StepData {
  checks?: ClaimCheck[];
  decidedAt?: Date;
  rejectionReason?: string;
  paidAmount?: number;
  paidOn?: Date;
  paymentReference?: string;
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

export interface StepWrite {
  from: SubsidyClaimStatus | null;
  to: SubsidyClaimStatus;
  byId: string | null;
  note?: string | null;
}

/** What the records say about claims' subjects: people, hires, businesses, fairs. */
function subjectQueries(db: Db) {
  return {
    person: (id: string) => db.labourer.findUnique({ where: { id }, select: PERSON }),
    hire: async (id: string) => {
      const row = await db.application.findUnique({ where: { id }, select: HIRE });
      return row ? toHireFacts(row) : null;
    },
    business: (labourerId: string) =>
      db.businessRegistration.findFirst({ where: { labourerId }, orderBy: { registeredOn: 'asc' } }),
    fair: (fairId: string) => fairServed(db, fairId),
    employerName: async (id: string) => (await db.employer.findUnique({ where: { id }, select: { name: true } }))?.name,

    /** Hires into public-welfare posts in work at some time from `monthStart` on. */
    welfarePostHires: async (monthStart: Date, prefix = '') =>
      (
        await db.application.findMany({
          where: {
            status: { in: ['started', 'left'] },
            startedAt: { not: null },
            OR: [{ leftAt: null }, { leftAt: { gte: monthStart } }],
            vacancy: { publicWelfarePost: true, employer: { regionCode: { startsWith: prefix } } },
          },
          select: HIRE,
          orderBy: { id: 'asc' },
          take: 10_000,
        })
      ).map(toHireFacts),

    existingKeys: async (keys: string[]) =>
      new Set(
        (await db.subsidyClaim.findMany({ where: { subjectKey: { in: keys } }, select: { subjectKey: true } })).map(
          (c) => c.subjectKey,
        ),
      ),

    recordBusiness: (
      data: Prisma.BusinessRegistrationUncheckedCreateInput,
      audit: Omit<AuditEntry, 'entity' | 'entityId'>,
    ) =>
      db.$transaction(async (tx) => {
        const row = await tx.businessRegistration.create({ data });
        await recordAudit(tx, { ...audit, entity: 'business_registration', entityId: row.id });
        return row;
      }),
  };
}

/** The claim engine's queries: subjects' facts, claims with their steps, budgets' spend. */
export function createClaimsRepository(db: Db) {
  return {
    ...subjectQueries(db),

    /** The claim, its first steps and its audit record in one transaction; null when its subject is claimed already. */
    async create(write: ClaimWrite, steps: StepWrite[], audit: Omit<AuditEntry, 'entity' | 'entityId'>) {
      try {
        return await db.$transaction(async (tx) => {
          const claim = await tx.subsidyClaim.create({
            data: { ...write, evidence: json(write.evidence ?? {}), checks: json(write.checks) },
            include: CLAIM_INCLUDE,
          });
          for (const step of steps)
            await tx.subsidyClaimTransition.create({
              data: {
                claimId: claim.id,
                fromStatus: step.from,
                toStatus: step.to,
                byId: step.byId,
                note: step.note ?? null,
              },
            });
          await recordAudit(tx, { ...audit, entity: 'subsidy_claim', entityId: claim.id });
          return claim;
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },

    /** Moves the claim on if it is still in `step.from`; null when someone moved it meanwhile. */
    step: (id: string, step: StepWrite, data: StepData, audit: Omit<AuditEntry, 'entity' | 'entityId'>) =>
      db.$transaction(async (tx) => {
        const moved = await tx.subsidyClaim.updateMany({
          where: { id, status: step.from! },
          data: { ...data, checks: data.checks ? json(data.checks) : undefined, status: step.to },
        });
        if (moved.count === 0) return null;
        await tx.subsidyClaimTransition.create({
          data: { claimId: id, fromStatus: step.from, toStatus: step.to, byId: step.byId, note: step.note ?? null },
        });
        await recordAudit(tx, { ...audit, entity: 'subsidy_claim', entityId: id });
        return tx.subsidyClaim.findUniqueOrThrow({ where: { id }, include: CLAIM_INCLUDE });
      }),

    /** Claims on the given programmes made on these references (certificates, training records), oldest first. */
    byReferences: (references: string[], programmeCodes: string[]) =>
      references.length
        ? db.subsidyClaim.findMany({
            where: { reference: { in: references }, programme: { code: { in: programmeCodes } } },
            select: {
              id: true,
              reference: true,
              status: true,
              amount: true,
              level: true,
              levelPriced: true,
              programme: { select: { code: true } },
            },
            orderBy: { createdAt: 'asc' },
          })
        : Promise.resolve([]),

    claim: (id: string) =>
      db.subsidyClaim.findUnique({
        where: { id },
        include: { ...CLAIM_INCLUDE, transitions: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } },
      }),

    async list(filter: ClaimFilter, page: number, pageSize: number) {
      const where = claimsWhere(filter);
      return offsetPage(
        page,
        pageSize,
        (window) =>
          db.subsidyClaim.findMany({
            where,
            include: CLAIM_INCLUDE,
            orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
            ...window,
          }),
        () => db.subsidyClaim.count({ where }),
      );
    },

    async *all(filter: ClaimFilter, pageSize = 1000) {
      const where = claimsWhere(filter);
      yield* idCursorPages(pageSize, (window) =>
        db.subsidyClaim.findMany({ where, include: CLAIM_INCLUDE, orderBy: { id: 'asc' }, ...window }),
      );
    },

    /** Yuan committed (approved) and paid on a programme under a region prefix. */
    async spend(programmeId: string, prefix: string) {
      const rows = await db.subsidyClaim.groupBy({
        by: ['status'],
        where: { programmeId, regionCode: { startsWith: prefix }, status: { in: ['approved', 'paid'] } },
        _sum: { amount: true, paidAmount: true },
      });
      const approved = rows.find((r) => r.status === 'approved')?._sum.amount ?? 0;
      const paid = rows.find((r) => r.status === 'paid')?._sum.paidAmount ?? 0;
      return { approved, paid, total: approved + paid };
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

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type ClaimsRepository = ReturnType<typeof createClaimsRepository>;
