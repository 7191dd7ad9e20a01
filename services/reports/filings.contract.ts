import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { REPORT_STATUSES } from './cycle.ts';
import { REPORT_GROUPS } from './indicators.ts';

const tags = ['reports'];
const officerOrAdmin = auth.roles('officer', 'admin');
const errors = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };
const params = z.object({ id: z.uuid() });
const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);

export const FilingStateSchema = z
  .object({
    id: z.string(),
    status: z.enum(REPORT_STATUSES),
    /** The region the report is filed with: a county's city, a city's province; null for a province. */
    filesTo: z.string().nullable(),
    dueOn: z.string(),
    returnReason: z.string().nullable(),
    canSubmit: z.boolean(),
    canDecide: z.boolean(),
    /** Each step with who took it and when. */
    steps: z.array(
      z.object({
        action: z.enum(['submit', 'return', 'accept']),
        actor: z.string(),
        at: z.string(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ReportFilingState' });

export const ReturnBodySchema = z.object({
  reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
});

export const FilingsQuerySchema = z.object({
  kind: z.enum(['quarterly', 'yearly']).default('yearly'),
  year: z.coerce.number().int().min(2016).max(2100),
  quarter: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(4).optional()),
  group: z.preprocess(blankIsAbsent, z.enum(REPORT_GROUPS).optional()),
  regionCode: z.preprocess(
    blankIsAbsent,
    z
      .string()
      .regex(/^\d{2}(\d{2}){0,2}$/, 'must be a province, city or county code')
      .optional(),
  ),
  /** true: only the regions that have not filed (none, or returned). */
  outstanding: z.preprocess(blankIsAbsent, z.enum(['true', 'false']).optional()).transform((v) => v === 'true'),
});

const FilingRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: z.enum(['city', 'county']),
  filesTo: z.string(),
  status: z.enum(['none', ...REPORT_STATUSES]),
  outstanding: z.boolean(),
  late: z.boolean(),
  reportId: z.string().nullable(),
  title: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
});

export const FilingsSchema = z
  .object({
    cycle: z.object({
      kind: z.enum(['quarterly', 'yearly']),
      year: z.number(),
      quarter: z.number().nullable(),
      group: z.enum(REPORT_GROUPS).nullable(),
    }),
    dueOn: z.string(),
    region: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }),
    counts: z.object({
      expected: z.number(),
      submitted: z.number(),
      accepted: z.number(),
      returned: z.number(),
      outstanding: z.number(),
    }),
    items: z.array(FilingRowSchema),
  })
  .meta({ id: 'ReportFilings' });

const step = (action: string, summary: string, body?: z.ZodType) =>
  defineRoute({
    method: 'POST',
    url: `/api/v1/reports/:id/${action}`,
    auth: officerOrAdmin,
    summary,
    tags,
    schema: { params, ...(body ? { body } : {}), response: { 200: FilingStateSchema, ...errors } },
  });

export const submitReportRoute = step(
  'submit',
  'Submit a draft report to the level above (county → city, city → province); its figures are frozen as filed',
);
export const acceptReportRoute = step('accept', 'Accept a submitted report (the level it was filed with)');
export const returnReportRoute = step(
  'return',
  'Return a submitted report with a reason; the region files a new one',
  ReturnBodySchema,
);

export const filingStateRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/reports/:id/filing',
  auth: officerOrAdmin,
  summary: 'A report’s place in the reporting cycle: status, deadline, steps with who and when',
  tags,
  schema: { params, response: { 200: FilingStateSchema, ...errors } },
});

export const filingsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/reports/filings',
  auth: officerOrAdmin,
  summary: 'Who has filed a cycle’s report and who has not, for the regions at and under the caller’s',
  tags,
  schema: { querystring: FilingsQuerySchema, response: { 200: FilingsSchema, ...errors } },
});

export const filingsExportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/reports/filings/export',
  auth: officerOrAdmin,
  summary: 'The filing list as CSV or XLSX',
  tags,
  schema: {
    querystring: FilingsQuerySchema.extend({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
    }),
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...errors },
  },
});
