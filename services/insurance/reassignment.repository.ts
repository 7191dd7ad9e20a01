import { recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';

export interface ReassignWrite {
  caseId: string;
  state: string;
  from: string | null;
  to: string;
  note: string;
  actor: { id: string; role: string };
  requestId: string;
  /** Stores the new officer's notice in the same transaction (the step's id names it). */
  notices: (tx: Prisma.TransactionClient, stepId: bigint) => Promise<void>;
}

/** The region codes covering a code: itself and every level above (35, 3508, 350821, 350821101, …). */
const coveringCodes = (code: string) => [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));

/** Who may take a case over, and the change of officer itself. */
export function reassignmentQueries(db: Db) {
  return {
    /** Active officers whose region is the case's region or a level above it, nearest first. */
    officersCovering: (regionCode: string) =>
      db.user.findMany({
        where: { role: 'officer', disabledAt: null, regionCode: { in: coveringCodes(regionCode) } },
        select: { id: true, displayName: true, regionCode: true },
        orderBy: [{ regionCode: 'desc' }, { displayName: 'asc' }, { id: 'asc' }],
        take: 500,
      }),

    /**
     * Gives an open case to another officer if its officer and state are still those read (a concurrent
     * change wins):
     * the case, a step keeping its state and naming both officers, the audit record and the new
     * officer's notice in one transaction. The stall clock is not reset: it measures the person's wait.
     */
    reassign: (w: ReassignWrite) =>
      db.$transaction(async (tx) => {
        const moved = await tx.insuranceCase.updateMany({
          where: { id: w.caseId, assignedToId: w.from, state: w.state, closedAt: null },
          data: { assignedToId: w.to },
        });
        if (moved.count === 0) return false;
        const step = await tx.insuranceCaseTransition.create({
          data: {
            caseId: w.caseId,
            fromState: w.state,
            toState: w.state,
            note: w.note,
            actorId: w.actor.id,
            fromAssigneeId: w.from,
            toAssigneeId: w.to,
          },
          select: { id: true },
        });
        await recordAudit(tx, {
          actor: w.actor as { id: string; role: 'officer' },
          action: 'insurance.case.reassign',
          entity: 'insurance_case',
          entityId: w.caseId,
          requestId: w.requestId,
          details: { from: w.from, to: w.to },
        });
        await w.notices(tx, step.id);
        return true;
      }),
  };
}
