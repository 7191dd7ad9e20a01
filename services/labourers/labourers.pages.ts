import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { FormOptionsSource } from './form-options.ts';
import { fieldErrors, zodIssues } from '../platform/http/form-errors.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { formToInput, keepDetails } from './labourer-form.ts';
import {
  LabourerCreateSchema,
  PROFILE_FIELDS,
  LabourerListQuerySchema,
  LabourerPatchSchema,
  EDUCATION_LEVELS,
  EMPLOYMENT_STATUSES,
  MOBILITIES,
  PENSION_KINDS,
} from './labourers.contract.ts';
import { labourerColumns } from './labourers.export.ts';
import { type LabourersService } from './labourers.service.ts';
import { scopePrefix } from '../platform/access/scope.ts';

type Body = Record<string, string | string[] | undefined>;

// Sex and birth date come from the ID number; work history has no form yet.
const OFFICER_FIELDS = [
  ...PROFILE_FIELDS.filter((field) => field !== 'sex' && field !== 'birthDate' && field !== 'workHistory'),
  'statusNote',
] as const;
const WISH_FIELDS = [
  'phone',
  'wantsJob',
  'mobility',
  'desiredOccupations',
  'expectedWage',
  'needsAccommodation',
  'availableFrom',
  'trainingWishes',
  'consentContact',
  'consentShowEmployer',
  'skills',
] as const;

const RegisterSchema = z.object({
  name: z.string().trim().min(1),
  idNumber: z.string().trim().min(1),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/),
  password: z.string().min(8).max(128),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  desiredOccupations: z.array(z.string()).max(3),
  mobility: z.enum(MOBILITIES),
  expectedWage: z.number().int().min(0).max(100_000).nullable(),
  needsAccommodation: z.boolean(),
});

const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));

export async function labourersPages(
  app: FastifyInstance,
  opts: { labourers: LabourersService; formOptions: FormOptionsSource },
) {
  const { labourers } = opts;
  const { formOptions } = opts;
  const officer = auth.roles('officer', 'admin');

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    data: Record<string, unknown>,
    status = 200,
  ) {
    const locale = request.locale;
    // Job seekers choose from the whole province; officers from their own region.
    const scope = !request.user || request.user.role === 'labourer' ? '35' : scopePrefix(request.user);
    return reply.page(
      template,
      {
        ...data,
        options: await formOptions(scope, locale),
        statuses: choices(locale, 'employmentStatus', EMPLOYMENT_STATUSES),
        mobilities: choices(locale, 'mobility', MOBILITIES),
        educationLevels: choices(locale, 'education', EDUCATION_LEVELS),
        pensionKinds: choices(locale, 'pension', PENSION_KINDS),
      },
      status,
    );
  }

  /** Runs a form submission: domain and zod problems re-render the form with 422 and field errors. */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    template: string,
    form: Record<string, unknown>,
    action: () => Promise<string>,
    extra: Record<string, unknown> = {},
    duplicateIdMessage = 'validation.duplicate_id',
  ) {
    try {
      return reply.redirect(await action(), 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        return renderForm(
          request,
          reply,
          template,
          { ...extra, form, errors: fieldErrors(request.locale, error.issues, { labelPrefix: 'labourers.fields' }) },
          422,
        );
      }
      if (error instanceof ConflictError) {
        const field = (error.details as { field?: string } | undefined)?.field ?? 'idNumber';
        const errors = {
          [field]: translate(request.locale, field === 'username' ? 'validation.phone_taken' : duplicateIdMessage),
        };
        return renderForm(request, reply, template, { ...extra, form, errors }, 409);
      }
      throw error;
    }
  }

  const parse = <T>(schema: z.ZodType<T>, input: unknown): T => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new ValidationError('The form is not valid', zodIssues(parsed.error, input));
    return parsed.data;
  };

  // ── officers ──
  app.route({
    ...page('GET', '/labourers', officer, { personalData: true }),
    handler: async (request, reply) => {
      const { query, shown, problems } = readPageQuery(LabourerListQuerySchema, request.query, request.locale, {
        labelPrefix: 'labourers.fields',
        labels: { regionCode: 'labourers.fields.region', status: 'labourers.fields.employmentStatus' },
      });
      const result = await labourers.list(request.user!, query);
      const pages = Math.max(1, Math.ceil(result.total / query.pageSize));
      const filters = new URLSearchParams(
        Object.entries(request.query as Record<string, string>).filter(
          ([key, value]) => value && key !== 'page' && key !== 'cursor' && key !== 'lang',
        ),
      );
      return renderForm(request, reply, 'labourers/list', {
        title: translate(request.locale, 'labourers.listTitle'),
        query: shown,
        items: result.items,
        total: result.total,
        page: query.page,
        pages,
        prev: query.page > 1 ? `?${new URLSearchParams([...filters, ['page', String(query.page - 1)]])}` : null,
        // The next page by keyset (fast however deep); the page number is only shown.
        next: result.nextCursor
          ? `?${new URLSearchParams([...filters, ['page', String(query.page + 1)], ['cursor', result.nextCursor]])}`
          : null,
        exportQuery: filters.toString(),
        problems,
        erased: (request.query as { erased?: string }).erased === '1',
      });
    },
  });

  app.route({
    ...page('GET', '/labourers/export', officer, { personalData: true }),
    handler: async (request, reply) => {
      const { page: _page, pageSize: _size, ...query } = LabourerListQuerySchema.parse(request.query);
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const phones = (request.query as { phones?: string }).phones === 'clear' ? 'clear' : 'masked';
      const { ref, pages } = await labourers.exportRows(request.user!, query, format, request.id, phones);
      return sendTable(reply, format, {
        fileName: `${translate(request.locale, 'labourers.exportFile')}-${new Date().toISOString().slice(0, 10)}`,
        sheetName: translate(request.locale, 'labourers.listTitle'),
        columns: labourerColumns(request.locale, ref),
        rows: pages,
      });
    },
  });

  app.route({
    ...page('GET', '/labourers/new', officer),
    handler: (request, reply) =>
      renderForm(request, reply, 'labourers/form', {
        title: translate(request.locale, 'labourers.newTitle'),
        action: '/labourers',
        creating: true,
        form: {
          wantsJob: true,
          consentContact: true,
          consentShowEmployer: true,
          mobility: 'county',
          employmentStatus: 'unemployed',
          regionCode: request.user!.regionCode,
        },
      }),
  });

  app.route({
    ...page('POST', '/labourers', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const form = formToInput(
        request.body as Body,
        OFFICER_FIELDS.filter((f) => f !== 'statusNote'),
      );
      return submit(
        request,
        reply,
        'labourers/form',
        form,
        async () => {
          const created = await labourers.create(request.user!, parse(LabourerCreateSchema, form));
          return `/labourers/${created.id}`;
        },
        { title: translate(request.locale, 'labourers.newTitle'), action: '/labourers', creating: true },
      );
    },
  });

  app.route({
    ...page('GET', '/labourers/:id', officer),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const profile = await labourers.get(request.user!, z.uuid().parse(id));
      const history = await labourers.statusHistory(request.user!, id);
      return reply.page('labourers/profile', { title: profile.name, profile, history });
    },
  });

  app.route({
    ...page('POST', '/labourers/:id/id-number', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const revealed = await labourers.revealIdNumber(request.user!, z.uuid().parse(id), request.id);
      const profile = await labourers.get(request.user!, id);
      const history = await labourers.statusHistory(request.user!, id);
      return reply
        .header('cache-control', 'no-store')
        .page('labourers/profile', { title: profile.name, profile, history, revealed });
    },
  });

  // A reveal page's address opened again (a new tab, a bookmark, the browser's history) shows the
  // profile, masked: revealing again takes the button, so every reading stays audited.
  for (const revealed of ['id-number', 'phone'] as const) {
    app.route({
      ...page('GET', `/labourers/:id/${revealed}`, officer),
      handler: async (request, reply) => {
        const { id } = request.params as { id: string };
        return reply.redirect(`/labourers/${z.uuid().parse(id)}`, 303);
      },
    });
  }

  app.route({
    ...page('POST', '/labourers/:id/phone', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const revealedPhone = await labourers.revealPhone(request.user!, z.uuid().parse(id), request.id);
      const profile = await labourers.get(request.user!, id);
      const history = await labourers.statusHistory(request.user!, id);
      return reply
        .header('cache-control', 'no-store')
        .page('labourers/profile', { title: profile.name, profile, history, revealedPhone });
    },
  });

  app.route({
    ...page('POST', '/labourers/:id/erase', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const reason = String((request.body as Body).reason ?? '').trim();
      if (reason.length < 2) {
        const profile = await labourers.get(request.user!, z.uuid().parse(id));
        const history = await labourers.statusHistory(request.user!, id);
        return reply.page(
          'labourers/profile',
          {
            title: profile.name,
            profile,
            history,
            eraseError: translate(request.locale, 'validation.reason_required'),
          },
          422,
        );
      }
      await labourers.erase(request.user!, z.uuid().parse(id), reason, request.id);
      return reply.redirect('/labourers?erased=1', 303);
    },
  });

  app.route({
    ...page('GET', '/labourers/:id/edit', officer),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const profile = await labourers.get(request.user!, z.uuid().parse(id));
      return renderForm(request, reply, 'labourers/form', {
        title: translate(request.locale, 'labourers.editTitle', { name: profile.name }),
        action: `/labourers/${id}`,
        profile,
        form: {
          ...profile,
          phone: profile.phoneMasked,
          skills: profile.skills.map((s) => s.code),
          certificates: profile.certificates.map((c) => c.kind),
        },
      });
    },
  });

  app.route({
    ...page('POST', '/labourers/:id', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const labourerId = z.uuid().parse(id);
      const form = formToInput(
        request.body as Body,
        OFFICER_FIELDS.filter((f) => f !== 'idNumber' || (request.body as Body).idNumber),
      );
      const profile = await labourers.get(request.user!, labourerId);
      return submit(
        request,
        reply,
        'labourers/form',
        { ...form, idNumberMasked: profile.idNumberMasked, phone: 'phone' in form ? form.phone : profile.phoneMasked },
        async () => {
          await labourers.update(request.user!, labourerId, parse(LabourerPatchSchema, keepDetails(form, profile)));
          return `/labourers/${labourerId}`;
        },
        {
          title: translate(request.locale, 'labourers.editTitle', { name: profile.name }),
          action: `/labourers/${labourerId}`,
          profile,
        },
      );
    },
  });

  // ── labourers themselves ──
  app.route({
    ...page('GET', '/register', auth.public),
    handler: (request, reply) =>
      request.user
        ? reply.redirect('/', 303)
        : renderForm(request, reply, 'labourers/register', {
            title: translate(request.locale, 'register.title'),
            form: { mobility: 'county' },
          }),
  });

  app.route({
    ...page('POST', '/register', auth.public),
    config: { auth: auth.public, rateLimit: { max: 10, timeWindow: '10 minutes' } },
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as Body;
      const form = {
        ...formToInput(body, [
          'name',
          'idNumber',
          'phone',
          'regionCode',
          'desiredOccupations',
          'mobility',
          'expectedWage',
          'needsAccommodation',
        ]),
        password: String(body.password ?? ''),
      };
      return submit(
        request,
        reply,
        'labourers/register',
        { ...form, password: '' },
        async () => {
          const input = parse(RegisterSchema, form);
          const { userId } = await labourers.registerSelf(input);
          await request.signIn(userId);
          return '/me?welcome=1';
        },
        { title: translate(request.locale, 'register.title') },
        'validation.contact_office',
      );
    },
  });

  app.route({
    ...page('GET', '/me', auth.roles('labourer')),
    handler: async (request, reply) => {
      if (!request.user!.labourerId) return reply.redirect('/register', 303);
      const profile = await labourers.mine(request.user!);
      return renderForm(request, reply, 'labourers/me', {
        title: translate(request.locale, 'me.title'),
        profile,
        form: { ...profile, phone: profile.phoneMasked, skills: profile.skills.map((s) => s.code) },
        welcome: (request.query as { welcome?: string }).welcome === '1',
        saved: (request.query as { saved?: string }).saved === '1',
      });
    },
  });

  app.route({
    ...page('POST', '/me', auth.roles('labourer')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const profile = await labourers.mine(request.user!);
      const form = formToInput(request.body as Body, WISH_FIELDS);
      return submit(
        request,
        reply,
        'labourers/me',
        { ...form, phone: 'phone' in form ? form.phone : profile.phoneMasked },
        async () => {
          await labourers.update(request.user!, profile.id, parse(LabourerPatchSchema, keepDetails(form, profile)));
          return '/me?saved=1';
        },
        { title: translate(request.locale, 'me.title'), profile },
      );
    },
  });
}
