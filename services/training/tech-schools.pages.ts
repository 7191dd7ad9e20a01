import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { techSchoolFigures } from './tech-school-figures.ts';
import {
  LEFT_LEVELS,
  PLACE_STATES,
  PlaceFilterSchema,
  PlaceInputSchema,
  PlaceStepSchema,
  type PlaceFilter,
  type PlaceView,
} from './tech-schools.contract.ts';
import type { TechSchools } from './tech-schools.service.ts';
import type { TechSchoolApplicants } from './tech-school-applicants.service.ts';
import { idOf, officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const TEXTS = {
  ...TRAINING_TEXTS,
  labelPrefix: 'training.schools.fields',
  validation: 'training.schools.validation',
  explainNotFound: true,
} as const;
const FORM_FIELDS = [
  'householdLabourerId',
  'childLabourerId',
  'householdIdNumber',
  'childIdNumber',
  'childName',
  'childBirthYear',
  'leftLevel',
  'leftYear',
  'schoolName',
  'programme',
  'year',
  'examFree',
  'orderClass',
  'note',
] as const;
const NEXT_STEPS: Record<string, string[]> = { wished: ['placed', 'withdrawn'], placed: ['enrolled', 'withdrawn'] };

interface Problem {
  message: string;
  fields: Record<string, string>;
  form?: Record<string, string>;
  placeId?: string;
}

const filterOf = (request: FastifyRequest): PlaceFilter => {
  const parsed = PlaceFilterSchema.safeParse(request.query);
  return parsed.success ? parsed.data : {};
};
const queryOf = (filter: PlaceFilter) =>
  new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();

/** Officers' list of places (filter, figures, export), the form to record a child, the steps. */
export async function techSchoolsPages(
  app: FastifyInstance,
  opts: { schools: TechSchools; applicants: TechSchoolApplicants; formOptions: FormOptionsSource },
) {
  const { schools, applicants, formOptions } = opts;

  /** The form filled from a potential applicant of the registry (/technical-schools/applicants → 登记). */
  async function prefillOf(request: FastifyRequest): Promise<Record<string, string> | undefined> {
    const parsed = z.uuid().safeParse((request.query as { applicant?: string }).applicant);
    if (!parsed.success) return undefined;
    const found = await applicants.prefill(request.user!, parsed.data);
    const { maskedName, ...form } = found;
    return { ...form, year: String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear()), applicantName: maskedName };
  }

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: Problem, status = 200) {
    const locale = request.locale;
    const filter = filterOf(request);
    const items = await schools.list(request.user!, filter, locale);
    const scope = scopePrefix(request.user!);
    const options = await formOptions(scope, locale);
    const label = (prefix: string, values: readonly string[]) =>
      values.map((code) => ({ code, label: translate(locale, `${prefix}.${code}`) }));
    const query = request.query as { saved?: string };
    return reply.page(
      'training/tech-schools',
      {
        title: translate(locale, 'training.schools.title'),
        filter,
        exportQuery: queryOf(filter),
        counties: options.counties.filter((c) => c.code.startsWith(scope) || scope.startsWith(c.code)),
        states: label('training.schools.states', PLACE_STATES),
        leftLevels: label('training.schools.leftLevels', LEFT_LEVELS),
        figures: techSchoolFigures(items),
        items: items.map((p) => ({
          ...p,
          steps: NEXT_STEPS[p.state] ?? [],
          problem: problem?.placeId === p.id ? problem : undefined,
        })),
        problem: problem?.placeId ? undefined : problem,
        form: problem?.form ?? (await prefillOf(request)) ?? {},
        saved: query.saved === '1',
      },
      status,
    );
  }

  app.route({ ...page('GET', '/technical-schools', officers), handler: (request, reply) => render(request, reply) });

  app.route({
    ...page('GET', '/technical-schools/export', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const rows = await schools.export(request.user!, filterOf(request), format, locale, request.id);
      const t = (key: string) => translate(locale, `training.schools.fields.${key}`);
      const word = (prefix: string, code: string) => translate(locale, `training.schools.${prefix}.${code}`);
      return sendTable<PlaceView>(reply, format, {
        fileName: `${translate(locale, 'training.schools.exportFile')}-${new Date().toISOString().slice(0, 10)}`,
        sheetName: translate(locale, 'training.schools.title'),
        columns: [
          { header: t('childName'), value: (r) => r.childName },
          { header: t('region'), value: (r) => r.regionName, width: 24 },
          { header: t('leftLevel'), value: (r) => word('leftLevels', r.leftLevel) },
          { header: t('leftYear'), value: (r) => r.leftYear },
          { header: t('schoolName'), value: (r) => r.schoolName, width: 24 },
          { header: t('programme'), value: (r) => r.programme, width: 16 },
          { header: t('year'), value: (r) => r.year },
          { header: t('state'), value: (r) => word('states', r.state) },
          { header: t('placedOn'), value: (r) => r.placedOn },
          { header: t('enrolledOn'), value: (r) => r.enrolledOn },
        ],
        rows,
      });
    },
  });

  app.route({
    ...page('POST', '/technical-schools', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const form = Object.fromEntries(FORM_FIELDS.map((name) => [name, field(body, name)?.trim() ?? '']));
      try {
        const input = parseForm(PlaceInputSchema, form);
        await schools.create(request.user!, input, request.id, request.locale);
        return reply.redirect(`/technical-schools?year=${input.year}&saved=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return render(request, reply, { message: problem.message, fields: problem.fields, form }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/technical-schools/:id/state', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = request.body as FormBody;
      try {
        const step = parseForm(PlaceStepSchema, { to: field(body, 'to') });
        const moved = await schools.step(request.user!, id, step, request.id, request.locale);
        return reply.redirect(`/technical-schools?year=${moved.year}&saved=1#place-${id}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return render(
          request,
          reply,
          { message: problem.message, fields: problem.fields, placeId: id },
          problem.status,
        );
      }
    },
  });
}
