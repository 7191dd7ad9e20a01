import type { FormOptionsSource } from '../labourers/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { UPLOAD_LIMIT_BYTES } from '../imports/index.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { issueMessage } from '../platform/http/form-errors.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { readSingleUpload } from '../platform/http/upload.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import type { GraduateImport } from './graduate-import.service.ts';
import type { GraduateSubsidy } from './graduate-subsidy.ts';
import {
  AssignInputSchema,
  END_REASONS,
  EndInputSchema,
  GRADUATE_STATUSES,
  GraduateInputSchema,
  GraduateListQuerySchema,
  ImportQuerySchema,
  SCHOOL_KINDS,
  StatusPatchSchema,
  WISHES,
} from './graduates.contract.ts';
import { graduatesTable } from './graduates.export.ts';
import { figuresModel, listLinks } from './graduates.view-model.ts';
import type { GraduatesService } from './graduates.service.ts';
import type { PairingsService } from './pairings.service.ts';

const officers = auth.roles('officer', 'admin');
export const TEXTS = {
  fixErrors: 'graduates.fixErrors',
  labelPrefix: 'graduates.fields',
  validation: 'graduates.rowProblems',
  refusals: 'graduates.refusals',
  fallbackReason: 'illegal',
  explainNotFound: true,
} as const;
const params = z.object({ id: z.uuid() });
const claimQuery = z.object({ claim: z.uuid() });

export const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `graduates.${prefix}.${value}`) }));

interface Deps {
  /** Labourers' form choices: the regions the officer may filter by. */
  formOptions: FormOptionsSource;
  graduates: GraduatesService;
  imports: GraduateImport;
  pairings: PairingsService;
  subsidy: GraduateSubsidy;
}

/** The officers' pages: the list with figures and download, the import and register forms, a graduate. */
export async function graduatesPages(app: FastifyInstance, deps: Deps) {
  const { graduates } = deps;

  app.route({
    ...page('GET', '/graduates', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const { query, shown, problems } = readPageQuery(GraduateListQuerySchema, request.query, locale, {
        labelPrefix: 'graduates.fields',
      });
      const [result, figures, options] = await Promise.all([
        graduates.list(request.user!, query),
        graduates.figures(request.user!, query.year),
        deps.formOptions(request.user!.regionCode ?? '35', locale),
      ]);
      const paired = (request.query as { paired_all?: string }).paired_all;
      return reply.page('graduates/list', {
        title: translate(locale, 'graduates.title'),
        regions: options.regions,
        query: shown,
        problems,
        result,
        ...listLinks(request.query as Record<string, string>, query.page, result.total, query.pageSize),
        figures: figuresModel(locale, figures),
        statuses: choices(locale, 'status', GRADUATE_STATUSES),
        schoolKinds: choices(locale, 'schoolKind', SCHOOL_KINDS),
        pairedAllShown: paired !== undefined,
        pairedAll: Number(paired ?? 0),
      });
    },
  });

  app.route({
    ...page('GET', '/graduates/export', officers),
    handler: async (request, reply) => {
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const {
        page: _p,
        pageSize: _s,
        ...filter
      } = readPageQuery(GraduateListQuerySchema, request.query, request.locale).query;
      const rows = graduates.exportPages(request.user!, filter, request.id);
      return sendTable(reply, format, graduatesTable(request.locale, rows));
    },
  });

  app.route({
    ...page('POST', '/graduates/pair-all', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const result = await deps.pairings.pairAll(request.user!, undefined, request.id);
      return reply.redirect(`/graduates?paired_all=${result.paired}`, 303);
    },
  });

  importPages(app, deps);
  graduatePage(app, deps);
}

/** The import (school list upload) and the officer's form for one graduate. */
function importPages(app: FastifyInstance, { graduates, imports, formOptions }: Deps) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    data: Record<string, unknown> = {},
    status = 200,
  ) {
    const locale = request.locale;
    const { occupationGroups } = await formOptions(request.user!.regionCode ?? '35', locale);
    return reply.page(
      'graduates/import',
      {
        title: translate(locale, 'graduates.importTitle'),
        occupationGroups,
        schoolKinds: choices(locale, 'schoolKind', SCHOOL_KINDS),
        wishes: choices(locale, 'wish', WISHES),
        statuses: choices(locale, 'status', GRADUATE_STATUSES),
        form: {},
        ...data,
      },
      status,
    );
  }

  app.route({ ...page('GET', '/graduates/import', officers), handler: (request, reply) => render(request, reply) });

  app.route({
    ...page('POST', '/graduates/import', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const t = (key: string) => translate(request.locale, `graduates.importErrors.${key}`);
      const part = await readSingleUpload(request, { fileSize: UPLOAD_LIMIT_BYTES });
      if (!part || part.tooLarge || !part.content?.length)
        return render(request, reply, { errors: { file: t(part?.tooLarge ? 'too_large' : 'file') } }, 422);
      const mode = ImportQuerySchema.safeParse({ mode: part.fields.mode || undefined });
      try {
        const report = await imports.importFile(
          request.user!,
          { name: part.filename.slice(0, 200), content: part.content },
          mode.success ? mode.data.mode : 'per_row',
          request.id,
        );
        const shown = {
          ...report,
          refused: report.refused.map((r) => ({
            row: r.row,
            messages: r.problems.map((issue) =>
              issueMessage(request.locale, issue, { labelPrefix: TEXTS.labelPrefix, namespaces: [TEXTS.validation] }),
            ),
          })),
        };
        return render(request, reply, { report: shown }, report.refused.length ? 422 : 200);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const code = error.issues[0]?.code;
        const text = code ? translate(request.locale, `graduates.importErrors.${code}`) : error.message;
        return render(request, reply, { errors: { file: text.startsWith('graduates.') ? error.message : text } }, 422);
      }
    },
  });

  app.route({
    ...page('POST', '/graduates/new', officers, { personalData: true }),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const names = [
        'idNumber',
        'schoolName',
        'schoolKind',
        'major',
        'graduationYear',
        'leftSchoolOn',
        'wish',
        'status',
      ];
      const form = Object.fromEntries(names.map((n) => [n, field(body, n) ?? '']));
      const occupations = (field(body, 'occupations') ?? '').split(/[、,，\s]+/).filter(Boolean);
      try {
        const input = parseForm(GraduateInputSchema, { ...form, occupations });
        const created = await graduates.register(request.user!, input, request.id);
        return reply.redirect(`/graduates/${created.id}?registered=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const { idNumber: _id, ...kept } = form;
        return render(request, reply, { form: kept, errors: problem.fields, message: problem.message }, problem.status);
      }
    },
  });
}

/** One graduate: status with history, the status form, the pairing with its assign and end forms. */
function graduatePage(app: FastifyInstance, { graduates, pairings, subsidy }: Deps) {
  async function render(request: FastifyRequest, reply: FastifyReply, id: string, extra = {}, status = 200) {
    const locale = request.locale;
    const [graduate, pairing, matchmakers] = await Promise.all([
      graduates.get(request.user!, id),
      pairings.ofGraduate(request.user!, id),
      pairings.matchmakers(request.user!),
    ]);
    return reply.page(
      'graduates/detail',
      {
        title: translate(locale, 'graduates.detailTitle'),
        graduate,
        pairing,
        open: pairing && !pairing.endedAt ? pairing : null,
        matchmakers: matchmakers
          .filter((m) => m.regionCode && graduate.regionCode.startsWith(m.regionCode))
          .map((m) => ({
            value: m.id,
            label: m.role === 'volunteer' ? `${m.name}（${translate(locale, 'roles.volunteer')}）` : m.name,
          })),
        statuses: choices(locale, 'status', GRADUATE_STATUSES).filter((s) => s.value !== graduate.status),
        endReasons: choices(locale, 'endReason', END_REASONS),
        registered: (request.query as { registered?: string }).registered === '1',
        subsidyClaim: claimQuery.safeParse(request.query).data?.claim ?? null,
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/graduates/:id', officers),
    handler: (request, reply) => render(request, reply, params.parse(request.params).id),
  });

  const post = (url: string, act: (request: FastifyRequest, id: string, body: FormBody) => Promise<unknown>) =>
    app.route({
      ...page('POST', url, officers),
      preValidation: app.csrfProtection,
      handler: async (request, reply) => {
        const { id } = params.parse(request.params);
        try {
          await act(request, id, request.body as FormBody);
          return reply.redirect(`/graduates/${id}`, 303);
        } catch (error) {
          const problem = pageProblem(request.locale, error, TEXTS);
          return render(request, reply, id, { problem }, problem.status);
        }
      },
    });

  // 申请求职创业补贴: the claim engine decides; a refusal is shown as the failed checks, each in words.
  app.route({
    ...page('POST', '/graduates/:id/subsidy', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = params.parse(request.params);
      try {
        const claim = await subsidy.apply(request.user!, id, request.id);
        return reply.redirect(`/graduates/${id}?claim=${claim.claimId}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const failed = ((error as { details?: { failed?: string[] } }).details?.failed ?? []).map((rule) =>
          translate(request.locale, `graduates.subsidy.checks.${rule}`),
        );
        return render(request, reply, id, { subsidyProblem: { message: problem.message, failed } }, problem.status);
      }
    },
  });

  post('/graduates/:id/status', (request, id, body) =>
    graduates.patchStatus(
      request.user!,
      id,
      parseForm(StatusPatchSchema, { status: field(body, 'status'), on: field(body, 'on'), note: field(body, 'note') }),
      request.id,
    ),
  );
  post('/graduates/:id/pairing', (request, id, body) =>
    pairings.assign(
      request.user!,
      id,
      parseForm(AssignInputSchema, { matchmakerId: field(body, 'matchmakerId') }).matchmakerId,
      request.id,
    ),
  );
  post('/graduates/:id/pairing/end', (request, id, body) =>
    pairings.end(
      request.user!,
      id,
      parseForm(EndInputSchema, { reason: field(body, 'reason'), note: field(body, 'note') }),
      request.id,
    ),
  );
}
