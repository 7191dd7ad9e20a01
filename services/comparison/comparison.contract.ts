import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { LOCALES } from '../platform/i18n/i18n.ts';
import { COMPARISON_KINDS, FINDING_KINDS } from './comparison.kinds.ts';
import { PROBLEM_REASONS } from './external-people.ts';

export const ComparisonKindSchema = z.enum(COMPARISON_KINDS);
export const FindingKindSchema = z.enum(FINDING_KINDS);
export const FINDING_STATUSES = ['open', 'applied', 'dismissed'] as const;
export const FindingStatusSchema = z.enum(FINDING_STATUSES);

/** The most input problems a run keeps listed; the count is always exact. */
export const MAX_LISTED_PROBLEMS = 1000;
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Content types the API takes the list in, as the raw request body. */
export const CSV_TYPES = ['text/csv', 'application/csv'];
export const XLSX_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

const officersOnly = auth.roles('officer', 'admin');

export const ComparisonCountsSchema = z.object({
  registryPeople: z.number().int().meta({ description: 'People in the registry under the region prefix' }),
  externalPeople: z.number().int().meta({ description: 'Distinct people with a valid ID number on the list' }),
  matched: z.number().int(),
  outsideScope: z.number().int().meta({ description: 'People on the list who belong to another region' }),
  unmatchedRows: z.number().int().meta({ description: 'Rows left out: ID number missing, invalid or repeated' }),
  inputProblems: z.number().int(),
  byKind: z
    .record(FindingKindSchema, z.number().int())
    .meta({ description: 'New findings by kind (those dismissed in an earlier run are left out)' }),
  dismissedEarlier: z.number().int().default(0).meta({
    description: 'Findings about a person and kind an officer dismissed in an earlier run: stored as dismissed',
  }),
});
export type ComparisonCounts = z.infer<typeof ComparisonCountsSchema>;

export const InputProblemSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  reason: z.enum(PROBLEM_REASONS),
  value: z.string().meta({ description: 'The cell, an ID number masked' }),
  name: z.string().nullable(),
});

/** What a run keeps in its `totals` column besides the counts. */
export const StoredTotalsSchema = ComparisonCountsSchema.extend({
  headerRow: z.number().int(),
  columns: z.record(z.string(), z.string()),
  problems: z.array(InputProblemSchema),
});
export type StoredTotals = z.infer<typeof StoredTotalsSchema>;

export const ComparisonRunSummarySchema = z
  .object({
    id: z.string(),
    kind: ComparisonKindSchema,
    fileName: z.string(),
    regionCode: z.string().meta({ description: "The region prefix of the officer who ran it ('' for all)" }),
    regionName: z.string(),
    createdAt: z.iso.datetime(),
    createdBy: z.string().nullable(),
    externalRows: z.number().int(),
    totals: ComparisonCountsSchema,
  })
  .meta({ id: 'ComparisonRunSummary' });
export type ComparisonRunSummary = z.infer<typeof ComparisonRunSummarySchema>;

export const ComparisonRunSchema = ComparisonRunSummarySchema.extend({
  checks: z.array(FindingKindSchema).meta({ description: 'The checks this kind of list supports' }),
  headerRow: z.number().int(),
  columns: z.record(z.string(), z.string()).meta({ description: 'Field → the header it was read from' }),
  problems: z.array(InputProblemSchema).meta({ description: `The first ${MAX_LISTED_PROBLEMS} input problems` }),
}).meta({ id: 'ComparisonRun' });
export type ComparisonRunView = z.infer<typeof ComparisonRunSchema>;

export const FindingSchema = z
  .object({
    id: z.string(),
    kind: FindingKindSchema,
    labourerId: z.string().nullable(),
    name: z.string().nullable(),
    idNumberMasked: z.string().nullable(),
    regionCode: z.string().nullable(),
    regionName: z.string(),
    registryValue: z.string().nullable().meta({ description: 'A registry code: status, poverty or pension' }),
    externalValue: z.string().nullable().meta({ description: 'What the list says, in its own words' }),
    status: FindingStatusSchema,
    resolvedAt: z.iso.datetime().nullable(),
    resolution: z.string().nullable().meta({ description: 'What was applied (field=value) or why it was dismissed' }),
    proposal: z
      .object({
        field: z.enum(['employmentStatus', 'povertyStatus', 'pensionInsurance']),
        value: z.string(),
        choices: z.array(z.string()),
      })
      .nullable()
      .meta({ description: 'What applying the finding sets in the registry; null when it can only be dismissed' }),
  })
  .meta({ id: 'ComparisonFinding' });
export type FindingView = z.infer<typeof FindingSchema>;

const page = z.coerce.number().int().min(1).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);
const IdParams = z.object({ id: z.uuid() });

export const RunQuerySchema = z.object({
  kind: ComparisonKindSchema,
  fileName: z.string().trim().min(1).max(200).default('upload'),
});
export const RunListQuerySchema = z.object({ page, pageSize });
export type RunListQuery = z.infer<typeof RunListQuerySchema>;
export const FindingsQuerySchema = z.object({
  kind: FindingKindSchema.optional(),
  status: FindingStatusSchema.optional(),
  page,
  pageSize,
});
export type FindingsQuery = z.infer<typeof FindingsQuerySchema>;
export const ExportQuerySchema = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  kind: FindingKindSchema.optional(),
  // Kept through validation so the views plugin still sees it: the language of headers and labels.
  lang: z.enum(LOCALES).optional(),
});

export const runComparisonRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/comparisons',
  auth: officersOnly,
  summary:
    'Compare the registry of your region with an external list (信息共享比对). Send the CSV or XLSX file as the raw body (content-type text/csv or the XLSX type), at most 50 MB.',
  tags: ['comparison'],
  schema: {
    querystring: RunQuerySchema,
    response: {
      201: ComparisonRunSchema,
      ...commonErrors,
      413: ErrorResponseSchema,
      415: ErrorResponseSchema,
    },
  },
});

export const listComparisonsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/comparisons',
  auth: officersOnly,
  summary: 'Comparison runs of your region, newest first',
  tags: ['comparison'],
  schema: {
    querystring: RunListQuerySchema,
    response: {
      200: z.object({
        items: z.array(ComparisonRunSummarySchema),
        total: z.number().int(),
        page: z.number().int(),
        pageSize: z.number().int(),
      }),
      ...commonErrors,
    },
  },
});

export const getComparisonRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/comparisons/:id',
  auth: officersOnly,
  summary: 'One comparison run with its totals and input problems',
  tags: ['comparison'],
  schema: { params: IdParams, response: { 200: ComparisonRunSchema, ...commonErrors, 404: ErrorResponseSchema } },
});

export const comparisonFindingsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/comparisons/:id/findings',
  auth: officersOnly,
  summary: 'Findings of a comparison run, optionally of one kind, a page at a time',
  tags: ['comparison'],
  schema: {
    params: IdParams,
    querystring: FindingsQuerySchema,
    response: {
      200: z.object({
        items: z.array(FindingSchema),
        total: z.number().int(),
        page: z.number().int(),
        pageSize: z.number().int(),
      }),
      ...commonErrors,
      404: ErrorResponseSchema,
    },
  },
});

export const exportComparisonRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/comparisons/:id/export',
  auth: officersOnly,
  summary: 'The discrepancy report as CSV or XLSX (findings, then input problems); every export is audited',
  tags: ['comparison'],
  schema: {
    params: IdParams,
    querystring: ExportQuerySchema,
    response: {
      200: z.string().meta({ description: 'A CSV (UTF-8 with BOM) or XLSX file' }),
      ...commonErrors,
      404: ErrorResponseSchema,
    },
  },
});

const FindingParams = z.object({ id: z.uuid(), findingId: z.string().regex(/^\d{1,18}$/, 'must be a finding id') });

export const ApplyFindingBodySchema = z.object({
  value: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .meta({ description: "One of the proposal's choices; its value when left out" }),
});
export type ApplyFindingBody = z.infer<typeof ApplyFindingBodySchema>;

export const DismissFindingBodySchema = z.object({
  reason: z.string().trim().min(2, 'is required').max(200),
});

export const applyFindingRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/comparisons/:id/findings/:findingId/apply',
  auth: officersOnly,
  summary:
    'Apply a finding to the registry in one step (its proposal: employment, poverty or pension status), audited; 409 when it has nothing to apply or is closed',
  tags: ['comparison'],
  schema: {
    params: FindingParams,
    body: ApplyFindingBodySchema,
    response: { 200: FindingSchema, ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
  },
});

export const dismissFindingRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/comparisons/:id/findings/:findingId/dismiss',
  auth: officersOnly,
  summary:
    'Dismiss a finding with a reason, audited; later comparisons store the same person and kind of finding as dismissed, not new',
  tags: ['comparison'],
  schema: {
    params: FindingParams,
    body: DismissFindingBodySchema,
    response: { 200: FindingSchema, ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
  },
});
