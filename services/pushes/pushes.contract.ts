import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { CampaignStatus, CampaignTrigger } from '../platform/database/generated/enums.ts';

export const GAP_REASONS = [
  'no_vacancy_in_area',
  'age',
  'public_welfare_only',
  'occupation',
  'wage_expectation',
  'not_interested',
  'vacancies_full',
] as const;

const regionPrefix = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'must be a region code prefix');
const tags = ['pushes'];
const officers = auth.roles('officer', 'admin');
const lang = z.enum(['zh-CN', 'en']).default('zh-CN');
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

export const RunBodySchema = z.object({ regionCode: regionPrefix.optional() }).default({});

export const RunAcceptedSchema = z
  .object({
    campaignId: z.string(),
    status: z.enum(CampaignStatus),
    /** Where its progress is read (GET): people considered, jobs pushed, people without, status. */
    progressUrl: z.string(),
  })
  .meta({ id: 'PushRunAccepted' });

export const CampaignSchema = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    trigger: z.enum(CampaignTrigger),
    status: z.enum(CampaignStatus),
    total: z.number().int(),
    considered: z.number().int(),
    pushed: z.number().int(),
    withoutMatch: z.number().int(),
    progress: z.number().int(),
    startedById: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'PushCampaign' });

const CountySchema = z.object({
  regionCode: z.string(),
  name: z.string().optional(),
  willing: z.number().int(),
  covered: z.number().int(),
  share: z.number(),
});

export const CoverageSchema = z
  .object({
    regionCode: z.string(),
    willing: z.number().int(),
    covered: z.number().int(),
    /** covered / willing, 0..1 to four decimals. */
    share: z.number(),
    byCounty: z.array(CountySchema),
  })
  .meta({ id: 'PushCoverage' });

export const GapSchema = z
  .object({
    labourerId: z.string(),
    /** Masked (张**): the list is for follow-up, the profile page shows the rest. */
    name: z.string(),
    idNumberMasked: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    reason: z.enum(GAP_REASONS),
    reasonText: z.string(),
    detail: z.unknown(),
    campaignId: z.string(),
    checkedAt: z.string(),
  })
  .meta({ id: 'PushGap' });

export const GapQuerySchema = z.object({ regionCode: regionPrefix.optional(), lang, ...paging });

const IdParams = z.object({ id: z.uuid('must be a campaign id') });

export const runRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/pushes/run',
  auth: officers,
  summary:
    'Start a push campaign over a region within the caller’s scope (default: all of it); answers 202 at once with its id, its progress is at GET /api/v1/pushes/campaigns/:id; 409 while one over an overlapping region runs',
  tags,
  schema: {
    body: RunBodySchema,
    response: { 202: RunAcceptedSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const campaignsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/pushes/campaigns',
  auth: officers,
  summary: 'Push campaigns over regions within the caller’s scope, newest first',
  tags,
  schema: {
    querystring: z.object(paging),
    response: {
      200: z.object({ items: z.array(CampaignSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const campaignRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/pushes/campaigns/:id',
  auth: officers,
  summary: 'One campaign with its progress (the officer page polls it while it runs)',
  tags,
  schema: { params: IdParams, response: { 200: CampaignSchema, 404: ErrorResponseSchema, ...commonErrors } },
});

export const coverageRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/pushes/coverage',
  auth: officers,
  summary: 'Share of people who want work with at least one pushed job, by county',
  tags,
  schema: {
    querystring: z.object({ regionCode: regionPrefix.optional() }),
    response: { 200: CoverageSchema, ...commonErrors },
  },
});

export const withoutRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/pushes/without',
  auth: officers,
  summary: 'People who want work left without a suitable job by the last campaign, with the reason (paged)',
  tags,
  schema: {
    querystring: GapQuerySchema,
    response: {
      200: z.object({ items: z.array(GapSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const withoutExportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/pushes/without/export',
  auth: officers,
  summary: 'Download the people without a suitable job as CSV or XLSX (audited)',
  tags,
  schema: {
    querystring: GapQuerySchema.omit({ page: true, pageSize: true }).extend({
      format: z.enum(['csv', 'xlsx']).default('csv'),
    }),
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...commonErrors },
  },
});

export const coverageExportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/pushes/coverage/export',
  auth: officers,
  summary: 'Download the coverage by county as CSV or XLSX',
  tags,
  schema: {
    querystring: z.object({
      regionCode: regionPrefix.optional(),
      lang,
      format: z.enum(['csv', 'xlsx']).default('csv'),
    }),
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...commonErrors },
  },
});
