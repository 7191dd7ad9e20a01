import { type Fixture, type FixtureLabourer, hasDisability, partnerRegionsOf } from './fixture.ts';
import type { LicenceTable } from './licence-table.ts';

export interface RankedKey {
  vacancy: string;
  score: number;
}

export interface PersonResult {
  labourer: string;
  ranking: RankedKey[];
}

/** The quality figures of a set of people. */
export interface Quality {
  people: number;
  /** People with at least one relevant job judged: the base of the three quality figures. */
  judgedPeople: number;
  successAt10: number;
  precisionAt3: number;
  ndcgAt10: number;
  /** Hard-rule breaches and judged-forbidden jobs in these people's top 10s. */
  breaches: number;
  forbiddenHits: number;
}

export interface Offence {
  labourer: string;
  vacancy: string;
  rules: string[];
}

/** People the figures are also given for (issue #18 item 8). */
export const GROUPS = ['hardToEmploy', 'disability', 'age50plus', 'staysLocal', 'moves'] as const;
export type Group = (typeof GROUPS)[number];

export interface Metrics extends Quality {
  /** Breaches and forbidden hits together (each top-10 pair once), as before v2. */
  violations: number;
  violationDetails: Offence[];
  /** The engine's hard rules broken, checked from the fixture's records alone. */
  breachDetails: Offence[];
  /** Jobs the judges marked forbidden for the person, found in their top 10. */
  forbiddenDetails: Offence[];
  groups: Record<Group, Quality>;
}

function ageOn(birthDate: Date, today: Date): number {
  const age = today.getUTCFullYear() - birthDate.getUTCFullYear();
  const before =
    today.getUTCMonth() < birthDate.getUTCMonth() ||
    (today.getUTCMonth() === birthDate.getUTCMonth() && today.getUTCDate() < birthDate.getUTCDate());
  return before ? age - 1 : age;
}

/** Which groups a person belongs to. */
export function groupsOf(fixture: Fixture, person: FixtureLabourer): Group[] {
  const groups: Group[] = [];
  if (person.hardToEmploy) groups.push('hardToEmploy');
  if (hasDisability(person)) groups.push('disability');
  if (ageOn(new Date(person.birthDate), new Date(fixture.now)) >= 50) groups.push('age50plus');
  groups.push(person.mobility === 'township' || person.mobility === 'county' ? 'staysLocal' : 'moves');
  return groups;
}

/**
 * The hard rules, written out again from the words and the fixture's records only (and,
 * for licences, the reference tables): the harness must not check the engine with its own code.
 */
export function fixtureBreaches(
  fixture: Fixture,
  labourerKey: string,
  vacancyKey: string,
  licences?: LicenceTable,
): string[] {
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
  const partners = partnerRegionsOf(fixture, person);
  const inside: Record<string, () => boolean> = {
    township: () => at.startsWith(home.length >= 9 ? home.slice(0, 9) : home.slice(0, 6)),
    county: () => at.startsWith(home.slice(0, 6)),
    city: () => at.startsWith(home.slice(0, 4)),
    province: () => at.startsWith(home.slice(0, 2)),
    partner: () => at.startsWith(home.slice(0, 2)) || partners.some((p) => at.startsWith(p)),
    partner_region: () => inside.partner!(),
    anywhere: () => true,
  };
  if (!inside[person.mobility]!()) rules.push(`outside ${person.mobility}`);
  if (licences && !job.trainsForCertificate) {
    // The occupation's licence (one of its kinds) and every operating licence the vacancy asks for.
    const held = (kind: string) => person.certificates.includes(kind);
    const needed = licences.occupations.get(job.occupationCode) ?? [];
    const missing = [
      ...(needed.length && !needed.some(held) ? [needed.join('/')] : []),
      ...job.requiredCertificates.filter((kind) => licences.kinds.has(kind) && !held(kind)),
    ];
    if (missing.length) rules.push(`licence ${missing.join(', ')}`);
  }
  return rules;
}

/** Whether the judges marked the job forbidden for the person. */
export function judgedForbidden(fixture: Fixture, labourerKey: string, vacancyKey: string): boolean {
  return fixture.judgments.find((j) => j.labourer === labourerKey)?.forbidden.includes(vacancyKey) ?? false;
}

/** Breaches and a judged-forbidden mark together (the pre-v2 list). */
export function fixtureViolations(
  fixture: Fixture,
  labourerKey: string,
  vacancyKey: string,
  licences?: LicenceTable,
): string[] {
  const rules = fixtureBreaches(fixture, labourerKey, vacancyKey, licences);
  if (judgedForbidden(fixture, labourerKey, vacancyKey)) rules.push('judged forbidden');
  return rules;
}

const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => 1 / Math.log2(rank + 2);

interface Scored {
  judged: boolean;
  success: number;
  precision: number;
  ndcg: number;
  breaches: Offence[];
  forbidden: Offence[];
}

function scorePerson(fixture: Fixture, result: PersonResult, licences?: LicenceTable): Scored {
  const judgment = fixture.judgments.find((j) => j.labourer === result.labourer);
  const top = result.ranking.slice(0, 10).map((r) => r.vacancy);
  const breaches: Offence[] = [];
  const forbidden: Offence[] = [];
  for (const vacancy of top) {
    const rules = fixtureBreaches(fixture, result.labourer, vacancy, licences);
    if (rules.length) breaches.push({ labourer: result.labourer, vacancy, rules });
    if (judgedForbidden(fixture, result.labourer, vacancy))
      forbidden.push({ labourer: result.labourer, vacancy, rules: ['judged forbidden'] });
  }
  const grades = judgment?.relevant ?? {};
  const relevantCount = Object.keys(grades).length;
  if (relevantCount === 0) return { judged: false, success: 0, precision: 0, ndcg: 0, breaches, forbidden };
  const dcg = top.reduce((sum, v, i) => sum + gain(grades[v] ?? 0) * discount(i), 0);
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, 10)
    .reduce((sum, g, i) => sum + gain(g) * discount(i), 0);
  return {
    judged: true,
    success: top.some((v) => grades[v]) ? 1 : 0,
    precision: top.slice(0, 3).filter((v) => grades[v]).length / Math.min(3, relevantCount),
    ndcg: dcg / ideal,
    breaches,
    forbidden,
  };
}

function quality(scored: Scored[]): Quality {
  const judged = scored.filter((s) => s.judged);
  const share = (pick: (s: Scored) => number) =>
    judged.length ? judged.reduce((sum, s) => sum + pick(s), 0) / judged.length : 0;
  return {
    people: scored.length,
    judgedPeople: judged.length,
    successAt10: share((s) => s.success),
    precisionAt3: share((s) => s.precision),
    ndcgAt10: share((s) => s.ndcg),
    breaches: scored.reduce((sum, s) => sum + s.breaches.length, 0),
    forbiddenHits: scored.reduce((sum, s) => sum + s.forbidden.length, 0),
  };
}

/**
 * success@10, precision@3 (over min(3, relevant judged)), NDCG@10, hard-rule breaches and
 * judged-forbidden hits, overall and for each group of people.
 */
export function computeMetrics(fixture: Fixture, results: PersonResult[], licences?: LicenceTable): Metrics {
  const scored = results.map((result) => scorePerson(fixture, result, licences));
  const people = new Map(fixture.labourers.map((l) => [l.key, l]));
  const groups = Object.fromEntries(
    GROUPS.map((group) => [
      group,
      quality(scored.filter((_, i) => groupsOf(fixture, people.get(results[i]!.labourer)!).includes(group))),
    ]),
  ) as Record<Group, Quality>;
  const breachDetails = scored.flatMap((s) => s.breaches);
  const forbiddenDetails = scored.flatMap((s) => s.forbidden);
  const violationDetails = results.flatMap((result) =>
    result.ranking
      .slice(0, 10)
      .map(({ vacancy }) => ({
        labourer: result.labourer,
        vacancy,
        rules: fixtureViolations(fixture, result.labourer, vacancy, licences),
      }))
      .filter((v) => v.rules.length > 0),
  );
  return {
    ...quality(scored),
    violations: violationDetails.length,
    violationDetails,
    breachDetails,
    forbiddenDetails,
    groups,
  };
}
