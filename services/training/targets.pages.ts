import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormOptionsSource } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { TARGET_KINDS } from './skills-figures.ts';
import { TargetInputSchema, TargetsQuerySchema, type TargetsQuery, type TargetView } from './targets.contract.ts';
import type { Targets } from './targets.service.ts';
import { idOf, officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const TEXTS = { ...TRAINING_TEXTS, labelPrefix: 'training.targets.fields' } as const;
const FORM_FIELDS = ['regionCode', 'year', 'kind', 'value'] as const;

interface Problem {
  message: string;
  fields: Record<string, string>;
  form?: Record<string, string>;
}

/** The page's query; a bad one is read as "not given" (the form shows the officer's own region, this year). */
const queryOf = (request: FastifyRequest): TargetsQuery => {
  const parsed = TargetsQuerySchema.safeParse(request.query);
  return parsed.success ? parsed.data : {};
};

/** The targets page: a region's progress against its yearly targets (chart and table), the rows set, the form. */
export async function targetsPages(app: FastifyInstance, opts: { targets: Targets; formOptions: FormOptionsSource }) {
  const { targets, formOptions } = opts;

  /** Regions an officer may choose: the province (admins, province officers), cities and counties of the scope. */
  async function regionChoices(request: FastifyRequest) {
    const scope = scopePrefix(request.user!);
    const options = await formOptions(scope || '35', request.locale);
    const province =
      scope.length <= 2 ? [{ code: '35', label: translate(request.locale, 'training.targets.province') }] : [];
    return {
      choices: [...province, ...options.cities.filter((c) => c.code.startsWith(scope))],
      groups: options.countyGroups
        .map((g) => ({ ...g, options: g.options.filter((c) => c.code.startsWith(scope)) }))
        .filter((g) => g.options.length > 0),
    };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: Problem, status = 200) {
    const locale = request.locale;
    const t = (key: string, params?: Record<string, unknown>) => translate(locale, `training.targets.${key}`, params);
    const view = await targets.list(request.user!, queryOf(request), locale);
    const progress = view.progress.map((p) => ({ ...p, label: t(`kinds.${p.kind}`) }));
    const query = new URLSearchParams({ year: String(view.year), regionCode: view.regionCode }).toString();
    const saved = (request.query as { saved?: string }).saved;
    return reply.page(
      'training/targets',
      {
        title: t('title'),
        view,
        progress,
        items: view.items.map((i) => ({ ...i, kindText: t(`kinds.${i.kind}`) })),
        regions: await regionChoices(request),
        kinds: TARGET_KINDS.map((code) => ({ code, label: t(`kinds.${code}`) })),
        exportQuery: query,
        chart: JSON.stringify({
          labels: progress.map((p) => p.label),
          series: [
            { name: t('target'), data: progress.map((p) => p.target ?? 0) },
            { name: t('done'), data: progress.map((p) => p.done) },
          ],
        }).replace(/</g, '\\u003c'),
        problem,
        form: problem?.form ?? { regionCode: view.regionCode, year: String(view.year) },
        saved: saved === '1',
        removed: saved === 'removed',
      },
      status,
    );
  }

  app.route({ ...page('GET', '/training/targets', officers), handler: (request, reply) => render(request, reply) });

  app.route({
    ...page('GET', '/training/targets/export', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const view = await targets.list(request.user!, queryOf(request), locale);
      const t = (key: string) => translate(locale, `training.targets.${key}`);
      return sendTable<TargetView>(reply, format, {
        fileName: `${t('exportFile')}-${view.regionCode}-${view.year}`,
        sheetName: t('title'),
        columns: [
          { header: t('fields.regionCode'), value: (r) => r.regionCode, width: 10 },
          { header: t('region'), value: (r) => r.regionName, width: 24 },
          { header: t('fields.year'), value: (r) => r.year },
          { header: t('fields.kind'), value: (r) => t(`kinds.${r.kind}`), width: 28 },
          { header: t('fields.value'), value: (r) => r.value, width: 12 },
          { header: t('updatedAt'), value: (r) => r.updatedAt.slice(0, 10), width: 12 },
        ],
        rows: view.items,
      });
    },
  });

  app.route({
    ...page('POST', '/training/targets', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const form = Object.fromEntries(FORM_FIELDS.map((name) => [name, field(body, name)?.trim() ?? '']));
      try {
        const input = parseForm(TargetInputSchema, form);
        await targets.set(request.user!, input, request.id, request.locale);
        const query = new URLSearchParams({ year: String(input.year), regionCode: input.regionCode, saved: '1' });
        return reply.redirect(`/training/targets?${query}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return render(request, reply, { message: problem.message, fields: problem.fields, form }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/training/targets/:id/delete', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const removed = await targets.remove(request.user!, idOf(request), request.id, request.locale);
      const query = new URLSearchParams({ year: String(removed.year), saved: 'removed' });
      return reply.redirect(`/training/targets?${query}`, 303);
    },
  });
}
