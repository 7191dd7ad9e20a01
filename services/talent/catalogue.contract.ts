import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { pastDay } from '../platform/validation/dates.ts';
import { optional } from '../platform/validation/optional.ts';

const boolField = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());

/** Levels of a catalogue line (学历/职称 asked for). */
export const TALENT_LEVELS = [
  'doctorate',
  'master',
  'bachelor',
  'college',
  'senior_title',
  'intermediate_title',
] as const;

export const EntryInputSchema = z.object({
  countyCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit county code'),
  year: z.coerce.number().int().min(2018, 'must be 2018 or later').max(2100),
  field: z.string().trim().min(1, 'is required').max(100),
  level: z.enum(TALENT_LEVELS),
  posts: z.coerce.number().int().min(1, 'must be at least 1').max(1000),
  reservedPoor: z.coerce.number().int().min(0, 'must be 0 or more').max(1000).default(0),
  allowancePerMonth: z.coerce.number().int().min(0, 'must be 0 or more').max(100_000),
  campaign: optional(z.string().trim().max(100)),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;

export const EntrySchema = z
  .object({
    id: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
    keyCounty: z.boolean(),
    year: z.number().int(),
    field: z.string(),
    level: z.enum(TALENT_LEVELS),
    posts: z.number().int(),
    reservedPoor: z.number().int(),
    allowancePerMonth: z.number().int(),
    campaign: z.string().nullable(),
    filled: z.number().int(),
    reservedFilled: z.number().int(),
  })
  .meta({ id: 'TalentCatalogueEntry' });
export type EntryView = z.infer<typeof EntrySchema>;

export const RecruitInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(50),
  idNumber: z.string().trim().min(1, 'is required').max(30),
  institution: z.string().trim().min(1, 'is required').max(100),
  /** On a post reserved for local registered poor people: the registry must say so (poor family is never ticked). */
  reservedPost: boolField.default(false),
  recruitedOn: pastDay(),
  allowancePerMonth: optional(z.coerce.number().int().min(0).max(100_000)),
});
export type RecruitInput = z.infer<typeof RecruitInputSchema>;

export const RecruitSchema = z
  .object({
    id: z.string(),
    entryId: z.string(),
    countyCode: z.string(),
    field: z.string(),
    /** Masked (黄**), as campaign recruits are; the ID number is masked too. */
    maskedName: z.string(),
    idNumberMasked: z.string(),
    institution: z.string(),
    /** From the registry by ID number: a registered poor person, household in the line's county. */
    poorFamily: z.boolean(),
    localToCounty: z.boolean(),
    reservedPost: z.boolean(),
    recruitedOn: z.string(),
    allowancePerMonth: z.number().int(),
  })
  .meta({ id: 'TalentRecruit' });
export type RecruitView = z.infer<typeof RecruitSchema>;

export const CatalogueQuerySchema = z.object({
  year: optional(z.coerce.number().int().min(2018).max(2100)),
  countyCode: optional(z.string().regex(/^\d{6}$/, 'must be a 6-digit county code')),
});
export type CatalogueQuery = z.infer<typeof CatalogueQuerySchema>;

const tags = ['talent'];
const officers = auth.roles('officer', 'admin');
const errors = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };

export const listEntriesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/talent/catalogues',
  auth: officers,
  tags,
  summary: 'Shortage-talent catalogue lines (紧缺急需人才引进指导目录) of the key counties in the officer’s region',
  schema: {
    querystring: CatalogueQuerySchema,
    response: { 200: z.object({ items: z.array(EntrySchema) }), ...commonErrors },
  },
});
export const createEntryRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/talent/catalogues',
  auth: officers,
  tags,
  summary: 'Add a catalogue line for a key county (province officers; 400 when the county is not a key county)',
  schema: { body: EntryInputSchema, response: { 201: EntrySchema, ...errors } },
});
export const listRecruitsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/talent/catalogues/recruits',
  auth: officers,
  tags,
  summary: 'People recruited against the catalogue, with their allowance (ID numbers masked)',
  schema: {
    querystring: CatalogueQuerySchema,
    response: { 200: z.object({ items: z.array(RecruitSchema) }), ...commonErrors },
  },
});
export const createRecruitRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/talent/catalogues/:id/recruits',
  auth: officers,
  tags,
  summary:
    'Record a person recruited against a catalogue line: poor family and local from the registry by ID number; 400 on reservedPost when not a registered poor person of the county; 409 when its (reserved) posts are all filled',
  schema: {
    params: z.object({ id: z.uuid('must be an id') }),
    body: RecruitInputSchema,
    response: { 201: RecruitSchema, ...errors },
  },
});
