import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { sendTable } from '../platform/export/tabular.ts';
import {
  createSourceRoute,
  errorReportRoute,
  getJobRoute,
  listFieldsRoute,
  listFlagsRoute,
  listIssuesRoute,
  listJobsRoute,
  listSourcesRoute,
  resolveFlagRoute,
  runImportRoute,
  updateSourceRoute,
  UPLOAD_LIMIT_BYTES,
  XLSX_TYPE,
} from './imports.contract.ts';
import type { ImportsService } from './imports.service.ts';
import { fileFromBuffer } from './parse.ts';
import { reasonText } from './reasons.ts';

export async function importsRoutes(app: FastifyInstance, opts: { imports: ImportsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { imports } = opts;

  // The file is the request body itself (no multipart needed by API clients); only in this plugin.
  app.addContentTypeParser(
    ['text/csv', XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  r.route({ ...listFieldsRoute, handler: async () => ({ items: imports.fields() }) });
  r.route({ ...listSourcesRoute, handler: async (request) => ({ items: await imports.listSources(request.user!) }) });
  r.route({
    ...createSourceRoute,
    handler: async (request, reply) => reply.status(201).send(await imports.createSource(request.user!, request.body)),
  });
  r.route({
    ...updateSourceRoute,
    handler: (request) => imports.updateSource(request.user!, request.params.id, request.body),
  });

  r.route({
    ...runImportRoute,
    bodyLimit: UPLOAD_LIMIT_BYTES,
    handler: async (request, reply) => {
      const body = request.body as unknown;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new ValidationError(`Send the file as the request body, with content-type text/csv or ${XLSX_TYPE}`, [
          { field: 'body', code: 'file_required', message: 'is required' },
        ]);
      }
      const { fileName, sourceId, kind, wait } = request.query;
      const { job, done } = await imports.startImport(request.user!, {
        file: fileFromBuffer(fileName, body),
        sourceId,
        kind,
      });
      if (wait) return reply.status(200).send((await done).job);
      return reply.status(202).send(job);
    },
  });

  r.route({
    ...listJobsRoute,
    handler: (request) => imports.listJobs(request.user!, request.query.page, request.query.pageSize),
  });
  r.route({ ...getJobRoute, handler: (request) => imports.getJob(request.user!, request.params.id) });
  r.route({
    ...listIssuesRoute,
    handler: async (request) => {
      const result = await imports.listIssues(
        request.user!,
        request.params.id,
        request.query.page,
        request.query.pageSize,
      );
      return {
        ...result,
        items: result.items.map((issue) => ({
          ...issue,
          reason: reasonText('en', issue.code),
          reasonZh: reasonText('zh-CN', issue.code),
        })),
      };
    },
  });
  r.route({
    ...errorReportRoute,
    handler: async (request, reply) => {
      const { format } = request.query;
      const table = await imports.errorReport(request.user!, request.params.id, format, request.id);
      return sendTable(reply, format, table);
    },
  });
  r.route({
    ...listFlagsRoute,
    handler: async (request) => ({
      items: await imports.duplicates.list(request.user!, request.params.id, request.query.resolution),
    }),
  });
  r.route({
    ...resolveFlagRoute,
    handler: (request) =>
      imports.duplicates.resolve(request.user!, request.params.id, request.params.flagId, request.body.resolution),
  });
}
