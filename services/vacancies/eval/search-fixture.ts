import fs from 'node:fs';
import { z } from 'zod';
import { CONTRACT_TYPES, PAY_BASES, SHIFT_PATTERNS, VACANCY_STATUSES } from '../vacancies.contract.ts';

const code = z.string().min(1);
const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date');

/**
 * The search fixture (README, "Job search quality"): employers and vacancies in the matching
 * fixture's format, with the other indexed vacancy fields, plus judged queries. Keys the search
 * does not use (labourers, judgments, a query's `note`) are allowed and ignored.
 */
export const SearchFixtureSchema = z.object({
  now: isoDate,
  employers: z.array(
    z.object({
      key: code,
      name: z.string().min(1),
      kind: z.enum([
        'company',
        'poverty_workshop',
        'poverty_base',
        'household_service',
        'labour_agency',
        'public_welfare',
      ]),
      verified: z.boolean().default(true),
      regionCode: code,
    }),
  ),
  vacancies: z.array(
    z.object({
      key: code,
      employer: code,
      title: z.string().min(1),
      occupationCode: code,
      description: z.string().optional(),
      skills: z.array(code).default([]),
      preferredSkills: z.array(code).default([]),
      regionCode: code,
      lat: z.number().nullable().optional(),
      lng: z.number().nullable().optional(),
      wageMin: z.number().int(),
      wageMax: z.number().int(),
      payBasis: z.enum(PAY_BASES).default('month'),
      headcount: z.number().int().min(1).default(1),
      ageMin: z.number().int().nullable().optional(),
      ageMax: z.number().int().nullable().optional(),
      accommodation: z.boolean().default(false),
      meals: z.boolean().default(false),
      travelSupport: z.boolean().default(false),
      shiftPattern: z.enum(SHIFT_PATTERNS).default('day'),
      contractType: z.enum(CONTRACT_TYPES).default('labour_contract'),
      publicWelfarePost: z.boolean().default(false),
      disabilityFriendly: z.boolean().default(false),
      status: z.enum(VACANCY_STATUSES).default('open'),
      expiresAt: isoDate.nullable().optional(),
      publishedAt: isoDate.nullable().optional(),
    }),
  ),
  queries: z
    .array(
      z.object({
        q: z.string(),
        /** Filters as the search API takes them (regionCode, categoryCode, accommodation …). */
        filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
        /** Vacancy keys that answer the query; empty: nothing should be found. */
        relevant: z.array(code),
        kind: z.string().optional(),
      }),
    )
    .min(1),
});

export type SearchFixture = z.infer<typeof SearchFixtureSchema>;
export type SearchFixtureQuery = SearchFixture['queries'][number];

export function parseSearchFixture(raw: unknown, file = 'fixture'): SearchFixture {
  const parsed = SearchFixtureSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`${file} is not a search fixture:\n${problems}`);
  }
  const fixture = parsed.data;
  const employers = new Set(fixture.employers.map((e) => e.key));
  const vacancies = new Set<string>();
  const problems: string[] = [];
  for (const v of fixture.vacancies) {
    if (vacancies.has(v.key)) problems.push(`vacancy key "${v.key}" appears twice`);
    vacancies.add(v.key);
    if (!employers.has(v.employer)) problems.push(`vacancy ${v.key}: unknown employer ${v.employer}`);
  }
  fixture.queries.forEach((query, i) => {
    for (const key of query.relevant) {
      if (!vacancies.has(key)) problems.push(`query ${i} (${query.q}): unknown vacancy ${key}`);
    }
  });
  if (problems.length) throw new Error(`${file}:\n  ${problems.join('\n  ')}`);
  return fixture;
}

export function readSearchFixture(file: string): SearchFixture {
  return parseSearchFixture(JSON.parse(fs.readFileSync(file, 'utf8')), file);
}
