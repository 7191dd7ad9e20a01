import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { FormOptionsSource } from '../labourers/index.ts';
import { CourseInputSchema, ELIGIBILITIES, PROGRAMMES, PROVIDER_KINDS } from './courses.contract.ts';
import type { CoursesService } from './courses.service.ts';
import { officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const TEXTS = { ...TRAINING_TEXTS, explainNotFound: true } as const;

const FORM_FIELDS = [
  'title',
  'programme',
  'occupationCode',
  'certificateKind',
  'providerName',
  'providerKind',
  'regionCode',
  'place',
  'startsOn',
  'endsOn',
  'seats',
  'cost',
  'eligibility',
] as const;

/** The form as typed, and as the API's schema reads it (numbers and ticks converted). */
function courseForm(body: FormBody) {
  const form: Record<string, string> = Object.fromEntries(FORM_FIELDS.map((name) => [name, field(body, name) ?? '']));
  const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
  const optional = (value: string) => value.trim() || undefined;
  const input = {
    ...form,
    occupationCode: optional(form.occupationCode!),
    certificateKind: optional(form.certificateKind!),
    seats: number(form.seats!),
    cost: number(form.cost!),
    eligibility: optional(form.eligibility!),
    inVillage: field(body, 'inVillage') === 'on',
    subsidised: field(body, 'subsidised') === 'on',
  };
  return { form: { ...form, inVillage: input.inVillage, subsidised: input.subsidised }, input };
}

const choices = (locale: string, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: translate(locale, `${prefix}.${value}`) }));

/** Officers' course catalogue and form; the labourer's "我的培训". */
export async function trainingPages(
  app: FastifyInstance,
  opts: { courses: CoursesService; formOptions: FormOptionsSource },
) {
  const { courses, formOptions } = opts;

  app.route({
    ...page('GET', '/training/courses', officers),
    handler: async (request, reply) => {
      const items = await courses.list(request.user!);
      const created = (request.query as { created?: string }).created === '1';
      return reply.page('training/courses', {
        title: translate(request.locale, 'training.coursesTitle'),
        items,
        created,
      });
    },
  });

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    data: { form: Record<string, unknown>; errors?: Record<string, string>; message?: string },
    status = 200,
  ) {
    const locale = request.locale;
    const options = await formOptions(request.user!.regionCode ?? '35', locale);
    return reply.page(
      'training/course-form',
      {
        title: translate(locale, 'training.newCourse'),
        programmes: choices(locale, 'training.programmes', PROGRAMMES),
        providerKinds: choices(locale, 'training.providerKinds', PROVIDER_KINDS),
        eligibilities: choices(locale, 'training.eligibilities', ELIGIBILITIES),
        options,
        ...data,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/training/courses/new', officers),
    handler: (request, reply) =>
      renderForm(request, reply, {
        form: { programme: 'spring_tide', providerKind: 'public_centre', eligibility: 'registered_poor', seats: '30' },
      }),
  });

  app.route({
    ...page('POST', '/training/courses', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { form, input } = courseForm(request.body as FormBody);
      try {
        await courses.create(request.user!, parseForm(CourseInputSchema, input), request.id);
        return reply.redirect('/training/courses?created=1', 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return renderForm(request, reply, { form, errors: problem.fields, message: problem.message }, problem.status);
      }
    },
  });
}
