import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import {
  AssignInputSchema,
  ContactInputSchema,
  EndInputSchema,
  FiguresQuerySchema,
  GraduateDetailSchema,
  GraduateFiguresSchema,
  GraduateInputSchema,
  GraduateListQuerySchema,
  GraduateSchema,
  ImportQuerySchema,
  ImportReportSchema,
  MatchmakerSchema,
  PairAllInputSchema,
  PairingSchema,
  RankedJobSchema,
  ReferralInputSchema,
  StatusPatchSchema,
} from './graduates.contract.ts';

export const CSV_TYPES = ['text/csv', 'application/csv'];
export const XLSX_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

// The graduates' routes are for officers (and admins). Matchmakers are officers' or volunteers'
// accounts: the matchmaker routes also take volunteers, and the data decides which pairings each
// caller reaches (its own; an officer's also those of its region; a volunteer's nothing else, 404).
const officers = auth.roles('officer', 'admin');
const matchmakers = auth.roles('officer', 'admin', 'volunteer');
const tags = ['graduates'];
const params = z.object({ id: z.uuid('must be an id') });
const errors = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };
const exportQuery = {
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
};

export const importRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/graduates/import',
  auth: officers,
  summary:
    'Import a school’s list of poor-family graduates: the CSV or XLSX file as the raw body (text/csv or the XLSX type). Each row is linked to the registry by ID number; bad rows are reported per row (mode=per_row) or refuse the file (mode=all_or_nothing).',
  tags,
  schema: {
    querystring: ImportQuerySchema,
    response: { 201: ImportReportSchema, 413: ErrorResponseSchema, 415: ErrorResponseSchema, ...commonErrors },
  },
});

export const registerRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/graduates',
  auth: officers,
  summary: 'Register one poor-family graduate, found in the registry by ID number',
  tags,
  personalData: true,
  schema: { body: GraduateInputSchema, response: { 201: GraduateDetailSchema, ...errors } },
});

export const listRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/graduates',
  auth: officers,
  summary: 'Graduates of the officer’s region, filtered by year, status, school kind, school, region, paired',
  tags,
  schema: {
    querystring: GraduateListQuerySchema,
    response: {
      200: z.object({ items: z.array(GraduateSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const exportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/graduates/export',
  auth: officers,
  summary: 'Download the graduates list as CSV or XLSX (audited)',
  tags,
  schema: {
    querystring: GraduateListQuerySchema.omit({ page: true, pageSize: true }).extend(exportQuery),
    response: { 200: z.any().meta({ description: 'CSV (UTF-8 with BOM) or XLSX file' }), ...commonErrors },
  },
});

export const figuresRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/graduates/figures',
  auth: officers,
  summary: 'Graduates of a year by status, per county and per school',
  tags,
  schema: { querystring: FiguresQuerySchema, response: { 200: GraduateFiguresSchema, ...commonErrors } },
});

export const getRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/graduates/:id',
  auth: officers,
  summary: 'One graduate with the dated status history',
  tags,
  schema: { params, response: { 200: GraduateDetailSchema, ...errors } },
});

export const statusRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/graduates/:id/status',
  auth: officers,
  summary: 'Change a graduate’s status (dated); in work or study ends the open pairing',
  tags,
  schema: { params, body: StatusPatchSchema, response: { 200: GraduateDetailSchema, ...errors } },
});

export const pairingRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/graduates/:id/pairing',
  auth: officers,
  summary: 'The graduate’s open pairing, else the latest one (null when never paired)',
  tags,
  schema: { params, response: { 200: PairingSchema.nullable(), ...errors } },
});

export const assignRoute = defineRoute({
  method: 'PUT',
  url: '/api/v1/graduates/:id/pairing',
  auth: officers,
  summary: 'Pair a graduate who left school without work with a matchmaker (an officer or volunteer of the region)',
  tags,
  schema: { params, body: AssignInputSchema, response: { 201: PairingSchema, ...errors } },
});

export const subsidyRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/graduates/:id/subsidy-claim',
  auth: officers,
  summary:
    'Claim the one-time 2,000-yuan job-seeking/start-up subsidy for the graduate on the claim engine (409 with the failed checks when not eligible, or when claimed already)',
  tags,
  schema: {
    params,
    response: {
      201: z.object({ claimId: z.string(), amount: z.number().int(), status: z.string() }),
      ...errors,
    },
  },
});

export const endRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/graduates/:id/pairing/end',
  auth: officers,
  summary: 'End the open pairing with a reason',
  tags,
  schema: { params, body: EndInputSchema, response: { 200: PairingSchema, ...errors } },
});

export const pairAllRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/graduates/pairings/pair-all',
  auth: officers,
  summary: 'Pair every unpaired graduate of the year who left school without work, round-robin over matchmakers',
  tags,
  schema: {
    body: PairAllInputSchema,
    response: {
      200: z.object({ year: z.number(), paired: z.number(), unpaired: z.number(), matchmakers: z.number() }),
      ...commonErrors,
    },
  },
});

export const matchmakersRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/graduates/matchmakers',
  auth: officers,
  summary: 'Officers and volunteers who may be paired with graduates of the caller’s region',
  tags,
  schema: {
    response: {
      200: z.array(
        MatchmakerSchema.extend({ regionCode: z.string().nullable(), role: z.enum(['officer', 'volunteer']) }),
      ),
      ...commonErrors,
    },
  },
});

const mmTags = ['matchmaker'];
export const minePairingsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/matchmaker/pairings',
  auth: matchmakers,
  summary: 'The caller’s own pairings as matchmaker (open ones unless all=true)',
  tags: mmTags,
  schema: {
    querystring: z.object({ all: z.enum(['true', 'false']).default('false') }),
    response: { 200: z.array(PairingSchema), ...commonErrors },
  },
});

export const pairingGetRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/matchmaker/pairings/:id',
  auth: matchmakers,
  summary: 'One pairing with its contacts and referrals (the caller’s own, or in an officer’s region)',
  tags: mmTags,
  schema: { params, response: { 200: PairingSchema, ...errors } },
});

export const pairingJobsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/matchmaker/pairings/:id/jobs',
  auth: matchmakers,
  summary: 'The paired graduate’s ranked jobs (matching, with the field of study’s occupations as wishes)',
  tags: mmTags,
  schema: {
    params,
    querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    response: { 200: z.array(RankedJobSchema), ...errors },
  },
});

export const contactRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/matchmaker/pairings/:id/contacts',
  auth: matchmakers,
  summary: 'Log a contact with the paired graduate (date, channel, note)',
  tags: mmTags,
  schema: { params, body: ContactInputSchema, response: { 201: PairingSchema, ...errors } },
});

export const referralRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/matchmaker/pairings/:id/referrals',
  auth: matchmakers,
  summary: 'Refer the paired graduate to a vacancy: an application on their behalf, recorded on the pairing',
  tags: mmTags,
  schema: { params, body: ReferralInputSchema, response: { 201: PairingSchema, ...errors } },
});
