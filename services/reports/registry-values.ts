/**
 * The values counted from the registry's per-county rows and the period's events, fairs,
 * agreements and subsidy claims (indicators.service.ts adds the other modules' figures).
 */
import type { SubsidyFigureRow } from '../subsidies/index.ts';
import type { IndicatorsRepository, Row } from './indicators.repository.ts';
import { EMPLOYED_STATUSES, EMPLOYMENT_STATUSES, type IndicatorValues, percent } from './indicators.ts';
import { TRAINING_SUBSIDY_PROGRAMMES } from './skills-indicators.ts';

export interface AgreementProgress {
  id: string;
  title: string;
  homeRegionCode: string;
  partnerRegionCode: string;
  year: number;
  targets: Record<'fairs' | 'transfers' | 'household_placements' | 'trainings', number>;
  done: Record<'fairs' | 'transfers' | 'household_placements' | 'trainings', number>;
}

export const sum = (rows: Row[], key: string) => rows.reduce((total, row) => total + (row[key] ?? 0), 0);
export const employedOf = (row: Record<string, number>) =>
  EMPLOYED_STATUSES.reduce((total, s) => total + (row[`status_${s}`] ?? 0), 0);

type AgreementRow = Awaited<ReturnType<IndicatorsRepository['cooperation']>>[number];

type FigureKey = 'claims' | 'claimedAmount' | 'approvals' | 'amount' | 'people' | 'paid' | 'paidClaims' | 'paidAmount';

/**
 * Every subsidy programme's figures summed (the dashboard and some reports show them per programme), and the
 * training and appraisal programmes' own (plan §3(1), the skills group's).
 */
function subsidyValues(rows: SubsidyFigureRow[]): IndicatorValues {
  const total = (key: FigureKey, of = rows) => of.reduce((t, r) => t + r[key], 0);
  const training = rows.filter((r) => (TRAINING_SUBSIDY_PROGRAMMES as readonly string[]).includes(r.programmeCode));
  return {
    subsidy_claims: total('claims'),
    subsidy_claims_approved: total('approvals'),
    subsidy_claims_amount: total('amount'),
    subsidy_claims_paid: total('paid'),
    subsidy_people_reached: total('people'),
    training_subsidy_claims: total('claims', training),
    training_subsidy_claimed_amount: total('claimedAmount', training),
    training_subsidy_paid: total('paidClaims', training),
    training_subsidy_paid_amount: total('paidAmount', training),
  };
}

/** One agreement's targets and what was done, as the dashboard draws them. */
function agreementProgress(a: AgreementRow): AgreementProgress {
  return {
    id: a.id,
    title: a.title,
    homeRegionCode: a.homeRegionCode,
    partnerRegionCode: a.partnerRegionCode,
    year: a.year,
    targets: {
      fairs: a.coop_fairs_target,
      transfers: a.coop_transfers_target,
      household_placements: a.coop_household_placements_target,
      trainings: a.coop_trainings_target,
    },
    done: {
      fairs: a.coop_fairs_done,
      transfers: a.coop_transfers_done,
      household_placements: a.coop_household_placements_done,
      trainings: a.coop_trainings_done,
    },
  };
}

/** The values counted from the registry's per-county rows and the period's events, fairs, agreements and claims. */
export function registryValues(
  rows: Row[],
  parts: {
    flows: Record<string, number>;
    fairs: Record<string, number>;
    agreements: AgreementRow[];
    subsidies: SubsidyFigureRow[];
  },
) {
  const { flows, fairs, agreements, subsidies } = parts;
  const values: IndicatorValues = {};
  values.labourers = sum(rows, 'labourers');
  for (const s of EMPLOYMENT_STATUSES) values[`status_${s}`] = sum(rows, `status_${s}`);
  values.labour_force = sum(rows, 'labour_force');
  values.employed = employedOf(values);
  values.labour_force_employed = sum(rows, 'labour_force_employed');
  values.employed_share = percent(values.labour_force_employed, values.labour_force);
  Object.assign(values, flows, fairs, subsidyValues(subsidies));
  values.willing = sum(rows, 'willing');
  values.pushed = sum(rows, 'pushed');
  values.push_coverage = percent(values.pushed, values.willing);
  values.labourers_certified = sum(rows, 'labourers_certified');
  for (const key of [
    'pension_eligible',
    'pension_covered',
    'unemployment_insured',
    'graduates',
    'graduates_employed',
  ]) {
    values[key] = sum(rows, key);
  }
  values.pension_coverage = percent(values.pension_covered!, values.pension_eligible!);
  values.coop_agreements = agreements.length;
  const progress: AgreementProgress[] = agreements.map(agreementProgress);
  for (const key of ['fairs', 'transfers', 'household_placements', 'trainings'] as const) {
    values[`coop_${key}_target`] = progress.reduce((t, a) => t + a.targets[key], 0);
    values[`coop_${key}_done`] = progress.reduce((t, a) => t + a.done[key], 0);
  }
  return { values, progress };
}
