import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import {
  ChangeSource,
  EducationLevel,
  EmploymentStatus,
  Mobility,
  PensionInsurance,
  PovertyConfirmation,
  PovertyStatus,
  Sex,
  SkillLevel,
} from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const EMPLOYMENT_STATUSES = enumValues(EmploymentStatus);
export const MOBILITIES = enumValues(Mobility);
export const EDUCATION_LEVELS = enumValues(EducationLevel);
export const SKILL_LEVELS = enumValues(SkillLevel);
export const PENSION_KINDS = enumValues(PensionInsurance);
/** 建档立卡 status; `unconfirmed`: a self-registered job seeker the poverty office or an officer has not confirmed. */
export const POVERTY_STATUSES = enumValues(PovertyStatus);

const date = z.iso.date('must be a date like 2024-05-01');
const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a 6, 9 or 12 digit region code');

// The matching fixture says "partner"; the registry's word is partner_region.
const MobilitySchema = z.preprocess((v) => (v === 'partner' ? 'partner_region' : v), z.enum(MOBILITIES));

const SkillInputSchema = z.union([
  z.string().min(1).max(40),
  z.object({
    code: z.string().min(1).max(40),
    level: z.enum(SKILL_LEVELS).optional(),
    note: z.string().max(200).optional(),
  }),
]);
const CertificateInputSchema = z.union([
  z.string().min(1).max(40),
  z.object({
    kind: z.string().min(1).max(40),
    level: z.string().max(40).optional(),
    issuer: z.string().max(100).optional(),
    issuedOn: date.optional(),
  }),
]);
const WorkHistoryInputSchema = z.object({
  employerName: z.string().trim().min(1).max(100),
  occupationCode: z.string().max(20).optional(),
  regionCode: regionCode.optional(),
  startedOn: date,
  endedOn: date.optional(),
  note: z.string().max(500).optional(),
});

const profileFields = {
  name: z
    .string()
    .trim()
    .min(2, 'must be at least 2 characters')
    .max(30)
    .regex(/^[\p{Script=Han}A-Za-z·•\s]+$/u, 'may contain only Chinese characters, letters and ·'),
  idNumber: z.string().trim().min(1, 'is required').max(30),
  sex: z.enum(Sex).optional(),
  birthDate: date.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, 'must be an 11-digit mobile number')
    .nullable()
    .optional(),
  regionCode,
  currentRegionCode: regionCode.nullable().optional(),
  currentAddress: z.string().trim().max(200).nullable().optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).nullable().optional(),
  povertyStatus: z.enum(PovertyStatus).optional(),
  povertyHouseholdNo: z.string().trim().max(40).nullable().optional(),
  povertyYear: z.number().int().min(2013).max(2100).nullable().optional(),
  graduationYear: z.number().int().min(1950).max(2100).nullable().optional(),
  disability: z.boolean().optional(),
  disabilityGrade: z.number().int().min(1).max(4).nullable().optional(),
  hardToEmploy: z.boolean().optional(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES).optional(),
  wantsJob: z.boolean().optional(),
  mobility: MobilitySchema.optional(),
  desiredOccupations: z.array(z.string().max(20)).max(10).optional(),
  expectedWage: z.number().int().min(0).max(100_000).nullable().optional(),
  needsAccommodation: z.boolean().optional(),
  availableFrom: date.nullable().optional(),
  trainingWishes: z.array(z.string().max(20)).max(10).optional(),
  pensionInsurance: z.enum(PENSION_KINDS).optional(),
  unemploymentInsurance: z.boolean().optional(),
  consentContact: z.boolean().optional(),
  consentShowEmployer: z.boolean().optional(),
  skills: z.array(SkillInputSchema).max(30).optional(),
  certificates: z.array(CertificateInputSchema).max(30).optional(),
  workHistory: z.array(WorkHistoryInputSchema).max(30).optional(),
};

export const LabourerCreateSchema = z.object(profileFields);

export type ProfileField = keyof typeof profileFields;
/** Every field of a profile, in form order: the one list the forms and the normaliser derive from. */
export const PROFILE_FIELDS = Object.keys(profileFields) as ProfileField[];
/** Fields that need more than a copy into the database: derived, encrypted, dated or child rows. */
export const NON_SCALAR_FIELDS: readonly ProfileField[] = [
  'name',
  'idNumber',
  'phone',
  'sex',
  'birthDate',
  'availableFrom',
  'skills',
  'certificates',
  'workHistory',
];
export type LabourerCreate = z.infer<typeof LabourerCreateSchema>;

export const LabourerPatchSchema = z
  .object({ ...profileFields, statusNote: z.string().max(200).optional() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');
export type LabourerPatch = z.infer<typeof LabourerPatchSchema>;

export const LabourerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    namePinyin: z.string(),
    idNumberMasked: z.string(),
    sex: z.enum(Sex),
    birthDate: z.string(),
    age: z.number().int(),
    /** 139****5678; the number in clear only through the audited reveal or export. */
    phoneMasked: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
    currentRegionCode: z.string().nullable(),
    currentAddress: z.string().nullable(),
    educationLevel: z.enum(EDUCATION_LEVELS).nullable(),
    povertyStatus: z.enum(PovertyStatus),
    povertyHouseholdNo: z.string().nullable(),
    povertyYear: z.number().nullable(),
    /** When and how the poverty status was established; null while unconfirmed (or before this was kept). */
    povertyConfirmedAt: z.string().nullable(),
    povertyConfirmedVia: z.enum(PovertyConfirmation).nullable(),
    graduationYear: z.number().nullable(),
    disability: z.boolean(),
    disabilityGrade: z.number().nullable(),
    hardToEmploy: z.boolean(),
    employmentStatus: z.enum(EMPLOYMENT_STATUSES),
    employmentStatusSince: z.string(),
    wantsJob: z.boolean(),
    mobility: z.enum(MOBILITIES),
    desiredOccupations: z.array(z.string()),
    expectedWage: z.number().nullable(),
    needsAccommodation: z.boolean(),
    availableFrom: z.string().nullable(),
    trainingWishes: z.array(z.string()),
    pensionInsurance: z.enum(PENSION_KINDS),
    unemploymentInsurance: z.boolean(),
    consentContact: z.boolean(),
    consentShowEmployer: z.boolean(),
    skills: z.array(
      z.object({ code: z.string(), name: z.string(), level: z.enum(SKILL_LEVELS), note: z.string().nullable() }),
    ),
    certificates: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        name: z.string(),
        level: z.string().nullable(),
        issuer: z.string().nullable(),
        issuedOn: z.string().nullable(),
      }),
    ),
    workHistory: z.array(
      z.object({
        id: z.string(),
        employerName: z.string(),
        occupationCode: z.string().nullable(),
        regionCode: z.string().nullable(),
        startedOn: z.string(),
        endedOn: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Labourer' });
export type LabourerView = z.infer<typeof LabourerSchema>;

export const LabourerSummarySchema = LabourerSchema.pick({
  id: true,
  name: true,
  idNumberMasked: true,
  sex: true,
  age: true,
  phoneMasked: true,
  regionCode: true,
  regionName: true,
  employmentStatus: true,
  wantsJob: true,
  mobility: true,
  expectedWage: true,
  updatedAt: true,
}).meta({ id: 'LabourerSummary' });
export type LabourerSummary = z.infer<typeof LabourerSummarySchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const LabourerListQuerySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, 'must be a region code prefix')
    .optional(),
  status: z.enum(EMPLOYMENT_STATUSES).optional(),
  wantsJob: booleanQuery.optional(),
  mobility: MobilitySchema.optional(),
  skill: z.string().max(40).optional(),
  ageMin: z.coerce.number().int().min(0).max(120).optional(),
  ageMax: z.coerce.number().int().min(0).max(120).optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** Where the previous page ended (its `nextCursor`): keyset paging, however deep; `page` is then only shown. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,120}$/, 'must be a nextCursor from a previous page')
    .optional(),
});
export type LabourerListQuery = z.infer<typeof LabourerListQuerySchema>;

export const StatusChangeSchema = z.object({
  fromStatus: z.enum(EMPLOYMENT_STATUSES).nullable(),
  toStatus: z.enum(EMPLOYMENT_STATUSES),
  changedAt: z.string(),
  changedBy: z.string().nullable(),
  source: z.enum(ChangeSource),
  note: z.string().nullable(),
});

const IdParams = z.object({ id: z.uuid('must be a labourer id') });
const officerOrAdmin = auth.roles('officer', 'admin');
const tags = ['labourers'];
const notFound = { 404: ErrorResponseSchema };

export const createLabourerRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/labourers',
  auth: officerOrAdmin,
  summary: 'Register a labourer (officers, within their region)',
  tags,
  schema: {
    body: LabourerCreateSchema,
    response: { 201: z.object({ id: z.string() }), 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const listLabourersRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers',
  auth: officerOrAdmin,
  summary: 'List labourers in the caller’s region, filtered and paginated',
  tags,
  personalData: true,
  schema: {
    querystring: LabourerListQuerySchema,
    response: {
      200: z.object({
        items: z.array(LabourerSummarySchema),
        /** Counted at most once every 30 s per filter and region: it may lag writes by that much. */
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
        /** Pass as `cursor` for the next page; null on the last page. */
        nextCursor: z.string().nullable(),
      }),
      ...commonErrors,
    },
  },
});

export const exportLabourersRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/export',
  auth: officerOrAdmin,
  summary: 'Download the filtered list as CSV or XLSX (audited)',
  tags,
  personalData: true,
  schema: {
    querystring: LabourerListQuerySchema.omit({ page: true, pageSize: true, cursor: true }).extend({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
      /** Phones in clear instead of masked; the audit record says so. */
      phones: z.enum(['masked', 'clear']).default('masked'),
    }),
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...commonErrors },
  },
});

export const myProfileRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/me',
  auth: auth.roles('labourer'),
  summary: 'The signed-in labourer’s own profile',
  tags,
  schema: { response: { 200: LabourerSchema, ...notFound, ...commonErrors } },
});

export const getLabourerRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/:id',
  auth: auth.roles('officer', 'admin', 'labourer'),
  summary: 'One labourer’s profile (ID number masked)',
  tags,
  schema: { params: IdParams, response: { 200: LabourerSchema, ...notFound, ...commonErrors } },
});

export const patchLabourerRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/labourers/:id',
  auth: auth.roles('officer', 'admin', 'labourer'),
  summary: 'Change a profile; a status change is recorded in the history',
  tags,
  schema: {
    params: IdParams,
    body: LabourerPatchSchema,
    response: { 200: LabourerSchema, 409: ErrorResponseSchema, ...notFound, ...commonErrors },
  },
});

export const deleteLabourerRoute = defineRoute({
  method: 'DELETE',
  url: '/api/v1/labourers/:id',
  auth: officerOrAdmin,
  summary: 'Erase a person’s personal data on request, keeping an anonymous record for statistics',
  tags,
  schema: {
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(2).max(200) }).optional(),
    response: { 204: z.null(), ...notFound, ...commonErrors },
  },
});

export const statusHistoryRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/:id/status-history',
  auth: auth.roles('officer', 'admin', 'labourer'),
  summary: 'Every change of employment status, oldest first',
  tags,
  schema: {
    params: IdParams,
    response: { 200: z.object({ items: z.array(StatusChangeSchema) }), ...notFound, ...commonErrors },
  },
});

export const revealIdNumberRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/:id/id-number',
  auth: officerOrAdmin,
  summary: 'The ID number in clear; every reading is audited',
  tags,
  schema: { params: IdParams, response: { 200: z.object({ idNumber: z.string() }), ...notFound, ...commonErrors } },
});

export const revealPhoneRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/:id/phone',
  auth: officerOrAdmin,
  summary: 'The phone number in clear (null when none); every reading is audited',
  tags,
  schema: {
    params: IdParams,
    response: { 200: z.object({ phone: z.string().nullable() }), ...notFound, ...commonErrors },
  },
});
