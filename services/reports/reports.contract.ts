import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { REPORT_STATUSES } from './cycle.ts';
import { REPORT_GROUPS } from './indicators.ts';
import { ReportKind } from '../platform/database/generated/enums.ts';

const tags = ['reports'];
const officerOrAdmin = auth.roles('officer', 'admin');
const notFound = { 404: ErrorResponseSchema };
const regionCode = z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'must be a province, city or county code');
const isoDate = z.iso.date({ error: 'must be a date like 2026-03-31' });

export const IndicatorQuerySchema = z.object({
  regionCode: regionCode.optional(),
  /** First day of the period (Beijing calendar); 1 January of `to`'s year when left out. */
  from: isoDate.optional(),
  /** Last day, included; today when left out. */
  to: isoDate.optional(),
});

const AreaSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  keyCounty: z.boolean(),
  labourers: z.number(),
  employed: z.number(),
  labourForce: z.number(),
  employedShare: z.number(),
  willing: z.number(),
  pushed: z.number(),
  pushCoverage: z.number(),
  pensionCoverage: z.number(),
});

const TrendSchema = z.object({
  month: z.string(),
  labourers: z.number(),
  employed: z.number(),
  labourForce: z.number(),
  employedShare: z.number(),
});

const ProgressKeys = z.object({
  fairs: z.number(),
  transfers: z.number(),
  household_placements: z.number(),
  trainings: z.number(),
});

const AgreementSchema = z.object({
  id: z.string(),
  title: z.string(),
  homeRegionCode: z.string(),
  partnerRegionCode: z.string(),
  year: z.number(),
  targets: ProgressKeys,
  done: ProgressKeys,
});

/** One subsidy programme's figures in a region and period (definitions: subsidy_claims*, subsidy_people_reached). */
export const ProgrammeFiguresSchema = z
  .object({
    programmeCode: z.string(),
    name: z.string(),
    nameEn: z.string(),
    /** Claims made within the period (subsidy_claims). */
    claims: z.number(),
    /** Claims approved within the period, paid since included (subsidy_claims_approved). */
    approvals: z.number(),
    /** Yuan of those approvals (subsidy_claims_amount). */
    amount: z.number(),
    /** Yuan paid on those approvals by the period end (subsidy_claims_paid). */
    paid: z.number(),
    /** People reached by those approvals (subsidy_people_reached). */
    people: z.number(),
  })
  .meta({ id: 'SubsidyProgrammeFigures' });
export type ProgrammeFigures = z.infer<typeof ProgrammeFiguresSchema>;

export const IndicatorSetSchema = z
  .object({
    regionCode: z.string(),
    regionName: z.string(),
    regionNameEn: z.string(),
    level: z.enum(['province', 'city', 'county']),
    parentCode: z.string().nullable(),
    period: z.object({ from: z.string(), to: z.string() }),
    source: z.enum(['live', 'history']),
    definitionsVersion: z.string(),
    computedAt: z.string(),
    /** Every indicator by id; see GET /api/v1/indicators/definitions. */
    values: z.record(z.string(), z.number()),
    children: z.array(AreaSchema),
    counties: z.array(AreaSchema),
    trend: z.array(TrendSchema),
    agreements: z.array(AgreementSchema),
    /** Every subsidy programme's figures; the subsidy_claims* and subsidy_people_reached values are their sums. */
    programmes: z.array(ProgrammeFiguresSchema),
  })
  .meta({ id: 'IndicatorSet' });

const DefinitionSchema = z.object({
  id: z.string(),
  group: z.enum(REPORT_GROUPS),
  nameZh: z.string(),
  nameEn: z.string(),
  counts: z.string(),
  /** The plan clause it implements (§2(3) = 二、(三)). */
  clause: z.string(),
  sources: z.array(z.string()),
  asOf: z.enum(['period_end', 'period', 'current', 'year']),
  unit: z.enum(['people', 'percent', 'count', 'yuan']),
});

export const ReportCreateSchema = z
  .object({
    kind: z.enum(ReportKind),
    /** The special group a quarterly report is for; a yearly report covers all five. */
    group: z.enum(REPORT_GROUPS).optional(),
    year: z.coerce.number().int().min(2016).max(2100),
    quarter: z.coerce.number().int().min(1).max(4).optional(),
    regionCode: regionCode.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'quarterly' && !value.group) {
      ctx.addIssue({ code: 'custom', path: ['group'], message: 'a quarterly report needs a group' });
    }
    if (value.kind === 'quarterly' && !value.quarter) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'a quarterly report needs a quarter' });
    }
  });
export type ReportCreate = z.infer<typeof ReportCreateSchema>;

const ReportRowSchema = z.object({
  id: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  value: z.number(),
});

export const ReportFiguresSchema = z.object({
  kind: z.enum(ReportKind),
  year: z.number(),
  quarter: z.number().nullable(),
  groups: z.array(z.enum(REPORT_GROUPS)),
  region: z.object({ code: z.string(), name: z.string(), nameEn: z.string(), level: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  source: z.enum(['live', 'history']),
  computedAt: z.string(),
  sections: z.array(z.object({ group: z.enum(REPORT_GROUPS), rows: z.array(ReportRowSchema) })),
  values: z.record(z.string(), z.number()),
  counties: z.array(AreaSchema),
  trend: z.array(TrendSchema),
  agreements: z.array(AgreementSchema),
  /** The same indicators summed over the region's provincial key counties (absent on older reports and for a county). */
  keyCounties: z.object({ codes: z.array(z.string()), values: z.record(z.string(), z.number()) }).nullish(),
  /**
   * Every subsidy programme's figures, stored with the reports whose groups include social_security
   * (the social-security group's quarterly report and the yearly report); absent on the others and
   * on reports made before definitions 2026.12-4. The rows add up to the subsidy_* values.
   */
  programmes: z.array(ProgrammeFiguresSchema).nullish(),
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

export const ReportSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(ReportKind),
  title: z.string(),
  regionCode: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  definitionsVersion: z.string(),
  createdAt: z.string(),
  /** draft → submitted → returned (with a reason) or accepted; see the steps of GET /api/v1/reports/:id. */
  status: z.enum(REPORT_STATUSES),
  /** The cycle's deadline (yearly: 25 October; quarterly: REPORT_QUARTER_DEADLINE_DAYS after the quarter). */
  dueOn: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const ReportSchema = ReportSummarySchema.extend({ figures: ReportFiguresSchema }).meta({ id: 'Report' });
export type ReportView = z.infer<typeof ReportSchema>;

export const indicatorsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/indicators',
  auth: officerOrAdmin,
  summary: 'Every indicator of a region (within the caller’s scope) for a period',
  tags,
  schema: { querystring: IndicatorQuerySchema, response: { 200: IndicatorSetSchema, ...notFound, ...commonErrors } },
});

export const definitionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/indicators/definitions',
  auth: officerOrAdmin,
  summary: 'What each indicator counts, from which data, as of when',
  tags,
  schema: {
    response: { 200: z.object({ version: z.string(), items: z.array(DefinitionSchema) }), ...commonErrors },
  },
});

export const createReportRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/reports',
  auth: officerOrAdmin,
  summary: 'Generate a quarterly (one special group) or yearly report and store its figures',
  tags,
  schema: { body: ReportCreateSchema, response: { 201: ReportSchema, ...notFound, ...commonErrors } },
});

export const listReportsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/reports',
  auth: officerOrAdmin,
  summary: 'Reports of the caller’s region, newest first',
  tags,
  schema: {
    querystring: z.object({ regionCode: regionCode.optional() }),
    response: { 200: z.object({ items: z.array(ReportSummarySchema) }), ...commonErrors },
  },
});

export const getReportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/reports/:id',
  auth: officerOrAdmin,
  summary: 'One stored report with the figures it was made with',
  tags,
  schema: { params: z.object({ id: z.uuid() }), response: { 200: ReportSchema, ...notFound, ...commonErrors } },
});

export const REPORT_TABLES = ['summary', 'counties', 'programmes'] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

export const ExportQuerySchema = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /**
   * summary: every figure by group; counties: the county table; programmes: the subsidy figures per
   * programme (reports whose groups include social_security; 404 for the others).
   */
  table: z.enum(REPORT_TABLES).default('summary'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

export const exportReportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/reports/:id/export',
  auth: officerOrAdmin,
  summary: 'Download a stored report’s tables as CSV or XLSX (audited)',
  tags,
  schema: {
    params: z.object({ id: z.uuid() }),
    querystring: ExportQuerySchema,
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...notFound, ...commonErrors },
  },
});
