/**
 * Technical-school places for children of registered poor families (plan §1(2): 使有就读技工院校意愿的
 * 建档立卡贫困家庭应往届初、高中毕业未能继续升学的学生都有机会接受技工教育; §3(3)). The definitions, with
 * their clauses, are the reports module's (tech-school-indicators.ts there); the counting is here.
 *
 * - wished: children recorded for the intake year, except those who withdrew (no longer want a place);
 * - placed: of those, offered a place or already enrolled;
 * - enrolled: of those, enrolled;
 * - placement rate: placed ÷ wished × 100, one decimal (0 when nobody wished).
 */
export function techSchoolFigures(rows: ReadonlyArray<{ state: string }>): Record<string, number> {
  const wished = rows.filter((r) => r.state !== 'withdrawn').length;
  const placed = rows.filter((r) => r.state === 'placed' || r.state === 'enrolled').length;
  const enrolled = rows.filter((r) => r.state === 'enrolled').length;
  return {
    tech_school_wished: wished,
    tech_school_placed: placed,
    tech_school_enrolled: enrolled,
    tech_school_placement_rate: wished > 0 ? Math.round((placed / wished) * 1000) / 10 : 0,
  };
}
