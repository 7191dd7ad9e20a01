import type { Fixture } from './fixture.ts';

export interface RankedKey {
  vacancy: string;
  score: number;
}

export interface PersonResult {
  labourer: string;
  ranking: RankedKey[];
}

export interface Metrics {
  people: number;
  /** People with at least one relevant job judged: the base of the three quality figures. */
  judgedPeople: number;
  successAt10: number;
  precisionAt3: number;
  ndcgAt10: number;
  violations: number;
  violationDetails: Array<{ labourer: string; vacancy: string; rules: string[] }>;
}

function ageOn(birthDate: Date, today: Date): number {
  const age = today.getUTCFullYear() - birthDate.getUTCFullYear();
  const before =
    today.getUTCMonth() < birthDate.getUTCMonth() ||
    (today.getUTCMonth() === birthDate.getUTCMonth() && today.getUTCDate() < birthDate.getUTCDate());
  return before ? age - 1 : age;
}

/**
 * The hard rules, written out again from the words and the fixture's records only: the
 * harness must not check the engine with the engine's own code.
 */
export function fixtureViolations(fixture: Fixture, labourerKey: string, vacancyKey: string): string[] {
  const person = fixture.labourers.find((l) => l.key === labourerKey)!;
  const job = fixture.vacancies.find((v) => v.key === vacancyKey)!;
  const employer = fixture.employers.find((e) => e.key === job.employer)!;
  const now = new Date(fixture.now);
  const rules: string[] = [];
  if (job.status !== 'open') rules.push(`status ${job.status}`);
  if (job.expiresAt && new Date(job.expiresAt) <= now) rules.push('expired');
  if (!employer.verified) rules.push('employer not verified');
  const age = ageOn(new Date(person.birthDate), now);
  if ((job.ageMin != null && age < job.ageMin) || (job.ageMax != null && age > job.ageMax)) rules.push(`age ${age}`);
  if (job.publicWelfarePost && !person.hardToEmploy) rules.push('public-welfare post');
  const home = person.regionCode;
  const at = job.regionCode;
  const inside: Record<string, () => boolean> = {
    township: () => at.startsWith(home.length >= 9 ? home.slice(0, 9) : home.slice(0, 6)),
    county: () => at.startsWith(home.slice(0, 6)),
    city: () => at.startsWith(home.slice(0, 4)),
    province: () => at.startsWith(home.slice(0, 2)),
    partner: () => at.startsWith(home.slice(0, 2)) || fixture.partnerRegions.some((p) => at.startsWith(p)),
    partner_region: () => inside.partner!(),
    anywhere: () => true,
  };
  if (!inside[person.mobility]!()) rules.push(`outside ${person.mobility}`);
  const judgment = fixture.judgments.find((j) => j.labourer === labourerKey);
  if (judgment?.forbidden.includes(vacancyKey)) rules.push('judged forbidden');
  return rules;
}

const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => 1 / Math.log2(rank + 2);

/** success@10, precision@3 (over min(3, relevant judged)), NDCG@10 and hard-rule violations. */
export function computeMetrics(fixture: Fixture, results: PersonResult[]): Metrics {
  let judged = 0;
  let success = 0;
  let precision = 0;
  let ndcg = 0;
  const violationDetails: Metrics['violationDetails'] = [];
  for (const result of results) {
    const judgment = fixture.judgments.find((j) => j.labourer === result.labourer);
    const top = result.ranking.slice(0, 10).map((r) => r.vacancy);
    for (const vacancy of top) {
      const rules = fixtureViolations(fixture, result.labourer, vacancy);
      if (rules.length) violationDetails.push({ labourer: result.labourer, vacancy, rules });
    }
    const grades = judgment?.relevant ?? {};
    const relevantCount = Object.keys(grades).length;
    if (relevantCount === 0) continue;
    judged += 1;
    if (top.some((v) => grades[v])) success += 1;
    precision += top.slice(0, 3).filter((v) => grades[v]).length / Math.min(3, relevantCount);
    const dcg = top.reduce((sum, v, i) => sum + gain(grades[v] ?? 0) * discount(i), 0);
    const ideal = Object.values(grades)
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((sum, g, i) => sum + gain(g) * discount(i), 0);
    ndcg += dcg / ideal;
  }
  const share = (n: number) => (judged ? n / judged : 0);
  return {
    people: results.length,
    judgedPeople: judged,
    successAt10: share(success),
    precisionAt3: share(precision),
    ndcgAt10: share(ndcg),
    violations: violationDetails.length,
    violationDetails,
  };
}
