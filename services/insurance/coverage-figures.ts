import { CASE_KINDS } from './case-states.ts';
import { ageCutoffs } from './age-cutoffs.ts';
import type { InsuranceRepository } from './insurance.repository.ts';
import type { Area } from '../platform/access/area.ts';

/** The counts the figures are made of (insurance.repository.ts `figures`). */
export interface CoverageCounts {
  /** Registered poor aged 16+ (法定参保人员 as the registry knows them). */
  eligible: number;
  /** Of those, in a basic pension scheme (resident or employee). */
  covered: number;
  /** Registered poor aged 60+. */
  aged60: number;
  /** Of those, drawing the pension. */
  receiving60: number;
  /** Registered poor whose premium the government pays (代缴). */
  governmentPaid: number;
  open: Array<{ kind: string; count: number }>;
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/**
 * The social-insurance figures by indicator id (defined, with their plan clauses, in
 * services/reports/insurance-indicators.ts and, for pension coverage of the legally covered, indicators.ts): 60+ receiving
 * the benefit, 代缴, open cases by kind.
 */
export function figuresFrom(counts: CoverageCounts): Record<string, number> {
  const values: Record<string, number> = {
    // The registry's pension coverage, as reports' pension_eligible / pension_covered / pension_coverage define it.
    pension_eligible: counts.eligible,
    pension_covered: counts.covered,
    pension_coverage: share(counts.covered, counts.eligible),
    pension_60_plus: counts.aged60,
    pension_60_plus_receiving: counts.receiving60,
    pension_60_plus_receiving_share: share(counts.receiving60, counts.aged60),
    pension_government_paid: counts.governmentPaid,
  };
  let open = 0;
  for (const kind of CASE_KINDS) {
    const count = counts.open.find((o) => o.kind === kind)?.count ?? 0;
    values[`insurance_cases_open_${kind}`] = count;
    open += count;
  }
  values.insurance_cases_open = open;
  return values;
}

/** Today's figures of an area, a region prefix or several (reports and the coverage page read the same function). */
export async function coverageValues(
  repo: Pick<InsuranceRepository, 'figures'>,
  area: Area,
  today: Date,
): Promise<Record<string, number>> {
  return figuresFrom(await repo.figures(area, ageCutoffs(today)));
}
