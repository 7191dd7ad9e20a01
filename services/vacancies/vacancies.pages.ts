import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { fieldErrors, zodIssues } from '../platform/http/form-errors.ts';
import { EDUCATION_LEVELS } from '../labourers/index.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { translate } from '../platform/i18n/i18n.ts';
import {
  CONTRACT_TYPES,
  PAY_BASES,
  SearchQuerySchema,
  SHIFT_PATTERNS,
  VacancyPatchSchema,
} from './vacancies.contract.ts';
import type { VacanciesService } from './vacancies.service.ts';
import type { VacancySearch } from './vacancies.search.ts';
import { type Body, requirementChoices, text, vacancyFormToInput } from './vacancy-form.ts';

// Where the site-wide field names would not read as this form's labels do.
const FORM_LABELS = {
  title: 'vacancyForm.title',
  description: 'jobs.description',
  occupationCode: 'jobs.occupation',
  requiredCertificates: 'vacancyForm.requiredCertificates',
  requiredSkillLevels: 'vacancyForm.requiredSkillLevels',
};

const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));

const employerOnly = auth.roles('employer');

export async function vacanciesPages(
  app: FastifyInstance,
  opts: { vacancies: VacanciesService; search: VacancySearch; formOptions: FormOptionsSource },
) {
  const { vacancies, search } = opts;
  const { formOptions } = opts;

  // ── everyone: job list and job page ──
  jobPages(app, vacancies, search, formOptions);
  // ── employers: their vacancies ──
  employerVacancyPages(app, vacancies, formOptions);
}

/** Everyone: the job list with its search, and a job's page. */
function jobPages(
  app: FastifyInstance,
  vacancies: VacanciesService,
  search: VacancySearch,
  formOptions: FormOptionsSource,
) {
  app.route({
    ...page('GET', '/jobs', auth.public),
    handler: async (request, reply) => {
      const { query, shown, problems } = readPageQuery(SearchQuerySchema, request.query, request.locale, {
        labels: { regionCode: 'jobs.city', categoryCode: 'jobs.category' },
      });
      const result = await search(query);
      const options = await formOptions('35', request.locale);
      const params = new URLSearchParams(
        Object.entries(request.query as Record<string, string>).filter(([k]) => k !== 'page' && k !== 'lang'),
      );
      const pages = Math.max(1, Math.ceil(Math.min(result.total, 5000) / query.pageSize));
      const understood = result.understood;
      // A place read from the query ("长汀 保洁") is said on the page, with the same search without it.
      const place = understood?.places.length
        ? {
            names: understood.places.map((p) => p.name).join('、'),
            without: `/jobs?${new URLSearchParams([...[...params].filter(([k]) => k !== 'q'), ['q', understood.withoutPlaces]])}`,
          }
        : null;
      const conditions = (understood?.conditions ?? []).map((key) =>
        translate(request.locale, `jobs.condition.${key}`),
      );
      return reply.page('jobs/list', {
        title: translate(request.locale, 'jobs.title'),
        query: shown,
        result,
        place,
        conditions: conditions.join('、'),
        problems,
        cities: options.cities,
        categories: options.occupationGroups.map((g, i) => ({
          code: `C${String(i + 1).padStart(2, '0')}`,
          label: g.label,
          count: result.facets.categoryCode?.[`C${String(i + 1).padStart(2, '0')}`] ?? 0,
        })),
        prev: query.page > 1 ? `?${new URLSearchParams([...params, ['page', String(query.page - 1)]])}` : null,
        next: query.page < pages ? `?${new URLSearchParams([...params, ['page', String(query.page + 1)]])}` : null,
        pages,
      });
    },
  });

  app.route({
    ...page('GET', '/jobs/:id', auth.public),
    handler: async (request, reply) => {
      const id = z.uuid().safeParse((request.params as { id: string }).id);
      if (!id.success) return reply.callNotFound();
      const vacancy = await vacancies.get(request.user, id.data);
      const skillNames = new Map(vacancy.skillCodes.map((code, i) => [code, vacancy.skillNames[i] ?? code]));
      return reply.page('jobs/detail', {
        title: vacancy.title,
        vacancy,
        // 需持证：… and the least level of each skill, as the matching reads them.
        requiredCertificates: vacancy.requiredCertificateNames.join('、'),
        skillLevels: Object.entries(vacancy.requiredSkillLevels).map(([code, level]) => ({
          name: skillNames.get(code) ?? code,
          level,
        })),
        applied: (request.query as { applied?: string }).applied === '1',
      });
    },
  });
}

/** The vacancy form with its choices (pay bases, shifts, contracts, education, requirements). */
async function renderForm(
  formOptions: FormOptionsSource,
  request: FastifyRequest,
  reply: FastifyReply,
  data: Record<string, unknown>,
  status = 200,
) {
  const locale = request.locale;
  const options = await formOptions('35', locale);
  return reply.page(
    'jobs/form',
    {
      ...data,
      options,
      payBases: choices(locale, 'payBasis', PAY_BASES),
      shifts: choices(locale, 'shift', SHIFT_PATTERNS),
      contracts: choices(locale, 'contract', CONTRACT_TYPES),
      educationLevels: choices(locale, 'education', EDUCATION_LEVELS),
      ...requirementChoices(
        locale,
        options,
        (data.form as { requiredSkillLevels?: Record<string, string> } | undefined)?.requiredSkillLevels,
      ),
    },
    status,
  );
}

/** Runs a form's write and redirects; a refused form is shown again with its errors. */
async function save(
  formOptions: FormOptionsSource,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Record<string, unknown>,
  action: () => Promise<string>,
  extra: Record<string, unknown>,
) {
  try {
    return reply.redirect(await action(), 303);
  } catch (error) {
    if (error instanceof ValidationError) {
      const errors = fieldErrors(request.locale, error.issues, {
        labels: FORM_LABELS,
        namespaces: ['vacancyForm.validation'],
      });
      const discriminatory = error.issues.find((i) => i.code === 'discriminatory');
      return renderForm(
        formOptions,
        request,
        reply,
        { ...extra, form, errors, discriminatory: discriminatory?.message.match(/「(.+?)」/)?.[1] },
        422,
      );
    }
    throw error;
  }
}

/** Employers: a new vacancy, editing one, and opening, pausing or closing it. */
function employerVacancyPages(app: FastifyInstance, vacancies: VacanciesService, formOptions: FormOptionsSource) {
  app.route({
    ...page('GET', '/employer/vacancies/new', employerOnly),
    handler: (request, reply) => {
      if (!request.user!.employerId) throw new ForbiddenError('Your account has no employer yet');
      return renderForm(formOptions, request, reply, {
        title: translate(request.locale, 'vacancyForm.newTitle'),
        action: '/employer/vacancies',
        form: {
          payBasis: 'month',
          shiftPattern: 'day',
          contractType: 'labour_contract',
          headcount: 1,
          ageMin: 18,
          ageMax: 55,
        },
      });
    },
  });

  app.route({
    ...page('POST', '/employer/vacancies', employerOnly),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const form = vacancyFormToInput(request.body as Body);
      return save(
        formOptions,
        request,
        reply,
        form,
        async () => {
          const created = await vacancies.create(request.user!, { ...form, employerId: request.user!.employerId });
          return `/employer/vacancies/${created.id}`;
        },
        { title: translate(request.locale, 'vacancyForm.newTitle'), action: '/employer/vacancies' },
      );
    },
  });

  app.route({
    ...page('GET', '/employer/vacancies/:id', employerOnly),
    handler: async (request, reply) => {
      const vacancy = await vacancies.get(request.user!, z.uuid().parse((request.params as { id: string }).id));
      return renderForm(formOptions, request, reply, {
        title: vacancy.title,
        action: `/employer/vacancies/${vacancy.id}`,
        vacancy,
        form: { ...vacancy, expiresAt: vacancy.expiresAt?.slice(0, 10) ?? null },
        saved: (request.query as { saved?: string }).saved === '1',
      });
    },
  });

  app.route({
    ...page('POST', '/employer/vacancies/:id', employerOnly),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = z.uuid().parse((request.params as { id: string }).id);
      const vacancy = await vacancies.get(request.user!, id);
      const form = vacancyFormToInput(request.body as Body);
      return save(
        formOptions,
        request,
        reply,
        form,
        async () => {
          const parsed = VacancyPatchSchema.safeParse(form);
          if (!parsed.success) throw new ValidationError('The vacancy is not valid', zodIssues(parsed.error, form));
          await vacancies.update(request.user!, id, parsed.data);
          return `/employer/vacancies/${id}?saved=1`;
        },
        { title: vacancy.title, action: `/employer/vacancies/${id}`, vacancy },
      );
    },
  });

  app.route({
    ...page('POST', '/employer/vacancies/:id/status', employerOnly),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = z.uuid().parse((request.params as { id: string }).id);
      const status = z.enum(['open', 'paused', 'closed']).parse(text((request.body as Body).status));
      try {
        await vacancies.update(request.user!, id, { status });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        return reply.redirect(`/employer/vacancies/${id}?conflict=1`, 303);
      }
      return reply.redirect(`/employer/vacancies/${id}?saved=1`, 303);
    },
  });
}
