import { figuresOf, freshnessCutoffs, type FreshnessRules } from '../labourers/index.ts';
import type { IndicatorDefinition } from './indicator-definition.ts';
import type { Area } from '../platform/access/area.ts';

/** The plan clauses the dynamic-management figures implement. */
export const FRESHNESS_PLAN_CLAUSE =
  '§2(2) 健全精准就业扶贫数据库，将就业扶贫信息动态管理作为绩效考核重要内容; §7(2) 精准入库和动态更新';

/**
 * Dynamic management (动态管理): how current the registry is. The rule (what is fresh, what is a
 * contact, N months from FRESHNESS_MONTHS) is the labourers module's (services/labourers/freshness.ts),
 * shared with the officer's worklist at /labourers/freshness.
 */
export const FRESHNESS_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'records_fresh_share',
    group: 'employment',
    nameZh: '登记记录新鲜度（近N个月核实或更新）',
    nameEn: 'Records verified or updated in the last N months',
    counts: `Share of registry records (not erased) updated, or verified by an officer, within the last FRESHNESS_MONTHS months (default 6) of today.`,
    clause: FRESHNESS_PLAN_CLAUSE,
    sources: ['Labourer.updatedAt', 'Labourer.verifiedAt'],
    asOf: 'current',
    unit: 'percent',
  },
  {
    id: 'records_stale',
    group: 'employment',
    nameZh: '待核实记录',
    nameEn: 'Records to verify',
    counts: `Registry records (not erased) neither updated nor verified within those months: the officers' worklist.`,
    clause: FRESHNESS_PLAN_CLAUSE,
    sources: ['Labourer.updatedAt', 'Labourer.verifiedAt'],
    asOf: 'current',
    unit: 'people',
  },
  {
    id: 'no_contact_year',
    group: 'employment',
    nameZh: '一年以上未联系人数',
    nameEn: 'No contact for over a year',
    counts: `Registry records (not erased) created over 12 months ago with no contact in the last 12 months (an officer's verification, or the person's own registration or change).`,
    clause: FRESHNESS_PLAN_CLAUSE,
    sources: ['Labourer.contactedAt', 'Labourer.createdAt'],
    asOf: 'current',
    unit: 'people',
  },
];

type ByTownship = (
  area: Area,
  cutoffs: ReturnType<typeof freshnessCutoffs>,
) => Promise<Array<{ records: number; fresh: number; verified: number; noContactYear: number }>>;

/** The three values for an area (a region prefix or several), as of `now`. */
export function freshnessValues(byTownship: ByTownship, rules: FreshnessRules, now: () => Date = () => new Date()) {
  return async (area: Area): Promise<Record<string, number>> => {
    const rows = await byTownship(area, freshnessCutoffs(now(), rules));
    const total = figuresOf(
      rows.reduce(
        (t, r) => ({
          records: t.records + r.records,
          fresh: t.fresh + r.fresh,
          verified: t.verified + r.verified,
          noContactYear: t.noContactYear + r.noContactYear,
        }),
        { records: 0, fresh: 0, verified: 0, noContactYear: 0 },
      ),
    );
    return { records_fresh_share: total.freshShare, records_stale: total.stale, no_contact_year: total.noContactYear };
  };
}
