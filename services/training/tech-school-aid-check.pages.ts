import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { type Column, sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { issueMessage } from '../platform/http/form-errors.ts';
import { pageProblem } from '../platform/http/page-forms.ts';
import { readSingleUpload } from '../platform/http/upload.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { chinaDateTime } from '../platform/time/china-time.ts';
import type { CheckOutcome, FindingQuery, TechSchoolAidCheckService } from './tech-school-aid-check.service.ts';
import { jsonBlock, officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const FILE_LIMIT_BYTES = 2 * 1024 * 1024;
const TEXTS = {
  ...TRAINING_TEXTS,
  labelPrefix: 'training.aidCheck.fields',
  validation: 'training.aidCheck.validation',
  explainNotFound: true,
} as const;

const blank = (v: unknown) => (v === '' ? undefined : v);
const QuerySchema = z.object({
  check: z.preprocess(blank, z.uuid().optional()),
  regionCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{6,12}$/)
      .optional(),
  ),
});
const queryOf = (request: FastifyRequest): FindingQuery => {
  const parsed = QuerySchema.safeParse(request.query);
  return parsed.success ? { checkId: parsed.data.check, regionCode: parsed.data.regionCode } : {};
};

type FindingRow = Awaited<ReturnType<TechSchoolAidCheckService['findings']>>['findings'][number];

/** The export's columns: the finding, the row, the student (masked), what is missing or recorded. */
function findingColumns(locale: string): Column<FindingRow>[] {
  const t = (key: string) => translate(locale, `training.aidCheck.fields.${key}`);
  return [
    { header: t('kind'), value: (r) => translate(locale, `training.aidCheck.kinds.${r.kind}`) },
    { header: t('row'), value: (r) => r.rowNumber },
    { header: t('name'), value: (r) => r.name },
    { header: t('idNumber'), value: (r) => r.idNumberMasked, width: 22 },
    { header: t('region'), value: (r) => r.regionName, width: 24 },
    { header: t('school'), value: (r) => r.school, width: 24 },
    { header: t('programme'), value: (r) => r.programme, width: 16 },
    { header: t('term'), value: (r) => r.term },
    {
      header: t('missing'),
      value: (r) => r.missingKinds.map((k) => translate(locale, `training.schools.aid.kinds.${k}`)).join('、'),
    },
    {
      header: t('placeState'),
      value: (r) =>
        r.kind === 'not_enrolled'
          ? r.placeState
            ? translate(locale, `training.schools.states.${r.placeState}`)
            : translate(locale, 'training.aidCheck.noPlace')
          : '',
    },
  ];
}

/** Schools' student-status and aid lists compared with the registry: upload, findings per county, export. */
export async function techSchoolAidCheckPages(
  app: FastifyInstance,
  opts: { checks: TechSchoolAidCheckService; formOptions: FormOptionsSource },
) {
  const { checks, formOptions } = opts;
  const rowMessages = (locale: string, refused: CheckOutcome['refused']) =>
    refused.map((r) => ({
      row: r.row,
      messages: r.problems.map((issue) =>
        issueMessage(locale, issue, { labelPrefix: TEXTS.labelPrefix, namespaces: [TEXTS.validation] }),
      ),
    }));

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { outcome?: CheckOutcome; error?: string } = {},
    status = 200,
  ) {
    const locale = request.locale;
    const query = queryOf(request);
    const result = await checks.findings(request.user!, query, locale);
    const scope = scopePrefix(request.user!);
    const options = await formOptions(scope, locale);
    const word = (key: string) => translate(locale, `training.aidCheck.${key}`);
    const exportQuery = new URLSearchParams({
      ...(result.check ? { check: result.check.id } : {}),
      ...(query.regionCode ? { regionCode: query.regionCode } : {}),
    }).toString();
    return reply.page(
      'training/tech-school-aid-check',
      {
        title: word('title'),
        refused: data.outcome?.refused.length ? rowMessages(locale, data.outcome.refused) : undefined,
        rows: data.outcome?.rows,
        error: data.error,
        filter: { regionCode: query.regionCode ?? '' },
        counties: options.counties.filter((c) => c.code.startsWith(scope) || scope.startsWith(c.code)),
        checks: result.checks.map((c) => ({
          id: c.id,
          fileName: c.fileName,
          at: chinaDateTime(c.createdAt),
          selected: c.id === result.check?.id,
        })),
        check: result.check && { ...result.check, at: chinaDateTime(result.check.createdAt) },
        exportQuery,
        byCounty: result.counties,
        findings: result.findings.map((f) => ({
          ...f,
          missing: f.missingKinds.map((k) => translate(locale, `training.schools.aid.kinds.${k}`)).join('、'),
          placeWord: f.placeState ? translate(locale, `training.schools.states.${f.placeState}`) : word('noPlace'),
        })),
        chart: jsonBlock({
          rows: result.counties.map((c) => ({ label: c.name, values: [c.aidMissing, c.notEnrolled] })),
          series: [word('kinds.aid_missing'), word('kinds.not_enrolled')],
        }),
        saved: (request.query as { saved?: string }).saved === '1',
      },
      status,
    );
  }

  /** A file-level refusal (no header, too many rows…) in words. */
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
    ...page('GET', '/technical-schools/aid-check', officers),
    handler: (request, reply) => render(request, reply),
  });

  app.route({
    ...page('POST', '/technical-schools/aid-check', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      try {
        const part = await readSingleUpload(request, { fileSize: FILE_LIMIT_BYTES });
        if (!part || part.tooLarge || !part.content?.length) {
          const key = part?.tooLarge ? 'too_large' : 'file';
          return render(request, reply, { error: translate(request.locale, `training.aidCheck.errors.${key}`) }, 422);
        }
        const outcome = await checks.run(
          request.user!,
          { name: part.filename.slice(0, 200), content: part.content },
          request.id,
        );
        if (outcome.refused.length) return render(request, reply, { outcome }, 422);
        return reply.redirect(`/technical-schools/aid-check?check=${outcome.checkId}&saved=1`, 303);
      } catch (error) {
        return fileProblem(request, reply, error);
      }
    },
  });

  app.route({
    ...page('GET', '/technical-schools/aid-check/export', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const result = await checks.export(request.user!, queryOf(request), format, locale, request.id);
      return sendTable<FindingRow>(reply, format, {
        fileName: `${translate(locale, 'training.aidCheck.exportFile')}-${(result.check?.createdAt ?? new Date()).toISOString().slice(0, 10)}`,
        sheetName: translate(locale, 'training.aidCheck.exportFile'),
        columns: findingColumns(locale),
        rows: result.findings,
      });
    },
  });
}
