import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../platform/http/contract.ts';
import { issueMessage } from '../platform/http/form-errors.ts';
import { field, type FormBody, pageProblem } from '../platform/http/page-forms.ts';
import { readSingleUpload } from '../platform/http/upload.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CertificateImport, CertificateReport } from './certificate-import.service.ts';
import { officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

/** The file rides back in the confirm form (base64): kept small so the form stays under the body limit. */
const FILE_LIMIT_BYTES = 512 * 1024;
const TEXTS = {
  ...TRAINING_TEXTS,
  labelPrefix: 'training.certImport.fields',
  validation: 'training.certImport.validation',
} as const;

/** Certificates from the appraisal system: upload, preview with each refused row in words, confirm. */
export async function certificateImportPages(app: FastifyInstance, opts: { imports: CertificateImport }) {
  const { imports } = opts;

  function render(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { report?: CertificateReport; file?: { name: string; content: string }; error?: string } = {},
    status = 200,
  ) {
    const locale = request.locale;
    const report = data.report && {
      ...data.report,
      refused: data.report.refused.map((r) => ({
        row: r.row,
        messages: r.problems.map((issue) =>
          issueMessage(locale, issue, { labelPrefix: TEXTS.labelPrefix, namespaces: [TEXTS.validation] }),
        ),
      })),
    };
    const canSave = !!data.report && !data.report.saved && !data.report.refused.length && data.report.fresh > 0;
    return reply.page(
      'training/certificate-import',
      {
        title: translate(locale, 'training.certImport.title'),
        report,
        file: canSave ? data.file : undefined,
        error: data.error,
      },
      status,
    );
  }

  /** A file-level refusal (no header, too many rows…) in words; other errors go to the error page. */
  function fileProblem(request: FastifyRequest, reply: FastifyReply, error: unknown) {
    if (!(error instanceof ValidationError)) {
      const problem = pageProblem(request.locale, error, TEXTS);
      return render(request, reply, { error: problem.message }, problem.status);
    }
    const issue = error.issues[0];
    const text = issue
      ? issueMessage(request.locale, issue, { labelPrefix: TEXTS.labelPrefix, namespaces: [TEXTS.validation] })
      : error.message;
    return render(request, reply, { error: text }, 422);
  }

  app.route({
    ...page('GET', '/training/certificates/import', officers),
    handler: (request, reply) => render(request, reply),
  });

  app.route({
    ...page('POST', '/training/certificates/import', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const part = await readSingleUpload(request, { fileSize: FILE_LIMIT_BYTES });
      if (!part || part.tooLarge || !part.content?.length) {
        const key = part?.tooLarge ? 'too_large' : 'file';
        return render(request, reply, { error: translate(request.locale, `training.certImport.errors.${key}`) }, 422);
      }
      const upload = { name: part.filename.slice(0, 200), content: part.content };
      try {
        const report = await imports.preview(request.user!, upload);
        const file = { name: upload.name, content: upload.content.toString('base64') };
        return render(request, reply, { report, file }, report.refused.length ? 422 : 200);
      } catch (error) {
        return fileProblem(request, reply, error);
      }
    },
  });

  app.route({
    ...page('POST', '/training/certificates/import/confirm', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const content = Buffer.from(field(body, 'content') ?? '', 'base64');
      if (!content.length || content.length > FILE_LIMIT_BYTES)
        return render(request, reply, { error: translate(request.locale, 'training.certImport.errors.file') }, 422);
      const upload = { name: (field(body, 'name') ?? 'certificates.csv').slice(0, 200), content };
      try {
        const report = await imports.commit(request.user!, upload, request.id);
        return render(request, reply, { report }, report.saved ? 200 : 422);
      } catch (error) {
        return fileProblem(request, reply, error);
      }
    },
  });
}
