import type { FormOptionsSource } from '../labourers/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm, type PageProblem } from '../platform/http/page-forms.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { SubsidyClaimStatus } from '../platform/database/generated/enums.ts';
import type { ClaimEngine } from './claim-engine.ts';
import { ClaimListQuerySchema, SettingInputSchema, TransitionInputSchema } from './claims.contract.ts';
import { claimsTable } from './claims.export.ts';
import { budgetView, claimView, programmeView } from './claims.view-model.ts';
import { CERTIFICATE_LEVELS } from './certificate-levels.ts';
import { issueMessage } from '../platform/http/form-errors.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';

const officers = auth.roles('officer', 'admin');
const TEXTS = {
  fixErrors: 'claims.fixErrors',
  refusals: 'claims.reasons',
  fallbackReason: 'not_eligible',
  labelPrefix: 'claims.fields',
};
const idParam = z.object({ id: z.uuid() });
const codeParam = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{2,40}$/) });
const format = (query: unknown) => ((query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv');
const filterQuery = (q: Record<string, unknown>) =>
  Object.entries(q)
    .filter(([k, v]) => v !== undefined && v !== '' && k !== 'page' && k !== 'pageSize')
    .map(([k, v]) => `&${k}=${encodeURIComponent(String(v))}`)
    .join('');

/** Each level's problem (`levelAmounts.senior` → senior), worded for the input beside it. */
function levelErrors(locale: string, error: unknown): Record<string, string> {
  if (!(error instanceof ValidationError)) return {};
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [head, level] = issue.field.split('.');
    if (head === 'levelAmounts' && level)
      errors[level] ??= issueMessage(
        locale,
        { ...issue, field: 'levelAmount' },
        { labels: { levelAmount: `claims.levels.${level}` } },
      );
  }
  return errors;
}

/** Programmes with their regional rules and the form to set a region's, and budgets against spend. */
async function programmePages(app: FastifyInstance, { programmes }: ClaimEngine) {
  async function renderProgrammes(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      problem?: PageProblem & { code: string; levelErrors?: Record<string, string> };
      saved?: boolean;
      sent?: Record<string, unknown>;
    } = {},
  ) {
    const list = await programmes.list(request.user!);
    const regionCode = request.user!.regionCode?.slice(0, 6) || '35';
    return reply.page(
      'subsidies/programmes',
      {
        title: translate(request.locale, 'claims.programmesTitle'),
        programmes: list.map((p) =>
          programmeView(request.locale, p, extra.problem?.code === p.code ? extra.problem : undefined, {
            regionCode,
            ...(extra.sent ? { sent: extra.sent } : {}),
          }),
        ),
        saved: extra.saved,
      },
      extra.problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/subsidies/programmes', officers),
    handler: (request, reply) =>
      renderProgrammes(request, reply, { saved: (request.query as { saved?: string }).saved === '1' }),
  });

  app.route({
    ...page('POST', '/subsidies/programmes/:code/settings', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { code } = codeParam.parse(request.params);
      const body = request.body as FormBody;
      const names = ['regionCode', 'amount', 'cap', 'qualifyingMonths', 'bonus', 'periodFrom', 'periodTo', 'budget'];
      const levelNames = CERTIFICATE_LEVELS.map((l) => `level_${l}`);
      const sent = Object.fromEntries([...names, ...levelNames, 'active'].map((k) => [k, field(body, k)]));
      try {
        // Amounts per level only from the programme's own inputs: other programmes' forms have none.
        const levels = Object.fromEntries(
          CERTIFICATE_LEVELS.map((l) => [l, sent[`level_${l}`]]).filter(([, v]) => v !== undefined),
        );
        const input = parseForm(SettingInputSchema, {
          ...Object.fromEntries(names.map((k) => [k, sent[k]])),
          ...(Object.keys(levels).length ? { levelAmounts: levels } : {}),
        });
        await programmes.setSetting(
          request.user!,
          code,
          { ...input, active: field(body, 'active') === 'on' },
          request.id,
        );
        return reply.redirect(`/subsidies/programmes?saved=1#programme-${code}`, 303);
      } catch (error) {
        return renderProgrammes(request, reply, {
          problem: {
            ...pageProblem(request.locale, error, TEXTS),
            code,
            levelErrors: levelErrors(request.locale, error),
          },
          sent,
        });
      }
    },
  });

  app.route({
    ...page('GET', '/subsidies/budgets', officers),
    handler: async (request, reply) => {
      const rows = await programmes.budgets(request.user!);
      return reply.page('subsidies/budgets', {
        title: translate(request.locale, 'claims.budgetsTitle'),
        ...budgetView(request.locale, rows),
      });
    },
  });
}

/** The officer's pages: programmes and their regional rules, claims with filters, a claim's steps, budgets. */
export async function claimsPages(app: FastifyInstance, opts: { engine: ClaimEngine; formOptions: FormOptionsSource }) {
  const { programmes, claims } = opts.engine;
  await programmePages(app, opts.engine);

  app.route({
    ...page('GET', '/subsidies/claims', officers),
    handler: async (request, reply) => {
      const { query, shown, problems } = readPageQuery(ClaimListQuerySchema, request.query ?? {}, request.locale, {
        labelPrefix: 'claims.fields',
      });
      const list = await claims.list(request.user!, query);
      const all = await programmes.list(request.user!);
      const { regions } = await opts.formOptions(request.user!.regionCode ?? '35', request.locale);
      const filters = filterQuery({ ...query });
      return reply.page('subsidies/claims', {
        title: translate(request.locale, 'claims.title'),
        regions,
        items: list.items.map((c) => claimView(request.locale, c)),
        total: list.total,
        shown,
        problems,
        programmes: all.map((p) => ({
          code: p.code,
          name: request.locale === 'en' ? p.nameEn : p.name,
          selected: p.code === query.programme,
        })),
        statuses: Object.values(SubsidyClaimStatus).map((s) => ({ value: s, selected: s === query.status })),
        exportQuery: filters,
        next: list.page * list.pageSize < list.total ? `/subsidies/claims?page=${list.page + 1}${filters}` : null,
      });
    },
  });

  app.route({
    ...page('GET', '/subsidies/claims/export', officers),
    handler: async (request, reply) => {
      const { page: _p, pageSize: _s, ...query } = ClaimListQuerySchema.parse(request.query ?? {});
      const rows = await claims.export(request.user!, query, format(request.query), request.id);
      return sendTable(reply, format(request.query), claimsTable(request.locale, rows));
    },
  });

  async function renderClaim(request: FastifyRequest, reply: FastifyReply, id: string, problem?: PageProblem) {
    const claim = await claims.get(request.user!, id);
    return reply.page(
      'subsidies/claim',
      {
        title: translate(request.locale, 'claims.detailTitle'),
        claim: claimView(request.locale, claim),
        problem,
        moved: (request.query as { moved?: string }).moved === '1',
      },
      problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/subsidies/claims/:id', officers),
    handler: (request, reply) => renderClaim(request, reply, idParam.parse(request.params).id),
  });

  app.route({
    ...page('POST', '/subsidies/claims/:id/transitions', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = idParam.parse(request.params);
      const body = request.body as FormBody;
      try {
        const input = parseForm(TransitionInputSchema, {
          action: field(body, 'action'),
          ...Object.fromEntries(
            ['note', 'reason', 'paidAmount', 'paidOn', 'reference']
              .map((k) => [k, field(body, k)])
              .filter(([, v]) => v !== undefined),
          ),
        });
        await claims.transition(request.user!, id, input, request.id);
        return reply.redirect(`/subsidies/claims/${id}?moved=1`, 303);
      } catch (error) {
        return renderClaim(request, reply, id, pageProblem(request.locale, error, TEXTS));
      }
    },
  });
}
