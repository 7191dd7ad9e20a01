import type { LabourersService } from '../labourers/index.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { StateEffect } from './case-states.ts';
import type { PersonRow, StepWrite } from './insurance.repository.ts';

export interface EffectInput {
  effect: StateEffect | undefined;
  person: PersonRow;
  contributionGrade: number | undefined;
  /** The Beijing day of the step. */
  day: Date;
}

/**
 * What the person's record keeps when a case reaches a state: the standing row written with the
 * step, and the registry's pension field when the person is now insured (the registry's own
 * update, so its history, scope check and search index follow, and coverage figures move).
 */
export function standingFor({ effect, person, contributionGrade, day }: EffectInput): StepWrite['standing'] {
  const labourerId = person.id;
  switch (effect) {
    case 'receiving_benefit':
      return { labourerId, receivingBenefitSince: day };
    case 'government_paid':
      if (contributionGrade === undefined)
        throw new ValidationError('A contribution grade is needed', [
          { field: 'contributionGrade', message: 'is required for 代缴', code: 'required' },
        ]);
      return { labourerId, governmentPaidGrade: contributionGrade };
    case 'visited':
      return { labourerId, visitNeed: null };
    case 'papers_done':
      return { labourerId, missingPapers: false };
    case 'work_injury_insured':
      return { labourerId, workInjuryInsured: true };
    case 'benefit_paid':
      return { labourerId, unemploymentBenefit: true };
    default:
      return undefined;
  }
}

/** Enrols the person in the registry when the step means they are insured now (and were not). */
export async function enrolInRegistry(
  labourers: Pick<LabourersService, 'update'>,
  actor: SessionUser,
  effect: StateEffect | undefined,
  person: PersonRow,
  note: string,
): Promise<void> {
  if (effect !== 'insured' && effect !== 'receiving_benefit') return;
  if (person.pensionInsurance !== 'none') return;
  await labourers.update(actor, person.id, {
    pensionInsurance: 'urban_rural_resident',
    statusNote: `社保经办：${note}`.slice(0, 200),
  } as Parameters<LabourersService['update']>[2]);
}
