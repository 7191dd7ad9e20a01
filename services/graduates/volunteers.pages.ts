import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { sendTable, type Column } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { type Volunteer, VolunteerInputSchema } from './volunteers.contract.ts';
import type { VolunteersService } from './volunteers.service.ts';

const officers = auth.roles('officer', 'admin');
const params = z.object({ id: z.uuid() });
const TEXTS = {
  fixErrors: 'graduates.fixErrors',
  labelPrefix: 'graduates.volunteers.fields',
  validation: 'graduates.rowProblems',
  refusals: 'graduates.volunteers.refusals',
  fallbackReason: 'illegal',
  explainForbidden: true,
  explainNotFound: true,
} as const;

/** The volunteers list as a download, headed in the reader's language. */
function volunteersTable(locale: string, rows: Volunteer[]) {
  const t = (key: string) => translate(locale, `graduates.volunteers.${key}`);
  const columns: Column<Volunteer>[] = [
    { header: t('fields.displayName'), value: (r) => r.displayName, width: 16 },
    { header: t('fields.username'), value: (r) => r.username, width: 18 },
    { header: t('fields.regionCode'), value: (r) => r.regionCode, width: 14 },
    { header: t('openPairings'), value: (r) => r.openPairings },
    { header: t('state'), value: (r) => t(r.active ? 'active' : 'stopped') },
    { header: t('createdAt'), value: (r) => r.createdAt.slice(0, 10), width: 12 },
  ];
  return { fileName: `${t('file')}-${new Date().toISOString().slice(0, 10)}`, sheetName: t('title'), columns, rows };
}

/** 就业红娘志愿者: the officer's list of their region's volunteers, the form that creates one, stop/allow. */
export async function volunteersPages(
  app: FastifyInstance,
  { volunteers, formOptions }: { volunteers: VolunteersService; formOptions: FormOptionsSource },
) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const locale = request.locale;
    const [items, options] = await Promise.all([
      volunteers.list(request.user!),
      formOptions(request.user!.regionCode ?? '35', locale),
    ]);
    const scope = request.user!.role === 'admin' ? '' : (request.user!.regionCode ?? '');
    const regionName = new Map(options.regions.map((r) => [r.code, r.label]));
    return reply.page(
      'graduates/volunteers',
      {
        title: translate(locale, 'graduates.volunteers.title'),
        items: items.map((v) => ({ ...v, regionName: regionName.get(v.regionCode) ?? v.regionCode })),
        regions: options.regions.filter((r) => r.code.startsWith(scope)),
        created: (request.query as { created?: string }).created === '1',
        form: {},
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/matchmaker/volunteers', officers),
    handler: (request, reply) => render(request, reply),
  });

  app.route({
    ...page('GET', '/matchmaker/volunteers/export', officers),
    handler: async (request, reply) => {
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      return sendTable(reply, format, volunteersTable(request.locale, await volunteers.list(request.user!)));
    },
  });

  app.route({
    ...page('POST', '/matchmaker/volunteers', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const form = Object.fromEntries(
        ['displayName', 'username', 'password', 'regionCode'].map((n) => [n, field(body, n) ?? '']),
      );
      try {
        await volunteers.create(request.user!, parseForm(VolunteerInputSchema, form), request.id);
        return reply.redirect('/matchmaker/volunteers?created=1', 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        const { password: _password, ...kept } = form;
        return render(request, reply, { form: kept, problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/matchmaker/volunteers/:id/state', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = params.parse(request.params);
      const active = field(request.body as FormBody, 'active') === 'true';
      try {
        await volunteers.setActive(request.user!, id, active, request.id);
        return reply.redirect('/matchmaker/volunteers', 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return render(request, reply, { problem }, problem.status);
      }
    },
  });
}
