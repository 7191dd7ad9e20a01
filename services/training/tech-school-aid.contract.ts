import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { EducationLevel, TechSchoolAidKind } from '../platform/database/generated/enums.ts';
import { PlaceSchema } from './tech-schools.contract.ts';
import { optional } from '../platform/validation/optional.ts';

const year = z.coerce.number().int('must be a year').min(2015, 'must be 2015 or later').max(2100, 'must be a year');
const region = z.string().regex(/^\d{6,12}$/, 'must be a county, township or village code');

export const AID_KINDS = Object.values(TechSchoolAidKind) as [TechSchoolAidKind, ...TechSchoolAidKind[]];
/** What a registered poor family's student qualifies for in every term (plan §3(3) 免学费、助学金). */
export const QUALIFIED_AID: readonly TechSchoolAidKind[] = ['fee_waiver', 'state_grant'];

/** A term as schools write it: the school year's first calendar year and the season (2026秋, 2027春). */
export const TERM_PATTERN = /^(20\d{2})(春|秋)$/;

/** 2026秋, 2026年秋季, 2026年秋季学期 → 2026秋; null when it is not a term. */
export function normaliseTerm(text: string): string | null {
  const match = /^(20\d{2})年?(春|秋)季?(学期)?$/.exec(text.replace(/\s+/g, ''));
  return match ? `${match[1]}${match[2]}` : null;
}

const term = z.preprocess(
  (v) => (typeof v === 'string' ? (normaliseTerm(v) ?? v) : v),
  z.string().regex(TERM_PATTERN, 'must be a term like 2026秋 or 2027春'),
);
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-09-01')
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date like 2026-09-01');

export const AidInputSchema = z.object({
  kind: z.enum(AID_KINDS, 'must be fee waiver, state grant, scholarship or other aid'),
  term,
  amountYuan: z.coerce
    .number('must be an amount in yuan')
    .int('must be whole yuan')
    .min(1, 'must be at least 1 yuan')
    .max(50_000, 'must be at most 50,000 yuan'),
  grantedOn: day,
  note: optional(z.string().trim().max(200, 'must be at most 200 characters')),
});
export type AidInput = z.infer<typeof AidInputSchema>;

export const AidSchema = z
  .object({
    id: z.string(),
    placeId: z.string(),
    kind: z.enum(AID_KINDS),
    term: z.string(),
    amountYuan: z.number().int(),
    grantedOn: z.string(),
    regionCode: z.string(),
    note: z.string().nullable(),
    recordedOn: z.string(),
  })
  .meta({ id: 'TechSchoolAid' });
export type AidView = z.infer<typeof AidSchema>;

export const StudentSchema = PlaceSchema.extend({ aid: z.array(AidSchema) }).meta({ id: 'TechSchoolStudent' });
export type StudentView = z.infer<typeof StudentSchema>;

export const StudentFilterSchema = z.object({
  year: optional(year),
  regionCode: optional(region),
  term: optional(term),
});
export type StudentFilter = z.infer<typeof StudentFilterSchema>;

export const ApplicantFilterSchema = z.object({
  /** The intake year the applicants are of age for (by default this year). */
  year: optional(year),
  regionCode: optional(region),
});
export type ApplicantFilter = z.infer<typeof ApplicantFilterSchema>;

export const ApplicantSchema = z
  .object({
    labourerId: z.string(),
    /** Masked (张*三). */
    name: z.string(),
    birthYear: z.number().int(),
    regionCode: z.string(),
    regionName: z.string(),
    countyCode: z.string(),
    educationLevel: z.enum(Object.values(EducationLevel) as [EducationLevel, ...EducationLevel[]]),
    /** The school level left: junior or senior secondary. */
    leftLevel: z.enum(['junior', 'senior']),
    /** The registered poor family member the child would apply through (the child themself when registered). */
    householdLabourerId: z.string(),
    /** Registered poor in their own record, or only through their household (same 贫困户编号). */
    through: z.enum(['self', 'household']),
  })
  .meta({ id: 'TechSchoolApplicant' });
export type ApplicantView = z.infer<typeof ApplicantSchema>;

export const ApplicantListSchema = z.object({
  year: z.number().int(),
  items: z.array(ApplicantSchema),
  counties: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
});

const keepers = auth.roles('officer', 'admin');
const tags = ['technical-schools'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const studentId = z.object({ id: z.uuid('must be a student (a place) id') });

export const listApplicantsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/technical-schools/applicants',
  auth: keepers,
  summary:
    'Potential applicants per county: children of registered poor families (themselves or their household) of age who left junior or senior school without continuing and have no place recorded',
  tags,
  schema: { querystring: ApplicantFilterSchema, response: { 200: ApplicantListSchema, ...errors } },
});
export const listStudentsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/technical-schools/students',
  auth: keepers,
  summary: 'Enrolled poor-family students of the region with their aid (optionally one term’s)',
  tags,
  schema: {
    querystring: StudentFilterSchema,
    response: { 200: z.object({ items: z.array(StudentSchema) }), ...errors },
  },
});
export const listAidRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/technical-schools/students/:id/aid',
  auth: keepers,
  summary: 'The aid (资助) recorded for a student, by term',
  tags,
  schema: { params: studentId, response: { 200: z.object({ items: z.array(AidSchema) }), ...errors } },
});
export const recordAidRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/technical-schools/students/:id/aid',
  auth: keepers,
  summary:
    'Record an aid for an enrolled student and term: fee waiver, state grant, scholarship or other (audited; one per kind and term, 409 otherwise)',
  tags,
  schema: { params: studentId, body: AidInputSchema, response: { 201: AidSchema, ...errors } },
});
