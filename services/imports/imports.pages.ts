import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { IMPORT_KINDS, RESOLUTIONS, SourceCreateSchema, SourcePatchSchema } from './imports.contract.ts';
import { jobForPage, mappingRows, pager, readUpload } from './imports.view-model.ts';
import type { ImportsService } from './imports.service.ts';
import { IMPORT_FIELDS } from './mapping.ts';
import { fileFromBuffer } from './parse.ts';

const ISSUES_PER_PAGE = 50;
const JOBS_PER_PAGE = 20;
const officers = auth.roles('officer', 'admin');
const Uuid = z.uuid();
const PageQuery = z.object({ page: z.coerce.number().int().min(1).catch(1).default(1) });
const UploadSchema = z.object({
  sourceId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
  kind: z.enum(IMPORT_KINDS),
});

interface ImportsPagesOptions {
  imports: ImportsService;
  formOptions: FormOptionsSource;
}

/** Uploads and the list of imports, the column mappings of each source, one import's report. */
export async function importsPages(app: FastifyInstance, opts: ImportsPagesOptions) {
  await uploadPages(app, opts);
  await sourcePages(app, opts);
  await jobPages(app, opts);
}

/** The list of imports and the upload form. */
async function uploadPages(app: FastifyInstance, { imports }: ImportsPagesOptions) {
  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; form?: Record<string, unknown> } = {},
    status = 200,
  ) {
    const { page: current } = PageQuery.parse(request.query ?? {});
    const [jobs, sources] = await Promise.all([
      imports.listJobs(request.user!, current, JOBS_PER_PAGE),
      imports.listSources(request.user!),
    ]);
    return reply.page(
      'imports/list',
      {
        title: translate(request.locale, 'imports.title'),
        jobs: jobs.items.map((job) => jobForPage(job, request.locale)),
        pager: pager(current, jobs.total, JOBS_PER_PAGE, '/imports'),
        sources,
        kinds: IMPORT_KINDS,
        form: { kind: 'poverty_office', ...extra.form },
        errors: extra.errors,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/imports', officers),
    handler: (request, reply) => renderList(request, reply),
  });

  app.route({
    ...page('POST', '/imports', officers),
    // The form carries its CSRF token in the action URL, so it is checked before the file is read.
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = await readUpload(request);
      const t = (key: string) => translate(request.locale, `imports.upload.errors.${key}`);
      const form = { sourceId: body.sourceId, kind: body.kind };
      const parsed = UploadSchema.safeParse(body);
      const errors: Record<string, string> = {};
      if (!parsed.success)
        for (const issue of parsed.error.issues) errors[String(issue.path[0])] = t(String(issue.path[0]));
      if (body.tooLarge) errors.file = t('too_large');
      else if (!body.file) errors.file = t('file_required');
      if (!parsed.success || !body.file || Object.keys(errors).length)
        return renderList(request, reply, { errors, form }, 422);
      try {
        const { job } = await imports.startImport(request.user!, {
          file: fileFromBuffer(body.file.name, body.file.content),
          sourceId: parsed.data.sourceId,
          kind: parsed.data.kind,
        });
        return reply.redirect(`/imports/${job.id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const code = error.issues[0]?.code ?? 'file_required';
        return renderList(request, reply, { errors: { file: t(code) }, form }, 422);
      }
    },
  });
}

/** Sources: the column mapping of each office's files. */
async function sourcePages(app: FastifyInstance, { imports, formOptions }: ImportsPagesOptions) {
  /** An administrator's choice of region for a source: a whole city or one of its counties. */
  async function regionGroups(request: FastifyRequest) {
    if (request.user!.role !== 'admin') return [];
    const options = await formOptions('', request.locale);
    return options.countyGroups.map((group) => ({
      label: group.label,
      options: [
        ...(group.code
          ? [{ code: group.code, label: translate(request.locale, 'imports.sources.wholeCity', { city: group.label }) }]
          : []),
        ...group.options,
      ],
    }));
  }

  const sourcesForPage = async (request: FastifyRequest) =>
    (await imports.listSources(request.user!)).map((s) => ({ ...s, mappedCount: Object.keys(s.mapping).length }));

  app.route({
    ...page('GET', '/imports/sources', officers),
    handler: async (request, reply) =>
      reply.page('imports/sources', {
        title: translate(request.locale, 'imports.sources.title'),
        sources: await sourcesForPage(request),
        kinds: IMPORT_KINDS,
        isAdmin: request.user!.role === 'admin',
        regions: await regionGroups(request),
        form: { kind: 'poverty_office', rows: mappingRows({}, request.locale) },
        action: '/imports/sources',
      }),
  });

  app.route({
    ...page('GET', '/imports/sources/:id', officers),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!Uuid.safeParse(id).success) return reply.callNotFound();
      const source = await imports.getSource(request.user!, id);
      return reply.page('imports/sources', {
        title: source.name,
        kinds: IMPORT_KINDS,
        form: { ...source, rows: mappingRows(source.mapping, request.locale) },
        action: `/imports/sources/${id}`,
      });
    },
  });

  async function saveSource(request: FastifyRequest, reply: FastifyReply, id?: string) {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const mapping: Record<string, string> = {};
    for (const field of IMPORT_FIELDS) {
      const header = body[`mapping.${field}`]?.trim();
      if (header) mapping[field] = header;
    }
    const input = {
      name: body.name,
      kind: body.kind,
      mapping,
      ...(!id && body.regionCode ? { regionCode: body.regionCode.trim() } : {}),
    };
    const parsed = (id ? SourcePatchSchema : SourceCreateSchema).safeParse(input);
    const t = (key: string) => translate(request.locale, `imports.sources.errors.${key}`);
    const rerender = async (errors: Record<string, string>) =>
      reply.page(
        'imports/sources',
        {
          title: translate(request.locale, id ? 'imports.sources.edit' : 'imports.sources.title'),
          kinds: IMPORT_KINDS,
          isAdmin: request.user!.role === 'admin',
          regions: await regionGroups(request),
          sources: id ? [] : await sourcesForPage(request),
          form: { ...input, id, rows: mappingRows(mapping, request.locale) },
          action: id ? `/imports/sources/${id}` : '/imports/sources',
          errors,
        },
        422,
      );
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] = t(String(issue.path[0]));
      return rerender(errors);
    }
    try {
      if (id) await imports.updateSource(request.user!, id, parsed.data as z.infer<typeof SourcePatchSchema>);
      else await imports.createSource(request.user!, parsed.data as z.infer<typeof SourceCreateSchema>);
    } catch (error) {
      if (error instanceof ConflictError) return rerender({ name: t('conflict') });
      if (error instanceof ValidationError) return rerender({ regionCode: t('regionCode') });
      throw error;
    }
    return reply.redirect('/imports/sources', 303);
  }

  app.route({
    ...page('POST', '/imports/sources', officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) => saveSource(request, reply),
  });

  app.route({
    ...page('POST', '/imports/sources/:id', officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) => {
      const { id } = request.params as { id: string };
      if (!Uuid.safeParse(id).success) return reply.callNotFound();
      return saveSource(request, reply, id);
    },
  });
}

/** One import: its progress, its problems page by page, and the duplicates to decide. */
async function jobPages(app: FastifyInstance, { imports }: ImportsPagesOptions) {
  async function renderJob(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    flagError?: { flagId: string; message: string },
    status = 200,
  ) {
    const { page: current } = PageQuery.parse(request.query ?? {});
    const job = await imports.getJob(request.user!, id);
    const [issues, flags] = await Promise.all([
      imports.listIssues(request.user!, id, current, ISSUES_PER_PAGE),
      imports.duplicates.list(request.user!, id),
    ]);
    const running = job.status === 'pending' || job.status === 'running';
    // Refreshes without JavaScript while the job runs (the header for browsers that ignore the meta).
    if (running) reply.header('refresh', '2');
    return reply.page(
      'imports/job',
      {
        title: job.fileName,
        job: jobForPage(job, request.locale),
        running,
        issues: issues.items,
        issueTotal: issues.total,
        pager: pager(current, issues.total, ISSUES_PER_PAGE, `/imports/${id}`),
        pendingFlags: flags
          .filter((f) => f.resolution === 'pending')
          .map((f) => ({ ...f, error: flagError?.flagId === f.id ? flagError.message : undefined })),
        decidedFlags: flags.filter((f) => f.resolution !== 'pending'),
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/imports/:id', officers),
    handler: (request, reply) => {
      const { id } = request.params as { id: string };
      if (!Uuid.safeParse(id).success) return reply.callNotFound();
      return renderJob(request, reply, id);
    },
  });

  app.route({
    ...page('POST', '/imports/:id/duplicates/:flagId', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id, flagId } = request.params as { id: string; flagId: string };
      if (!Uuid.safeParse(id).success || !Uuid.safeParse(flagId).success) return reply.callNotFound();
      const resolution = z
        .enum(RESOLUTIONS)
        .safeParse((request.body as { resolution?: string } | undefined)?.resolution);
      const refuse = (code: string) =>
        renderJob(
          request,
          reply,
          id,
          { flagId, message: translate(request.locale, `imports.duplicates.errors.${code}`) },
          422,
        );
      if (!resolution.success) return refuse('resolution');
      try {
        await imports.duplicates.resolve(request.user!, id, flagId, resolution.data);
      } catch (error) {
        // A decision that cannot be carried out is explained beside the row; access problems are not.
        if (error instanceof ValidationError) return refuse('held_row_invalid');
        if (error instanceof ConflictError)
          return refuse((error.details as { code?: string } | undefined)?.code ?? 'conflict');
        throw error;
      }
      return reply.redirect(`/imports/${id}#duplicates`, 303);
    },
  });
}
