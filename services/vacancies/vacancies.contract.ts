import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { EDUCATION_LEVELS } from '../labourers/index.ts';
import {
  ContractType,
  PayBasis,
  ShiftPattern,
  SkillLevel,
  VacancyStatus,
} from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const VACANCY_STATUSES = enumValues(VacancyStatus);
export const PAY_BASES = enumValues(PayBasis);
export const SHIFT_PATTERNS = enumValues(ShiftPattern);
export const CONTRACT_TYPES = enumValues(ContractType);
export const SKILL_LEVELS = enumValues(SkillLevel);

const date = z.iso.date('must be a date like 2025-03-01');
const codes = z.array(z.string().min(1).max(40)).max(20);
/** Least level per required skill, e.g. { "S-ARC-WELDING": "skilled" }. */
const skillLevels = z
  .record(z.string().min(1).max(40), z.enum(SKILL_LEVELS, 'must be beginner, intermediate, skilled or expert'))
  .refine((levels) => Object.keys(levels).length <= 20, 'at most 20 skills');

const vacancyFields = {
  employerId: z.uuid('must be an employer id'),
  title: z.string().trim().min(2, 'must be at least 2 characters').max(60),
  occupationCode: z.string().min(1, 'is required').max(20),
  description: z.string().trim().min(10, 'must be at least 10 characters').max(4000),
  skillCodes: codes.default([]),
  preferredSkillCodes: codes.default([]),
  regionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a 6, 9 or 12 digit region code'),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  wageMin: z.number().int().min(0).max(100_000),
  wageMax: z.number().int().min(0).max(100_000),
  payBasis: z.enum(PAY_BASES).default('month'),
  headcount: z.number().int().min(1).max(10_000),
  ageMin: z.number().int().min(16, 'may not be below 16 (the legal working age)').max(70).nullable().optional(),
  ageMax: z.number().int().min(16).max(70).nullable().optional(),
  educationMin: z.enum(EDUCATION_LEVELS).nullable().optional(),
  accommodation: z.boolean().default(false),
  meals: z.boolean().default(false),
  travelSupport: z.boolean().default(false),
  workingHours: z.string().trim().max(100).nullable().optional(),
  shiftPattern: z.enum(SHIFT_PATTERNS).default('day'),
  contractType: z.enum(CONTRACT_TYPES).default('labour_contract'),
  disabilityFriendly: z.boolean().default(false),
  publicWelfarePost: z.boolean().default(false),
  /** Certificate kinds a person must hold (an operating licence bars those without it unless the employer trains). */
  requiredCertificates: codes.default([]),
  requiredSkillLevels: skillLevels.default({}),
  /** The employer trains newcomers and gets them the licence the occupation needs. */
  trainsForCertificate: z.boolean().default(false),
  startDate: date.nullable().optional(),
  expiresAt: date.nullable().optional(),
};

const checkRanges = <T extends { wageMin?: number; wageMax?: number; ageMin?: number | null; ageMax?: number | null }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if (v.wageMin !== undefined && v.wageMax !== undefined && v.wageMax < v.wageMin) {
    ctx.addIssue({
      code: 'custom',
      path: ['wageMax'],
      message: 'must not be below wageMin',
      params: { code: 'below_wage_min' },
    });
  }
  if (v.ageMin != null && v.ageMax != null && v.ageMax < v.ageMin) {
    ctx.addIssue({
      code: 'custom',
      path: ['ageMax'],
      message: 'must not be below ageMin',
      params: { code: 'below_age_min' },
    });
  }
};

export const VacancyInputSchema = z.object(vacancyFields).superRefine(checkRanges);
export type VacancyInput = z.infer<typeof VacancyInputSchema>;

const { employerId: _employerId, ...changeable } = vacancyFields;
type Changeable = typeof changeable;
type Unwrapped<S> = S extends z.ZodDefault<infer Inner> ? Inner : S;

// A PATCH changes only what it sends: defaults of the create schema must not fill the rest.
const patchFields = Object.fromEntries(
  Object.entries(changeable).map(([key, schema]) => [
    key,
    (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional(),
  ]),
) as { [K in keyof Changeable]: z.ZodOptional<Unwrapped<Changeable[K]>> };

export const VacancyPatchSchema = z
  .object({ ...patchFields, status: z.enum(['open', 'paused', 'closed', 'draft']).optional() })
  .superRefine(checkRanges)
  .refine((v) => Object.keys(v).length > 0, 'send at least one field to change');
export type VacancyPatch = z.infer<typeof VacancyPatchSchema>;

export const VacancySchema = z
  .object({
    id: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    employerKind: z.string(),
    employerVerified: z.boolean(),
    title: z.string(),
    occupationCode: z.string(),
    occupationName: z.string(),
    description: z.string(),
    skillCodes: z.array(z.string()),
    preferredSkillCodes: z.array(z.string()),
    skillNames: z.array(z.string()),
    regionCode: z.string(),
    regionName: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    wageMin: z.number(),
    wageMax: z.number(),
    payBasis: z.enum(PAY_BASES),
    headcount: z.number(),
    ageMin: z.number().nullable(),
    ageMax: z.number().nullable(),
    educationMin: z.enum(EDUCATION_LEVELS).nullable(),
    accommodation: z.boolean(),
    meals: z.boolean(),
    travelSupport: z.boolean(),
    workingHours: z.string().nullable(),
    shiftPattern: z.enum(SHIFT_PATTERNS),
    contractType: z.enum(CONTRACT_TYPES),
    disabilityFriendly: z.boolean(),
    publicWelfarePost: z.boolean(),
    requiredCertificates: z.array(z.string()),
    requiredCertificateNames: z.array(z.string()),
    requiredSkillLevels: z.record(z.string(), z.enum(SKILL_LEVELS)),
    trainsForCertificate: z.boolean(),
    startDate: z.string().nullable(),
    status: z.enum(VACANCY_STATUSES),
    publishedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Vacancy' });
export type VacancyView = z.infer<typeof VacancySchema>;

export const SearchQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, 'must be a region code prefix')
    .optional(),
  occupationCode: z.string().max(20).optional(),
  categoryCode: z.string().max(10).optional(),
  employerKind: z.string().max(30).optional(),
  minWage: z.coerce.number().int().min(0).max(100_000).optional(),
  accommodation: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  meals: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radiusKm: z.coerce.number().min(1).max(3000).optional(),
  sort: z.enum(['relevance', 'newest', 'wage', 'distance']).default('relevance'),
  page: z.coerce.number().int().min(1).max(250).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SearchHitSchema = z.object({
  id: z.string(),
  title: z.string(),
  employerName: z.string(),
  employerKind: z.string(),
  occupationName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  wageMin: z.number(),
  wageMax: z.number(),
  payBasis: z.enum(PAY_BASES),
  headcount: z.number(),
  accommodation: z.boolean(),
  meals: z.boolean(),
  publishedAt: z.number().nullable(),
  distanceKm: z.number().nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  items: z.array(SearchHitSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
  /** How the query was read: place names became a region filter, condition words (包吃住, 日结) filters. */
  understood: z
    .object({
      text: z.string(),
      places: z.array(z.object({ code: z.string(), name: z.string() })),
      conditions: z.array(z.string()),
      /** The query without its place names: search this to drop the place. */
      withoutPlaces: z.string(),
    })
    .optional(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

const IdParams = z.object({ id: z.uuid('must be a vacancy id') });
const tags = ['vacancies'];
const manage = auth.roles('employer', 'officer', 'admin');

export const searchVacanciesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/vacancies/search',
  auth: auth.public,
  summary: 'Search open jobs: Chinese text, filters, distance, sort, facets, pages',
  tags,
  schema: {
    querystring: SearchQuerySchema,
    response: { 200: SearchResultSchema, 400: ErrorResponseSchema, 503: ErrorResponseSchema },
  },
});

export const createVacancyRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/vacancies',
  auth: manage,
  summary: 'Create a vacancy as a draft (employers for themselves; officers within their region)',
  tags,
  schema: { body: VacancyInputSchema, response: { 201: VacancySchema, ...commonErrors } },
});

export const getVacancyRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/vacancies/:id',
  auth: auth.public,
  summary: 'One vacancy: anyone when public; otherwise its employer and officers of its region',
  tags,
  schema: { params: IdParams, response: { 200: VacancySchema, 404: ErrorResponseSchema, ...commonErrors } },
});

export const patchVacancyRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/vacancies/:id',
  auth: manage,
  summary: 'Change a vacancy, or move it through draft → open → paused → closed',
  tags,
  schema: {
    params: IdParams,
    body: VacancyPatchSchema,
    response: { 200: VacancySchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const listEmployerVacanciesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/employers/:id/vacancies',
  auth: manage,
  summary: 'All vacancies of one employer, every status',
  tags,
  schema: {
    params: z.object({ id: z.uuid('must be an employer id') }),
    response: { 200: z.object({ items: z.array(VacancySchema) }), 404: ErrorResponseSchema, ...commonErrors },
  },
});
