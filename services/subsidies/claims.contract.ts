import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import {
  SubsidyAmountBasis,
  SubsidyClaimant,
  SubsidyClaimStatus,
  SubsidyKind,
} from '../platform/database/generated/enums.ts';
import { RULE_IDS } from './claim-rules.ts';
import { CERTIFICATE_LEVELS } from './certificate-levels.ts';
import { optional } from '../platform/validation/optional.ts';

const yuan = z.coerce
  .number()
  .int('must be whole yuan')
  .min(0, 'must not be negative')
  .max(100_000_000, 'is too large');
const day = z.iso.date('must be a date YYYY-MM-DD');
const regionCode = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'must be a province, city or county code (2, 4 or 6 digits)');
const code = z.string().regex(/^[a-z][a-z0-9_]{2,40}$/, 'must be lower-case letters, digits and _');
const level = z.enum(CERTIFICATE_LEVELS, `must be a certificate level: ${CERTIFICATE_LEVELS.join(', ')}`);
/**
 * Yuan per certificate level ({ junior: 800, senior: 1600 }); a level left out, or sent empty from a
 * form, is paid the base amount. An unknown level or a bad amount is refused naming it
 * (levelAmounts.senior).
 */
const levelAmounts = z.preprocess(
  (v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x !== null && x !== undefined))
      : v,
  z.partialRecord(level, yuan, {
    // A record keyed by an enum reports unknown keys as `unrecognized_keys` (not in its declared issue types).
    error: (issue) => {
      const unknown = (issue as { code: string; keys?: string[] }).code === 'unrecognized_keys';
      return unknown
        ? `names unknown certificate levels: ${(issue as { keys?: string[] }).keys?.join(', ')} (known: ${CERTIFICATE_LEVELS.join(', ')})`
        : 'must be yuan per certificate level';
    },
  }),
);

export const SettingSchema = z
  .object({
    regionCode: z.string(),
    active: z.boolean(),
    amount: z.number().int(),
    cap: z.number().int().nullable(),
    qualifyingMonths: z.number().int().nullable(),
    bonus: z.number().int().nullable(),
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    budget: z.number().int().nullable(),
    /** Yuan per certificate level (programmes paid on a certificate); a level left out is paid `amount`. */
    levelAmounts: z.partialRecord(z.enum(CERTIFICATE_LEVELS), z.number().int()),
    updatedAt: z.string(),
  })
  .meta({ id: 'SubsidyProgrammeSetting' });
export type Setting = z.infer<typeof SettingSchema>;

export const ProgrammeSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: z.enum(SubsidyKind),
    name: z.string(),
    nameEn: z.string(),
    claimant: z.enum(SubsidyClaimant),
    eligibilityRule: z.enum(RULE_IDS),
    amountBasis: z.enum(SubsidyAmountBasis),
    evidence: z.array(z.string()),
    clause: z.string(),
    settings: z.array(SettingSchema),
  })
  .meta({ id: 'SubsidyProgramme' });
export type Programme = z.infer<typeof ProgrammeSchema>;

export const SettingInputSchema = z.object({
  regionCode,
  active: z
    .preprocess((v) => (v === 'on' || v === 'true' ? true : v === 'false' ? false : v), z.boolean())
    .default(true),
  amount: yuan,
  cap: optional(yuan).transform((v) => v ?? null),
  qualifyingMonths: optional(z.coerce.number().int().min(1, 'must be 1 to 60').max(60, 'must be 1 to 60')).transform(
    (v) => v ?? null,
  ),
  bonus: optional(yuan).transform((v) => v ?? null),
  periodFrom: optional(day).transform((v) => v ?? null),
  periodTo: optional(day).transform((v) => v ?? null),
  budget: optional(yuan).transform((v) => v ?? null),
  /** Only for programmes paid on a certificate (training, appraisal). */
  levelAmounts: levelAmounts.optional().transform((v) => v ?? {}),
});
export type SettingInput = z.infer<typeof SettingInputSchema>;

export const ProgrammeCreateSchema = z.object({
  code,
  kind: z.enum(SubsidyKind),
  name: z.string().trim().min(2, 'is too short').max(60),
  nameEn: z.string().trim().min(2, 'is too short').max(80),
  claimant: z.enum(SubsidyClaimant),
  eligibilityRule: z.enum(RULE_IDS),
  amountBasis: z.enum(SubsidyAmountBasis),
  evidence: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
  clause: z.string().trim().max(200).default(''),
  setting: SettingInputSchema,
});
export type ProgrammeCreate = z.infer<typeof ProgrammeCreateSchema>;

export const CheckSchema = z.object({ rule: z.string(), passed: z.boolean(), detail: z.string().optional() });

export const StepSchema = z.object({
  from: z.enum(SubsidyClaimStatus).nullable(),
  to: z.enum(SubsidyClaimStatus),
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
});

export const ClaimSchema = z
  .object({
    id: z.string(),
    programmeCode: z.string(),
    programmeName: z.string(),
    programmeNameEn: z.string(),
    kind: z.enum(SubsidyKind),
    status: z.enum(SubsidyClaimStatus),
    regionCode: z.string(),
    ruleRegionCode: z.string().nullable(),
    labourerId: z.string().nullable(),
    employerId: z.string().nullable(),
    applicationId: z.string().nullable(),
    fairId: z.string().nullable(),
    reference: z.string().nullable(),
    month: z.string().nullable(),
    /** The certificate level the claim was made on, and whether the region's amount for it priced the claim. */
    level: z.enum(CERTIFICATE_LEVELS).nullable(),
    levelPriced: z.boolean(),
    claimant: z.enum(SubsidyClaimant),
    claimantName: z.string(),
    people: z.number().int(),
    amount: z.number().int(),
    evidence: z.record(z.string(), z.unknown()),
    checks: z.array(CheckSchema),
    rejectionReason: z.string().nullable(),
    paidAmount: z.number().int().nullable(),
    paidOn: z.string().nullable(),
    paymentReference: z.string().nullable(),
    createdAt: z.string(),
    steps: z.array(StepSchema).optional(),
  })
  .meta({ id: 'SubsidyClaim' });
export type Claim = z.infer<typeof ClaimSchema>;

const uuid = (what: string) => z.uuid(`must be ${what} id`);

export const ClaimCreateSchema = z.object({
  programmeCode: code,
  labourerId: optional(uuid('a labourer')),
  applicationId: optional(uuid('an application')),
  fairId: optional(uuid('a fair')),
  reference: optional(z.string().trim().min(1).max(80)),
  month: optional(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')),
  /** The certificate's level, for a programme paid on a certificate: its amount for the level applies. */
  level: optional(level),
  /** Evidence given with the claim: { business_licence: '…' }. */
  evidence: z.record(z.string().max(40), z.string().max(200)).default({}),
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().default(true),
});
export type ClaimCreate = z.infer<typeof ClaimCreateSchema>;

export const TransitionInputSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit') }),
  z.object({ action: z.literal('check') }),
  z.object({ action: z.literal('approve'), note: optional(z.string().trim().max(500)) }),
  z.object({ action: z.literal('reject'), reason: z.string().trim().min(2, 'is required for a rejection').max(500) }),
  z.object({
    action: z.literal('pay'),
    paidAmount: yuan,
    paidOn: day,
    reference: z.string().trim().min(2, 'is required: the payment reference').max(80),
  }),
]);
export type TransitionInput = z.infer<typeof TransitionInputSchema>;

export const ClaimListQuerySchema = z.object({
  programme: optional(code),
  status: optional(z.enum(SubsidyClaimStatus)),
  regionCode: optional(z.string().regex(/^\d{2,12}$/, 'must be a region code')),
  month: optional(z.string().regex(/^\d{4}-\d{2}$/, 'must be a month YYYY-MM')),
  labourerId: optional(uuid('a labourer')),
  applicationId: optional(uuid('an application')),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ClaimListQuery = z.infer<typeof ClaimListQuerySchema>;
export type ClaimFilterQuery = Omit<ClaimListQuery, 'page' | 'pageSize'>;

export const BusinessInputSchema = z.object({
  labourerId: uuid('a labourer'),
  name: z.string().trim().min(2, 'is too short').max(80),
  licenceNo: optional(z.string().trim().max(40)),
  registeredOn: day,
  returningMigrant: z.boolean().default(false),
});
export type BusinessInput = z.infer<typeof BusinessInputSchema>;

export const GenerateInputSchema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
});

export const BudgetRowSchema = z.object({
  programmeCode: z.string(),
  programmeName: z.string(),
  regionCode: z.string(),
  budget: z.number().int().nullable(),
  approved: z.number().int(),
  paid: z.number().int(),
  remaining: z.number().int().nullable(),
});

const officers = auth.roles('officer', 'admin');
const tags = ['subsidy-claims'];
const conflict = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };
const id = z.object({ id: z.uuid('must be a claim id') });
const programmeCodeParam = z.object({ code });

export const listProgrammesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-programmes',
  auth: officers,
  tags,
  summary: 'Every subsidy programme with its settings per region',
  schema: { response: { 200: z.object({ items: z.array(ProgrammeSchema) }), ...commonErrors } },
});
export const createProgrammeRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-programmes',
  auth: auth.roles('admin', 'officer'),
  tags,
  summary: 'Create a programme with its first region setting (province officers and admins)',
  schema: { body: ProgrammeCreateSchema, response: { 201: ProgrammeSchema, ...conflict } },
});
export const patchSettingRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/subsidy-programmes/:code/settings',
  auth: officers,
  tags,
  summary: 'Set the programme’s rule for a region within the officer’s scope (overrides the parent region’s)',
  schema: { params: programmeCodeParam, body: SettingInputSchema, response: { 200: SettingSchema, ...conflict } },
});
export const budgetsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-programmes/budgets',
  auth: officers,
  tags,
  summary: 'Budget, approved and paid yuan per programme and region in the officer’s scope',
  schema: { response: { 200: z.object({ items: z.array(BudgetRowSchema) }), ...commonErrors } },
});
export const createClaimRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-claims',
  auth: officers,
  tags,
  summary: 'Create a claim; 409 when its subject was claimed already or it fails its checks',
  schema: { body: ClaimCreateSchema, response: { 201: ClaimSchema, ...conflict } },
});
export const listClaimsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-claims',
  auth: officers,
  tags,
  summary: 'Claims in the officer’s region, newest first, with filters',
  schema: {
    querystring: ClaimListQuerySchema,
    response: {
      200: z.object({ items: z.array(ClaimSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});
export const exportClaimsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-claims/export',
  auth: officers,
  tags,
  summary: 'Download the claims as CSV or XLSX (audited)',
  schema: {
    querystring: ClaimListQuerySchema.omit({ page: true, pageSize: true }).extend({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
    }),
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...commonErrors },
  },
});
export const getClaimRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-claims/:id',
  auth: officers,
  tags,
  summary: 'One claim with its checks and every step',
  schema: { params: id, response: { 200: ClaimSchema, 404: ErrorResponseSchema, ...commonErrors } },
});
export const transitionRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-claims/:id/transitions',
  auth: officers,
  tags,
  summary: 'Submit, check, approve, reject (with reason) or record the payment of a claim',
  schema: { params: id, body: TransitionInputSchema, response: { 200: ClaimSchema, ...conflict } },
});
export const generateWelfareRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-claims/public-welfare-posts',
  auth: officers,
  tags,
  summary: 'Create the month’s post and social-insurance claims for people in public-welfare posts (idempotent)',
  schema: {
    body: GenerateInputSchema,
    response: { 200: z.object({ created: z.number().int(), existing: z.number().int() }), ...commonErrors },
  },
});
export const businessRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/business-registrations',
  auth: officers,
  tags,
  summary: 'Record a business or self-employment a person registered (创业登记)',
  schema: {
    body: BusinessInputSchema,
    response: { 201: z.object({ id: z.string(), labourerId: z.string(), registeredOn: z.string() }), ...conflict },
  },
});
