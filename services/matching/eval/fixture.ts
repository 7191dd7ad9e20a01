import fs from 'node:fs';
import { z } from 'zod';
import {
  ApplicationStatus,
  ContractType,
  EmployerKind,
  PayBasis,
  Sex,
  ShiftPattern,
  SkillLevel,
  VacancyStatus,
} from '../../platform/database/generated/enums.ts';

const code = z.string().min(1);
const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date');
const skill = z.union([code, z.object({ code, level: z.enum(SkillLevel) })]);

/**
 * The matching fixture (services/matching/README.md): the issue's format, plus optional fields
 * marked "extension" that let a fixture exercise every feature.
 */
export const FixtureSchema = z.object({
  now: isoDate,
  /** Extension: partner-region prefixes for people whose mobility is "partner". */
  partnerRegions: z.array(z.string()).default([]),
  employers: z.array(
    z.object({
      key: code,
      name: z.string().min(1),
      kind: z.enum(EmployerKind),
      verified: z.boolean(),
      regionCode: code,
      contactPhone: z.string().optional(),
    }),
  ),
  vacancies: z.array(
    z.object({
      key: code,
      employer: code,
      title: z.string().min(1),
      occupationCode: code,
      /** Required skills: codes, or v2 `{ code, level }` with the least level asked. */
      skills: z.array(skill).default([]),
      /** v2: what the job page says (the search fixture uses it); the title when absent. */
      description: z.string().optional(),
      /** Extension. */
      preferredSkills: z.array(code).default([]),
      regionCode: code,
      lat: z.number().nullable().optional(),
      lng: z.number().nullable().optional(),
      wageMin: z.number().int(),
      wageMax: z.number().int(),
      /** Extension: month (default), day or piece. */
      payBasis: z.enum(PayBasis).default('month'),
      headcount: z.number().int().min(1),
      ageMin: z.number().int().nullable().optional(),
      ageMax: z.number().int().nullable().optional(),
      accommodation: z.boolean().default(false),
      /** Extensions. */
      meals: z.boolean().default(false),
      publicWelfarePost: z.boolean().default(false),
      disabilityFriendly: z.boolean().default(false),
      /** v2: certificate kinds required, whether the employer trains for the licence, the contract type. */
      requiredCertificates: z.array(code).default([]),
      trainsForCertificate: z.boolean().default(false),
      contractType: z.enum(ContractType).default('labour_contract'),
      /** v2: day (default), two_shifts, three_shifts or flexible. */
      shift: z.enum(ShiftPattern).default('day'),
      status: z.enum(VacancyStatus),
      expiresAt: isoDate.nullable().optional(),
      /** Extension: when it was published (freshness); 30 days before `now` when absent. */
      publishedAt: isoDate.nullable().optional(),
    }),
  ),
  labourers: z.array(
    z.object({
      key: code,
      birthDate: isoDate,
      sex: z.enum(Sex),
      regionCode: code,
      lat: z.number().nullable().optional(),
      lng: z.number().nullable().optional(),
      skills: z.array(skill).default([]),
      certificates: z.array(code).default([]),
      desiredOccupations: z.array(code).default([]),
      mobility: z.enum(['township', 'county', 'city', 'province', 'partner', 'partner_region', 'anywhere']),
      expectedWage: z.number().int().nullable().optional(),
      needsAccommodation: z.boolean().default(false),
      hardToEmploy: z.boolean().default(false),
      /** Extensions. */
      disability: z.boolean().default(false),
      /** v2: the kind of disability (physical, visual, hearing...); implies `disability`. */
      disabilityType: z.string().min(1).optional(),
      /** v2: this person's partner-region prefixes (mobility "partner"), instead of the fixture's. */
      partnerRegions: z.array(z.string()).optional(),
      wantsJob: z.boolean().default(true),
    }),
  ),
  /** Extension: applications, for the employers' hire records and how crowded a vacancy is. */
  applications: z
    .array(
      z.object({
        labourer: code,
        vacancy: code,
        status: z.enum(ApplicationStatus),
        hiredAt: isoDate.optional(),
        startedAt: isoDate.optional(),
        leftAt: isoDate.optional(),
      }),
    )
    .default([]),
  /** Extension: "not interested" said before the ranking. */
  feedback: z.array(z.object({ labourer: code, vacancy: code, reason: z.string().optional() })).default([]),
  judgments: z.array(
    z.object({
      labourer: code,
      relevant: z.record(z.string(), z.number().int().min(1).max(3)),
      forbidden: z.array(code).default([]),
    }),
  ),
});

export type Fixture = z.infer<typeof FixtureSchema>;
export type FixtureVacancy = Fixture['vacancies'][number];
export type FixtureLabourer = Fixture['labourers'][number];

/** A vacancy's required skill codes and the least level of those that give one. */
export function vacancySkills(vacancy: FixtureVacancy): { codes: string[]; levels: Record<string, string> } {
  const codes: string[] = [];
  const levels: Record<string, string> = {};
  for (const s of vacancy.skills) {
    if (typeof s === 'string') codes.push(s);
    else {
      codes.push(s.code);
      levels[s.code] = s.level;
    }
  }
  return { codes, levels };
}

/** The partner regions that count for a person: their own when given, else the fixture's. */
export const partnerRegionsOf = (fixture: Fixture, person: FixtureLabourer): string[] =>
  person.partnerRegions ?? fixture.partnerRegions;

/** Whether the person has a disability (the flag, or a disability type given). */
export const hasDisability = (person: FixtureLabourer): boolean => person.disability || !!person.disabilityType;

export function readFixture(file: string): Fixture {
  const parsed = FixtureSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${file} is not a matching fixture:\n${problems}`);
  }
  const fixture = parsed.data;
  const keys = (items: Array<{ key: string }>, what: string) => {
    const set = new Set<string>();
    for (const { key } of items) {
      if (set.has(key)) throw new Error(`${file}: ${what} key "${key}" appears twice`);
      set.add(key);
    }
    return set;
  };
  const employers = keys(fixture.employers, 'employer');
  const vacancies = keys(fixture.vacancies, 'vacancy');
  const labourers = keys(fixture.labourers, 'labourer');
  const missing = [
    ...fixture.vacancies
      .filter((v) => !employers.has(v.employer))
      .map((v) => `vacancy ${v.key}: employer ${v.employer}`),
    ...fixture.judgments.flatMap((j) => [
      ...(labourers.has(j.labourer) ? [] : [`judgment: labourer ${j.labourer}`]),
      ...[...Object.keys(j.relevant), ...j.forbidden]
        .filter((k) => !vacancies.has(k))
        .map((k) => `judgment ${j.labourer}: vacancy ${k}`),
    ]),
    ...[...fixture.applications, ...fixture.feedback].flatMap((a) => [
      ...(labourers.has(a.labourer) ? [] : [`application/feedback: labourer ${a.labourer}`]),
      ...(vacancies.has(a.vacancy) ? [] : [`application/feedback: vacancy ${a.vacancy}`]),
    ]),
  ];
  if (missing.length) throw new Error(`${file} refers to unknown keys:\n  ${missing.join('\n  ')}`);
  return fixture;
}
