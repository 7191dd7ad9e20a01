import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { FormOptionsSource } from './form-options.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { formToInput, keepDetails } from './labourer-form.ts';
import { parseForm as parse } from '../platform/http/page-forms.ts';
import { type Body, createProfileForm } from './profile-form.ts';
import {
  LabourerCreateSchema,
  PROFILE_FIELDS,
  LabourerListQuerySchema,
  LabourerPatchSchema,
} from './labourers.contract.ts';
import { labourerColumns } from './labourers.export.ts';
import { type LabourersService } from './labourers.service.ts';
import { PovertyStatusBodySchema } from './poverty-status.contract.ts';

// Sex and birth date come from the ID number; work history has no form yet.
const OFFICER_FIELDS = [
  ...PROFILE_FIELDS.filter((field) => field !== 'sex' && field !== 'birthDate' && field !== 'workHistory'),
  'statusNote',
] as const;
const officer = auth.roles('officer', 'admin');
type ProfileForm = ReturnType<typeof createProfileForm>;

export async function labourersPages(
  app: FastifyInstance,
  opts: { labourers: LabourersService; formOptions: FormOptionsSource },
) {
  const { labourers } = opts;
  const { formOptions } = opts;
  const form = createProfileForm(formOptions);

  // ── officers ──
  labourerListPages(app, labourers, form);
  labourerProfilePages(app, labourers);
  labourerFormPages(app, labourers, form);
}

/** The officers' list of people and its download. */
function labourerListPages(app: FastifyInstance, labourers: LabourersService, { renderForm }: ProfileForm) {
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
}

/** What the profile page draws: the person, their status history, the sections other modules add. */
async function profileData(app: FastifyInstance, labourers: LabourersService, request: FastifyRequest, id: string) {
  const profile = await labourers.get(request.user!, z.uuid().parse(id));
  const history = await labourers.statusHistory(request.user!, id);
  const sections = await app.profileSections.render({
    actor: request.user!,
    labourerId: profile.id,
    locale: request.locale,
    own: false,
  });
  return { title: profile.name, profile, history, sections };
}

/** One person's profile: reading it, revealing ID number and phone, poverty status, erasure. */
function labourerProfilePages(app: FastifyInstance, labourers: LabourersService) {
  const dataOf = (request: FastifyRequest, id: string) => profileData(app, labourers, request, id);
  app.route({
    ...page('GET', '/labourers/:id', officer),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const confirmed = (request.query as { confirmed?: string }).confirmed === '1';
      return reply.page('labourers/profile', { ...(await dataOf(request, id)), confirmed });
    },
  });

  app.route({
    ...page('POST', '/labourers/:id/id-number', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const revealed = await labourers.revealIdNumber(request.user!, z.uuid().parse(id), request.id);
      return reply
        .header('cache-control', 'no-store')
        .page('labourers/profile', { ...(await dataOf(request, id)), revealed });
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
      return reply
        .header('cache-control', 'no-store')
        .page('labourers/profile', { ...(await dataOf(request, id)), revealedPhone });
    },
  });

  // An officer confirms (or withdraws) the person's 建档立卡 status: recorded with who and when, audited.
  app.route({
    ...page('POST', '/labourers/:id/poverty-status', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = z.uuid().parse((request.params as { id: string }).id);
      const body = request.body as Body;
      const year = String(body.povertyYear ?? '').trim();
      const parsed = PovertyStatusBodySchema.safeParse({
        povertyStatus: body.povertyStatus,
        povertyYear: year === '' ? null : Number(year),
        note: String(body.note ?? '').trim() || undefined,
      });
      if (!parsed.success) {
        const povertyError = translate(request.locale, 'validation.invalid');
        return reply.page('labourers/profile', { ...(await dataOf(request, id)), povertyError }, 422);
      }
      await labourers.setPovertyStatus(request.user!, id, parsed.data, request.id);
      return reply.redirect(`/labourers/${id}?confirmed=1#poverty`, 303);
    },
  });

  app.route({
    ...page('POST', '/labourers/:id/erase', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const reason = String((request.body as Body).reason ?? '').trim();
      if (reason.length < 2) {
        const eraseError = translate(request.locale, 'validation.reason_required');
        return reply.page('labourers/profile', { ...(await dataOf(request, id)), eraseError }, 422);
      }
      await labourers.erase(request.user!, z.uuid().parse(id), reason, request.id);
      return reply.redirect('/labourers?erased=1', 303);
    },
  });
}

/** Registering a new person and editing a profile. */
function labourerFormPages(app: FastifyInstance, labourers: LabourersService, { renderForm, submit }: ProfileForm) {
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
}
