import { z } from 'zod';
import { EMPLOYMENT_STATUSES } from '../labourers/index.ts';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { IMPORT_FIELDS } from './mapping.ts';
import { DuplicateKind, ImportKind, ImportStatus } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const IMPORT_KINDS = enumValues(ImportKind);
export const RESOLUTIONS = ['keep_existing', 'use_incoming', 'distinct_people'] as const;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploads are the raw request body; a county's export of 100,000 rows is about 15 MB as CSV. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

export const ImportFieldSchema = z.enum(IMPORT_FIELDS);
export const MappingSchema = z.partialRecord(ImportFieldSchema, z.string().trim().min(1).max(60)).refine((mapping) => {
  const headers = Object.values(mapping).filter(Boolean);
  return new Set(headers).size === headers.length;
}, 'maps two fields to the same column');

export const SourceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(IMPORT_KINDS),
    regionCode: z.string(),
    mapping: z.record(z.string(), z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ImportSource' });
export type SourceView = z.infer<typeof SourceSchema>;

export const SourceCreateSchema = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(60),
  kind: z.enum(IMPORT_KINDS),
  /** Defaults to the officer's region; an admin names one. */
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, 'must be a region code prefix')
    .optional(),
  mapping: MappingSchema.default({}),
});
export type SourceCreate = z.infer<typeof SourceCreateSchema>;

export const SourcePatchSchema = SourceCreateSchema.omit({ regionCode: true })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change');
export type SourcePatch = z.infer<typeof SourcePatchSchema>;

export const JobSchema = z
  .object({
    id: z.string(),
    sourceId: z.string().nullable(),
    sourceName: z.string().nullable(),
    kind: z.enum(IMPORT_KINDS),
    fileName: z.string(),
    regionCode: z.string(),
    status: z.enum(ImportStatus),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    /** 0-100 */
    progress: z.number().int(),
    createdCount: z.number().int(),
    updatedCount: z.number().int(),
    unchangedCount: z.number().int(),
    errorCount: z.number().int(),
    duplicateCount: z.number().int(),
    pendingDuplicates: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    /** An earlier job of the very same file in this region. */
    sameFileAs: z.object({ id: z.string(), startedAt: z.string() }).nullable(),
  })
  .meta({ id: 'ImportJob' });
export type JobView = z.infer<typeof JobSchema>;

export const IssueSchema = z.object({
  rowNumber: z.number().int(),
  column: z.string(),
  value: z.string().nullable(),
  code: z.string(),
  reason: z.string(),
  reasonZh: z.string(),
});

const PersonSchema = z.object({
  name: z.string(),
  idNumberMasked: z.string(),
  birthDate: z.string().nullable(),
  regionCode: z.string().nullable(),
  regionName: z.string(),
  employmentStatus: z.enum(EMPLOYMENT_STATUSES).nullable(),
});

export const FlagSchema = z
  .object({
    id: z.string(),
    jobId: z.string(),
    rowNumber: z.number().int(),
    otherRowNumber: z.number().int().nullable(),
    kind: z.enum(DuplicateKind),
    code: z.string(),
    reason: z.string(),
    reasonZh: z.string(),
    resolution: z.enum(['pending', ...RESOLUTIONS]),
    resolvedAt: z.string().nullable(),
    allowed: z.array(z.enum(RESOLUTIONS)),
    incoming: PersonSchema.extend({ phoneMasked: z.string().nullable() }),
    existing: PersonSchema.extend({ id: z.string() }).nullable(),
  })
  .meta({ id: 'DuplicateFlag' });
export type FlagView = z.infer<typeof FlagSchema>;

const IdParams = z.object({ id: z.uuid('must be an import job id') });
const officers = auth.roles('officer', 'admin');
const tags = ['imports'];
const notFound = { 404: ErrorResponseSchema };

export const listFieldsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/fields',
  auth: officers,
  summary: 'The fields a file may carry, with the column headers recognised without a mapping',
  tags,
  schema: {
    response: {
      200: z.object({
        items: z.array(z.object({ field: ImportFieldSchema, required: z.boolean(), headers: z.array(z.string()) })),
      }),
      ...commonErrors,
    },
  },
});

export const listSourcesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/sources',
  auth: officers,
  summary: 'Import sources (saved column mappings) of the caller’s region',
  tags,
  schema: { response: { 200: z.object({ items: z.array(SourceSchema) }), ...commonErrors } },
});

export const createSourceRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/imports/sources',
  auth: officers,
  summary: 'Save a source with its column mapping { field: header }',
  tags,
  schema: {
    body: SourceCreateSchema,
    response: { 201: SourceSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const updateSourceRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/imports/sources/:id',
  auth: officers,
  summary: 'Rename a source or change its kind or mapping',
  tags,
  schema: {
    params: z.object({ id: z.uuid('must be a source id') }),
    body: SourcePatchSchema,
    response: { 200: SourceSchema, 409: ErrorResponseSchema, ...notFound, ...commonErrors },
  },
});

export const RunQuerySchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  sourceId: z.uuid('must be a source id').optional(),
  kind: z.enum(IMPORT_KINDS).optional(),
  wait: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const runImportRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/imports',
  auth: officers,
  summary:
    'Import a CSV or XLSX file sent as the raw body (content-type text/csv or the XLSX type); 202 at once, ' +
    'or 200 when finished with ?wait=true',
  tags,
  schema: {
    querystring: RunQuerySchema,
    response: { 200: JobSchema, 202: JobSchema, 413: ErrorResponseSchema, 415: ErrorResponseSchema, ...commonErrors },
  },
});

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const listJobsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports',
  auth: officers,
  summary: 'Import jobs of the caller’s region, newest first',
  tags,
  schema: {
    querystring: PageQuerySchema,
    response: {
      200: z.object({ items: z.array(JobSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const getJobRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/:id',
  auth: officers,
  summary: 'An import job: status, counters and progress',
  tags,
  schema: { params: IdParams, response: { 200: JobSchema, ...notFound, ...commonErrors } },
});

export const listIssuesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/:id/issues',
  auth: officers,
  summary: 'The problems found in the file, row by row',
  tags,
  schema: {
    params: IdParams,
    querystring: PageQuerySchema,
    response: {
      200: z.object({ items: z.array(IssueSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...notFound,
      ...commonErrors,
    },
  },
});

export const errorReportRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/:id/error-report',
  auth: officers,
  summary: 'The error report (行号, 列, 值, 原因) as CSV or XLSX; every download is audited',
  tags,
  schema: {
    params: IdParams,
    querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    response: { 200: z.string().meta({ description: 'CSV or XLSX file' }), ...notFound, ...commonErrors },
  },
});

export const listFlagsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/imports/:id/duplicates',
  auth: officers,
  summary: 'Rows held as possible duplicates, for an officer to decide',
  tags,
  schema: {
    params: IdParams,
    querystring: z.object({ resolution: z.enum(['pending', ...RESOLUTIONS]).optional() }),
    response: { 200: z.object({ items: z.array(FlagSchema) }), ...notFound, ...commonErrors },
  },
});

export const resolveFlagRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/imports/:id/duplicates/:flagId',
  auth: officers,
  summary:
    'Decide a held row: keep_existing (nothing written), use_incoming (the row is applied to the registered ' +
    'person) or distinct_people (the row becomes a new person; only when the ID numbers differ)',
  tags,
  schema: {
    params: IdParams.extend({ flagId: z.uuid('must be a duplicate flag id') }),
    body: z.object({ resolution: z.enum(RESOLUTIONS) }),
    response: { 200: FlagSchema, 409: ErrorResponseSchema, ...notFound, ...commonErrors },
  },
});
