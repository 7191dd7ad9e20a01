import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormOptionsSource } from '../labourers/index.ts';
import { sendTable, type Column } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { PROVIDER_KINDS } from './courses.contract.ts';
import type { CoursesService } from './courses.service.ts';
import { ProviderAccountInputSchema, ProviderInputSchema, type ProviderView } from './providers.contract.ts';
import type { Providers } from './providers.service.ts';
import { officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const TEXTS = {
  ...TRAINING_TEXTS,
  labelPrefix: 'trainingProviders.fields',
  validation: 'trainingProviders.validation',
  refusals: 'trainingProviders.refusals',
  explainForbidden: true,
  explainNotFound: true,
} as const;

/** The page's form is flat: the provider's fields and its first account's. */
const PageFormSchema = ProviderInputSchema.omit({ account: true }).extend(
  ProviderAccountInputSchema.omit({ displayName: true }).shape,
);
const FORM_FIELDS = ['name', 'kind', 'regionCode', 'contactName', 'contactPhone', 'username', 'password'] as const;

/** The API names the account's fields `account.username`…; the page's fields are `username`…. */
const flat = (error: unknown) =>
  error instanceof ValidationError
    ? new ValidationError(
        error.message,
        error.issues.map((i) => ({ ...i, field: i.field.replace(/^account\./, '') })),
      )
    : error;

/** The providers list as a download, headed in the reader's language. */
function providersTable(locale: string, rows: ProviderView[]) {
  const t = (key: string) => translate(locale, `trainingProviders.${key}`);
  const columns: Column<ProviderView>[] = [
    { header: t('fields.name'), value: (r) => r.name, width: 28 },
    { header: t('fields.kind'), value: (r) => translate(locale, `training.providerKinds.${r.kind}`), width: 16 },
    { header: t('fields.regionCode'), value: (r) => r.regionName, width: 16 },
    { header: t('fields.contactName'), value: (r) => r.contactName, width: 12 },
    { header: t('fields.contactPhone'), value: (r) => r.contactPhone, width: 16 },
    { header: t('accounts'), value: (r) => r.accounts.join(' '), width: 24 },
    { header: t('courses'), value: (r) => r.courses },
    { header: t('createdAt'), value: (r) => r.createdAt.slice(0, 10), width: 12 },
  ];
  return { fileName: `${t('file')}-${new Date().toISOString().slice(0, 10)}`, sheetName: t('title'), columns, rows };
}

/**
 * 培训机构账号 (issue 19): the officers' list of their region's training providers with the form that
 * records one and opens its account; the provider account's home with its courses.
 */
export async function providersPages(
  app: FastifyInstance,
  opts: { providers: Providers; courses: CoursesService; formOptions: FormOptionsSource },
) {
  const { providers, courses, formOptions } = opts;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const locale = request.locale;
    const [items, options] = await Promise.all([
      providers.list(request.user!, locale),
      formOptions(request.user!.regionCode ?? '35', locale),
    ]);
    const scope = request.user!.role === 'admin' ? '' : (request.user!.regionCode ?? '');
    return reply.page(
      'training/providers',
      {
        title: translate(locale, 'trainingProviders.title'),
        items,
        kinds: PROVIDER_KINDS.map((value) => ({ value, label: translate(locale, `training.providerKinds.${value}`) })),
        regions: options.regions.filter((r) => r.code.startsWith(scope) && r.code.length >= 6),
        created: (request.query as { created?: string }).created === '1',
        form: { kind: 'public_centre' },
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/training/providers', officers),
    handler: (request, reply) => render(request, reply),
  });

  app.route({
    ...page('GET', '/training/providers/export', officers),
    handler: async (request, reply) => {
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const rows = await providers.list(request.user!, request.locale);
      return sendTable(reply, format, providersTable(request.locale, rows));
    },
  });

  app.route({
    ...page('POST', '/training/providers', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const form = Object.fromEntries(FORM_FIELDS.map((name) => [name, field(body, name) ?? '']));
      try {
        const { username, password, ...provider } = parseForm(PageFormSchema, form);
        await providers.create(request.user!, { ...provider, account: { username, password } }, request.id);
        return reply.redirect('/training/providers?created=1', 303);
      } catch (error) {
        const problem = pageProblem(request.locale, flat(error), TEXTS);
        const { password: _password, ...kept } = form;
        return render(request, reply, { form: kept, problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('GET', '/provider', auth.roles('training_provider')),
    handler: async (request, reply) => {
      const provider = await providers.own(request.user!, request.locale);
      const items = await courses.list(request.user!);
      return reply.page('training/provider-home', {
        title: translate(request.locale, 'trainingProviders.home.title'),
        provider,
        items,
      });
    },
  });
}
