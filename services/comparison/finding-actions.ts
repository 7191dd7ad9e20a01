import { EMPLOYMENT_STATUSES } from '../labourers/index.ts';
import type { FindingKind } from './comparison.kinds.ts';
import { classifyEmployment, classifyPension, classifyPoverty, registryWorkState } from './comparison.vocabulary.ts';

/** The registry field a finding can be applied to, and the values an officer may choose. */
export interface Proposal {
  field: 'employmentStatus' | 'povertyStatus' | 'pensionInsurance';
  /** What the finding implies, chosen by default. */
  value: string;
  choices: readonly string[];
}

const WORKING = EMPLOYMENT_STATUSES.filter((s) => registryWorkState(s) === 'working');
const POVERTY = ['registered', 'lifted_out'] as const;
const INSURED = ['urban_rural_resident', 'employee'] as const;

/**
 * What applying a finding changes in the registry, or null when it has nothing to apply (a person
 * only on one side, a training wish: work for the officer, not a field to set).
 * - status_disagreement: the list's state wins: working on the list → a working status (local
 *   employment unless the officer picks another; 就业登记); not working → unemployed; the poverty
 *   office's 脱贫 state → the registry's poverty status.
 * - no_pension_60_plus: the registry says insured but the list does not → none; the registry says
 *   none → the officer records the enrolment they arranged (urban-rural resident by default).
 */
export function proposalFor(finding: {
  kind: FindingKind;
  registryValue: string | null;
  externalValue: string | null;
}): Proposal | null {
  const { registryValue, externalValue } = finding;
  if (registryValue === null) return null;
  if (finding.kind === 'status_disagreement') {
    if ((POVERTY as readonly string[]).includes(registryValue)) {
      const state = externalValue ? classifyPoverty(externalValue) : undefined;
      return state && state !== registryValue ? { field: 'povertyStatus', value: state, choices: [state] } : null;
    }
    const external = externalValue ? classifyEmployment(externalValue) : undefined;
    if (!external) return null;
    if (external === 'employed' && registryWorkState(registryValue) === 'not_working')
      return { field: 'employmentStatus', value: 'employed_local', choices: WORKING };
    if (external !== 'employed' && registryWorkState(registryValue) === 'working')
      return { field: 'employmentStatus', value: 'unemployed', choices: ['unemployed'] };
    return null;
  }
  if (finding.kind === 'no_pension_60_plus') {
    if (registryValue !== 'none' && externalValue && classifyPension(externalValue) === 'not_enrolled')
      return { field: 'pensionInsurance', value: 'none', choices: ['none'] };
    if (registryValue === 'none') return { field: 'pensionInsurance', value: 'urban_rural_resident', choices: INSURED };
  }
  return null;
}
