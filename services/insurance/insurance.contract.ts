import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { ALL_STATES, CASE_KINDS, WORKLIST_KINDS } from './case-states.ts';
import { isoDay } from '../platform/validation/dates.ts';

const regionFilter = {
  county: z
    .string()
    .regex(/^\d{6}$/, 'must be a 6-digit county code')
    .optional(),
  township: z
    .string()
    .regex(/^\d{9}$/, 'must be a 9-digit township code')
    .optional(),
};

export const CaseViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(CASE_KINDS),
    state: z.string(),
    open: z.boolean(),
    /** The states the case may move to next (empty when closed). */
    nextStates: z.array(z.string()),
    labourerId: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string().nullable(),
    age: z.number().int(),
    regionCode: z.string(),
    county: z.string(),
    countyName: z.string(),
    township: z.string(),
    townshipName: z.string(),
    assignedTo: z.string().nullable(),
    assignedToId: z.string().nullable(),
    dueOn: z.string().nullable(),
    source: z.string(),
    lastTransitionAt: z.string(),
    createdAt: z.string(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'InsuranceCase' });
export type CaseView = z.infer<typeof CaseViewSchema>;

export const TransitionViewSchema = z
  .object({
    /** state: a move between states; reassign: the case went to another officer (its state stays). */
    kind: z.enum(['state', 'reassign']),
    from: z.string().nullable(),
    to: z.string(),
    note: z.string(),
    by: z.string().nullable(),
    at: z.string(),
    /** For a reassignment: the officers before (null: nobody) and after, by display name. */
    fromAssignee: z.string().nullable(),
    toAssignee: z.string().nullable(),
  })
  .meta({ id: 'InsuranceCaseTransition' });

export const CaseDetailSchema = CaseViewSchema.extend({ transitions: z.array(TransitionViewSchema) }).meta({
  id: 'InsuranceCaseDetail',
});
export type CaseDetail = z.infer<typeof CaseDetailSchema>;

/** Whose cases: the caller's own, those with no officer, or every case of the region. */
export const ASSIGNEE_FILTERS = ['all', 'mine', 'unassigned'] as const;

export const CaseListQuerySchema = z.object({
  kind: z.enum(CASE_KINDS).optional(),
  assignee: z.enum(ASSIGNEE_FILTERS).default('all'),
  state: z.enum(ALL_STATES as [string, ...string[]]).optional(),
  open: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

const dueOn = isoDay().optional();

/** Open a case: for a registry person and kind, or from a comparison finding. */
export const CreateCaseSchema = z.union([
  z.object({
    labourerId: z.uuid('must be a labourer id'),
    kind: z.enum(CASE_KINDS),
    assignedToId: z.uuid('must be a user id').optional(),
    dueOn,
  }),
  z.object({
    runId: z.uuid('must be a comparison id'),
    findingId: z.string().regex(/^\d+$/, 'must be a finding id'),
    assignedToId: z.uuid('must be a user id').optional(),
    dueOn,
  }),
]);
export type CreateCase = z.infer<typeof CreateCaseSchema>;

export const TransitionInputSchema = z.object({
  to: z.string().trim().min(1, 'is required'),
  note: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
  /** 代缴 contribution grade (档次), for a government_paid case reaching paid or grade_confirmed. */
  contributionGrade: z.coerce.number().int().min(1, 'must be at least 1').max(20, 'must be at most 20').optional(),
});
export type TransitionInput = z.infer<typeof TransitionInputSchema>;

/** Give a case to another officer: active, and of the case's region or a level above it. */
export const ReassignInputSchema = z.object({
  assignedToId: z.uuid('must be an officer id'),
  note: z.string().trim().max(500, 'must be at most 500 characters').default(''),
});
export type ReassignInput = z.infer<typeof ReassignInputSchema>;

export const EligibleOfficerSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    /** True for the case's present officer (not a choice for a reassignment). */
    current: z.boolean(),
  })
  .meta({ id: 'InsuranceCaseOfficer' });
export type EligibleOfficer = z.infer<typeof EligibleOfficerSchema>;

export const WorklistQuerySchema = z.object({ kind: z.enum(WORKLIST_KINDS), ...regionFilter });
export type WorklistQuery = z.infer<typeof WorklistQuerySchema>;

export const WorklistRowSchema = z
  .object({
    labourerId: z.string(),
    name: z.string(),
    idNumberMasked: z.string(),
    phoneMasked: z.string().nullable(),
    age: z.number().int(),
    county: z.string(),
    countyName: z.string(),
    township: z.string(),
    townshipName: z.string(),
    pensionInsurance: z.string(),
    employmentStatus: z.string(),
    unemploymentInsurance: z.boolean(),
    /** 工伤保险 as recorded on the person's standing: null when nothing is recorded. */
    workInjuryInsured: z.boolean().nullable(),
    receivingBenefit: z.boolean(),
    contributionGrade: z.number().int().nullable(),
    disabilityGrade: z.number().int().nullable(),
    caseId: z.string().nullable(),
    caseState: z.string().nullable(),
  })
  .meta({ id: 'InsuranceWorklistRow' });
export type WorklistRow = z.infer<typeof WorklistRowSchema>;

export const WorklistSchema = z
  .object({
    kind: z.enum(WORKLIST_KINDS),
    /** The kind of case a row opens (unemployment_benefit opens an unemployment_insurance case). */
    caseKind: z.enum(CASE_KINDS),
    items: z.array(WorklistRowSchema),
    /** People per county and township (the same rows, counted). */
    byArea: z.array(
      z.object({ code: z.string(), name: z.string(), people: z.number().int(), withCase: z.number().int() }),
    ),
    total: z.number().int(),
    /** True when more people match than the list shows (narrow by county or township). */
    truncated: z.boolean(),
  })
  .meta({ id: 'InsuranceWorklist' });
export type Worklist = z.infer<typeof WorklistSchema>;

export const CoverageSchema = z
  .object({
    regionCode: z.string(),
    values: z.record(z.string(), z.number()),
  })
  .meta({ id: 'InsuranceCoverage' });

const officers = auth.roles('officer', 'admin');
const tags = ['insurance'];
const idParams = z.object({ id: z.uuid('must be a case id') });

export const listCasesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/insurance/cases',
  auth: officers,
  summary: 'Insurance cases of the officer’s region, by kind and state (longest without a step first)',
  tags,
  schema: {
    querystring: CaseListQuerySchema,
    response: {
      200: z.object({ items: z.array(CaseViewSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const createCaseRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/insurance/cases',
  auth: officers,
  summary:
    'Open a case for a person and kind, or from a comparison finding (201); an open case of the same person and kind is returned (200)',
  tags,
  schema: {
    body: CreateCaseSchema,
    response: {
      200: CaseDetailSchema,
      201: CaseDetailSchema,
      404: ErrorResponseSchema,
      409: ErrorResponseSchema,
      ...commonErrors,
    },
  },
});

export const getCaseRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/insurance/cases/:id',
  auth: officers,
  summary: 'One case with its dated, signed steps',
  tags,
  schema: { params: idParams, response: { 200: CaseDetailSchema, 404: ErrorResponseSchema, ...commonErrors } },
});

export const transitionRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/insurance/cases/:id/transitions',
  auth: officers,
  summary: 'Move a case to a next state with a note; 409 when the step is not allowed from its state',
  tags,
  schema: {
    params: idParams,
    body: TransitionInputSchema,
    response: { 201: CaseDetailSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const assigneesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/insurance/cases/:id/assignees',
  auth: officers,
  summary: 'The active officers a case may be given to: those whose region is the case’s region or a level above it',
  tags,
  schema: {
    params: idParams,
    response: { 200: z.object({ items: z.array(EligibleOfficerSchema) }), 404: ErrorResponseSchema, ...commonErrors },
  },
});

export const reassignRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/insurance/cases/:id/assignee',
  auth: officers,
  summary:
    'Give a case to another officer (audited, recorded as a step, the officer notified); 400 naming assignedToId for an officer who is not active or whose region does not cover the case’s, 409 for a closed case',
  tags,
  schema: {
    params: idParams,
    body: ReassignInputSchema,
    response: { 200: CaseDetailSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const worklistRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/insurance/worklists',
  auth: officers,
  summary: 'People needing insurance work, per county and township, from the registry and open cases',
  tags,
  schema: { querystring: WorklistQuerySchema, response: { 200: WorklistSchema, ...commonErrors } },
});

export const coverageRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/insurance/coverage',
  auth: officers,
  summary: 'The social-insurance figures of the officer’s region (definitions: /api/v1/indicators/definitions)',
  tags,
  schema: { querystring: z.object(regionFilter), response: { 200: CoverageSchema, ...commonErrors } },
});
