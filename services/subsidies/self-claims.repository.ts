import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db } from '../platform/database/prisma.ts';

/** What a claimant's own records hold for their claims: an employer's hires, a person's business. */
export function createSelfClaimsRepository(db: Db) {
  return {
    employer: (id: string) =>
      db.employer.findUnique({ where: { id }, select: { id: true, name: true, kind: true, regionCode: true } }),

    /** The employer's people in work (or who were), newest start first, with the claims made on each hire. */
    hires: (employerId: string) =>
      db.application.findMany({
        where: {
          status: { in: ['started', 'left'] },
          startedAt: { not: null },
          vacancy: { employerId, publicWelfarePost: false },
        },
        select: {
          id: true,
          startedAt: true,
          leftAt: true,
          labourer: { select: { name: true } },
          vacancy: { select: { title: true } },
        },
        orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
        take: 500,
      }),

    /** Whether the hire is the employer's (the subject an employer may claim on). */
    ownsHire: async (employerId: string, applicationId: string) =>
      (await db.application.count({ where: { id: applicationId, vacancy: { employerId } } })) > 0,

    person: (id: string) =>
      db.labourer.findUnique({ where: { id }, select: { id: true, regionCode: true, graduationYear: true } }),

    business: (labourerId: string) =>
      db.businessRegistration.findFirst({
        where: { labourerId },
        orderBy: { registeredOn: 'asc' },
        select: { name: true, registeredOn: true, returningMigrant: true },
      }),

    /** Subject keys already claimed among these (to mark hires claimed already). */
    claimedKeys: async (keys: string[]) =>
      new Set(
        (await db.subsidyClaim.findMany({ where: { subjectKey: { in: keys } }, select: { subjectKey: true } })).map(
          (c) => c.subjectKey,
        ),
      ),

    /** Removes a draft and its steps, keeping the audit record; false when it is no longer a draft. */
    withdrawDraft: (id: string, audit: Omit<AuditEntry, 'entity' | 'entityId'>) =>
      db.$transaction(async (tx) => {
        const gone = await tx.subsidyClaim.deleteMany({ where: { id, status: 'draft' } });
        if (gone.count === 0) return false;
        await recordAudit(tx, { ...audit, entity: 'subsidy_claim', entityId: id });
        return true;
      }),
  };
}

export type SelfClaimsRepository = ReturnType<typeof createSelfClaimsRepository>;
