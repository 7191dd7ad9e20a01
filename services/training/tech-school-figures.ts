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

/** Intake years a student counts as in school: a technical school's secondary programme (中级工班) lasts three years. */
export const IN_SCHOOL_YEARS = 3;

export interface AidFigureRow {
  state: string;
  /** Intake year. */
  year: number;
  /** Beijing calendar day of the enrolment, null when never enrolled. */
  enrolledOn: string | null;
  /** Beijing calendar day of graduation, null when not graduated. */
  graduatedOn?: string | null;
  aid: ReadonlyArray<{ kind: string; grantedOn: string }>;
}

/**
 * Aid coverage of poor families' technical-school students (plan §3(3) 优先落实免学费、助学金、奖学金等
 * 助学政策; §7(2) 确保符合条件的贫困家庭学生都能够享受到资助政策), for a period of Beijing calendar days:
 *
 * - in school: places enrolled on or before the period's last day (and not graduated by then), of the
 *   intake years from the period end's year − 2 to that year (three years of school);
 * - fee waived: of those, students with a fee waiver (免学费) granted within the period;
 * - aided: of those, students with any aid granted within the period;
 * - aid coverage: aided ÷ in school × 100, one decimal (0 when nobody is in school).
 */
export function techSchoolAidFigures(
  rows: ReadonlyArray<AidFigureRow>,
  period: { from: string; to: string },
): Record<string, number> {
  const endYear = Number(period.to.slice(0, 4));
  const inSchool = rows.filter(
    (r) =>
      (r.state === 'enrolled' || (r.state === 'graduated' && !!r.graduatedOn && r.graduatedOn > period.to)) &&
      r.enrolledOn !== null &&
      r.enrolledOn <= period.to &&
      r.year <= endYear &&
      r.year > endYear - IN_SCHOOL_YEARS,
  );
  const within = (r: AidFigureRow) => r.aid.filter((a) => a.grantedOn >= period.from && a.grantedOn <= period.to);
  const feeWaived = inSchool.filter((r) => within(r).some((a) => a.kind === 'fee_waiver')).length;
  const aided = inSchool.filter((r) => within(r).length > 0).length;
  return {
    tech_school_in_school: inSchool.length,
    tech_school_fee_waived: feeWaived,
    tech_school_aided: aided,
    tech_school_aid_coverage: inSchool.length > 0 ? Math.round((aided / inSchool.length) * 1000) / 10 : 0,
  };
}

export interface GraduateFigureRow {
  /** Beijing calendar day of graduation. */
  graduatedOn: string;
  /** Start day of the job placed in on graduation, null when none recorded. */
  jobStartOn: string | null;
}

/**
 * Graduation and job placement of poor families' technical-school students (plan §3(3) 优先安排实习，
 * 优先推荐就业), for a period of Beijing calendar days:
 *
 * - graduated: students who graduated within the period;
 * - placed: of those, students with a job starting on or before the period's last day;
 * - placement rate: placed ÷ graduated × 100, one decimal (0 when nobody graduated).
 */
export function techSchoolGraduateFigures(
  rows: ReadonlyArray<GraduateFigureRow>,
  period: { from: string; to: string },
): Record<string, number> {
  const graduated = rows.filter((r) => r.graduatedOn >= period.from && r.graduatedOn <= period.to);
  const placed = graduated.filter((r) => r.jobStartOn !== null && r.jobStartOn <= period.to).length;
  return {
    tech_school_graduated: graduated.length,
    tech_school_graduates_placed: placed,
    tech_school_graduate_placement_rate: graduated.length > 0 ? Math.round((placed / graduated.length) * 1000) / 10 : 0,
  };
}
