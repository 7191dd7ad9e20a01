import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { EmployerKind, SubsidyDecisionStatus } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

const employerId = z.uuid('must be an employer id');
const EMPLOYER_KINDS = enumValues(EmployerKind);

export const SubsidyRulesSchema = z
  .object({
    qualifyingMonths: z.number(),
    amountPerPerson: z.number(),
    workshopBonus: z.number(),
    onlyRegisteredPoor: z.boolean(),
  })
  .meta({ id: 'SubsidyRules' });

export const EligibleHireSchema = z
  .object({
    applicationId: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    employerKind: z.enum(EMPLOYER_KINDS),
    /** 张**: officers decide on a masked list; the registry has the person in full. */
    maskedName: z.string(),
    idNumberMasked: z.string(),
    vacancyTitle: z.string(),
    startedOn: z.string(),
    leftOn: z.string().nullable(),
    monthsInWork: z.number().int(),
    amount: z.number().int(),
  })
  .meta({ id: 'EligibleHire' });
export type EligibleHire = z.infer<typeof EligibleHireSchema>;

export const EligibilitySchema = z.object({
  rules: SubsidyRulesSchema,
  items: z.array(EligibleHireSchema),
  byEmployer: z.array(
    z.object({
      employerId: z.string(),
      employerName: z.string(),
      employerKind: z.enum(EMPLOYER_KINDS),
      people: z.number().int(),
      amount: z.number().int(),
    }),
  ),
  totals: z.object({ people: z.number().int(), amount: z.number().int() }),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

export const EligibilityQuerySchema = z.object({ employerId: employerId.optional() });
export type EligibilityQuery = z.infer<typeof EligibilityQuerySchema>;

export const DecisionInputSchema = z.object({
  applicationId: z.uuid('must be an application id'),
  decision: z.enum(SubsidyDecisionStatus),
  /** Required for a rejection: the employer is owed a reason. */
  note: z.string().trim().max(500).optional(),
});
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const DecisionSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    maskedName: z.string(),
    idNumberMasked: z.string(),
    vacancyTitle: z.string(),
    status: z.enum(SubsidyDecisionStatus),
    amount: z.number().int(),
    qualifyingMonths: z.number().int(),
    note: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string(),
  })
  .meta({ id: 'SubsidyDecision' });
export type Decision = z.infer<typeof DecisionSchema>;

export const DecisionListQuerySchema = z.object({
  employerId: employerId.optional(),
  status: z.enum(SubsidyDecisionStatus).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type DecisionListQuery = z.infer<typeof DecisionListQuerySchema>;

const exportQuery = {
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
};
const file = { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }) };
const officers = auth.roles('officer', 'admin');
const tags = ['subsidies'];

export const rulesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidies/rules',
  auth: officers,
  summary: 'The hiring-subsidy rules in force',
  tags,
  schema: { response: { 200: SubsidyRulesSchema, ...commonErrors } },
});

export const eligibleRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidies/eligible',
  auth: officers,
  summary: 'Hires in the officer’s region that earn the hiring subsidy and wait for a decision',
  tags,
  schema: { querystring: EligibilityQuerySchema, response: { 200: EligibilitySchema, ...commonErrors } },
});

export const exportEligibleRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidies/eligible/export',
  auth: officers,
  summary: 'Download the eligibility list as CSV or XLSX (audited)',
  tags,
  schema: { querystring: EligibilityQuerySchema.extend(exportQuery), response: { ...file, ...commonErrors } },
});

export const decideRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidies/decisions',
  auth: officers,
  summary: 'Approve or reject one hire’s subsidy; 409 when it is not eligible or already decided',
  tags,
  schema: {
    body: DecisionInputSchema,
    response: { 201: DecisionSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const decisionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidies/decisions',
  auth: officers,
  summary: 'Decisions taken in the officer’s region, newest first',
  tags,
  schema: {
    querystring: DecisionListQuerySchema,
    response: {
      200: z.object({ items: z.array(DecisionSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const exportDecisionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidies/decisions/export',
  auth: officers,
  summary: 'Download the decisions as CSV or XLSX (audited)',
  tags,
  schema: {
    querystring: DecisionListQuerySchema.omit({ page: true, pageSize: true }).extend(exportQuery),
    response: { ...file, ...commonErrors },
  },
});
