import {
  ComparisonKind as ComparisonKinds,
  FindingKind as FindingKinds,
} from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const COMPARISON_KINDS = enumValues(ComparisonKinds);
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

export const FINDING_KINDS = enumValues(FindingKinds);
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Which checks each kind of list supports. "Only in the registry" needs a list meant to be
 * complete for the region (the poverty office's export, social-insurance enrolment); the other
 * lists cover only the people who registered, trained or were appraised.
 */
export const CHECKS: Record<ComparisonKind, readonly FindingKind[]> = {
  employment_registration: ['only_in_external', 'status_disagreement'],
  training_records: ['only_in_external', 'training_wanted_none'],
  skills_appraisal: ['only_in_external'],
  social_insurance: ['only_in_registry', 'only_in_external', 'no_pension_60_plus'],
  poverty_office: ['only_in_registry', 'only_in_external', 'status_disagreement', 'no_pension_60_plus'],
};

export const PENSION_AGE = 60;
