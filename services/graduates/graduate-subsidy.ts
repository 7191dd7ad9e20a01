import type { ClaimCheck, GraduateRecordLookup } from '../subsidies/index.ts';
import { ConflictError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { GraduatesRepository } from './graduates.repository.ts';
import type { GraduatesService } from './graduates.service.ts';

/** The programme of the one-time 2,000-yuan job-seeking/start-up subsidy (plan §5(4)) on the claim engine. */
export const GRADUATE_SUBSIDY = 'graduate_job_seeking';

/** A claim as the subsidies module creates it (its `claimFor`, with this module's record lookup). */
export type ClaimSubmitter = (input: {
  programmeCode: string;
  labourerId: string;
  reference: string;
}) => Promise<{ id: string; amount: number; status: string }>;

/** The subsidies module reads a graduate through this: the record of the person's latest graduation year. */
export function graduateRecordLookup(repo: Pick<GraduatesRepository, 'latestOfPerson'>): GraduateRecordLookup {
  return async (labourerId) => {
    const row = await repo.latestOfPerson(labourerId);
    return row
      ? {
          graduateId: row.id,
          graduationYear: row.graduationYear,
          schoolKind: row.schoolKind,
          wish: row.wish,
          status: row.status,
        }
      : null;
  };
}

/**
 * An officer applies for the graduate's subsidy: the claim engine checks the graduate record and
 * the registry; a refusal carries the failed checks' rule names so the page can say them in words.
 */
export function createGraduateSubsidy(deps: {
  graduates: Pick<GraduatesService, 'get'>;
  repo: Pick<GraduatesRepository, 'audit'>;
  submit: ClaimSubmitter;
}) {
  return {
    async apply(actor: SessionUser, graduateId: string, requestId?: string) {
      const graduate = await deps.graduates.get(actor, graduateId);
      let claim: Awaited<ReturnType<ClaimSubmitter>>;
      try {
        claim = await deps.submit({
          programmeCode: GRADUATE_SUBSIDY,
          labourerId: graduate.labourerId,
          reference: `graduate:${graduate.id}`,
        });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const details = (error.details ?? {}) as { reason?: string; checks?: ClaimCheck[] };
        if (details.reason === 'not_eligible')
          throw new ConflictError('The graduate may not claim the subsidy', {
            reason: 'subsidy_not_eligible',
            failed: (details.checks ?? []).filter((c) => !c.passed).map((c) => c.rule),
          });
        if (details.reason === 'duplicate')
          throw new ConflictError('The graduate has claimed the subsidy already', { reason: 'subsidy_claimed' });
        throw error;
      }
      await deps.repo.audit({
        actor,
        action: 'graduate.subsidy.claim',
        entity: 'graduate',
        entityId: graduate.id,
        requestId,
        details: { claimId: claim.id },
      });
      return { claimId: claim.id, amount: claim.amount, status: claim.status };
    },
  };
}

export type GraduateSubsidy = ReturnType<typeof createGraduateSubsidy>;
