import type { Notifier } from '../notifications/index.ts';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { reassignedNotice } from './case-notices.ts';
import type { CaseDetail, EligibleOfficer, ReassignInput } from './insurance.contract.ts';
import type { InsuranceRepository } from './insurance.repository.ts';

/**
 * Giving a case to another officer: who may take it (active officers of the case's region or a level
 * above), and the change itself, recorded as a step, audited, and told to the new officer.
 */
export function createReassignment(
  deps: {
    repo: Pick<InsuranceRepository, 'officersCovering' | 'reassign'>;
    reference: () => Promise<ReferenceNames>;
    notifier: Pick<Notifier, 'store' | 'deliver'>;
  },
  /** Reads a case within the actor's scope (403 outside it, 404 when missing). */
  detail: (actor: SessionUser, id: string) => Promise<CaseDetail>,
) {
  const { repo, reference, notifier } = deps;

  /** The active officers of the case's region or a level above (the present one marked). */
  async function officersFor(current: CaseDetail): Promise<EligibleOfficer[]> {
    const ref = await reference();
    return (await repo.officersCovering(current.regionCode)).map((o) => ({
      id: o.id,
      displayName: o.displayName,
      regionCode: o.regionCode!,
      regionName: ref.regionName(o.regionCode!),
      current: o.id === current.assignedToId,
    }));
  }

  return {
    /** Who may take a case over: read within the actor's scope, like the case. */
    assignees: async (actor: SessionUser, id: string) => officersFor(await detail(actor, id)),

    /**
     * Gives an open case to another active officer whose region covers the case's. The actor is an
     * officer of the case's region or a level above (the case must be in scope), or an admin.
     */
    async reassign(actor: SessionUser, id: string, input: ReassignInput, requestId: string) {
      const current = await detail(actor, id);
      if (!current.open) throw new ConflictError('This case is closed', { reason: 'closed' });
      if (input.assignedToId === current.assignedToId)
        throw new ValidationError('Same officer', [
          { field: 'assignedToId', message: 'is already the officer of this case', code: 'unchanged' },
        ]);
      if (!(await officersFor(current)).some((o) => o.id === input.assignedToId))
        throw new ValidationError('Not an officer for this case', [
          {
            field: 'assignedToId',
            message: 'must be an active officer whose region is the case’s region or a level above it',
            code: 'not_eligible',
          },
        ]);
      const stored: Awaited<ReturnType<Notifier['store']>> = [];
      const moved = await repo.reassign({
        caseId: id,
        state: current.state,
        from: current.assignedToId,
        to: input.assignedToId,
        note: input.note,
        actor: { id: actor.id, role: actor.role },
        requestId,
        notices: async (tx, stepId) => {
          const notice = reassignedNotice({
            caseId: id,
            stepId,
            kind: current.kind,
            state: current.state,
            to: input.assignedToId,
            by: actor.displayName,
            note: input.note,
          });
          stored.push(...(await notifier.store(tx, [notice])));
        },
      });
      if (!moved) throw new ConflictError('The case changed hands meanwhile: reload it', { reason: 'moved' });
      await notifier.deliver(stored);
      return detail(actor, id);
    },
  };
}
