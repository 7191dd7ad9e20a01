import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormOptionsSource } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { type Column, sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm, type ProblemTexts } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import {
  AID_KINDS,
  AidInputSchema,
  ApplicantFilterSchema,
  type ApplicantFilter,
  type ApplicantView,
  type AidView,
} from './tech-school-aid.contract.ts';
import type { TechSchoolAidService } from './tech-school-aid.service.ts';
import type { TechSchoolApplicants } from './tech-school-applicants.service.ts';
import { GraduationInputSchema, InternshipInputSchema } from './tech-school-careers.contract.ts';
import type { TechSchoolCareers } from './tech-school-careers.service.ts';
import { idOf, jsonBlock, officers, TEXTS as TRAINING_TEXTS } from './training-page-kit.ts';

const TEXTS = {
  ...TRAINING_TEXTS,
  labelPrefix: 'training.schools.aid.fields',
  validation: 'training.schools.aid.validation',
  explainNotFound: true,
} as const;
const CAREER_TEXTS = {
  ...TRAINING_TEXTS,
  labelPrefix: 'training.schools.careers.fields',
  validation: 'training.schools.careers.validation',
  explainNotFound: true,
} as const;
const AID_FIELDS = ['kind', 'term', 'amountYuan', 'grantedOn', 'note'] as const;
const INTERNSHIP_FIELDS = ['employerId', 'employerName', 'post', 'startOn', 'endOn'] as const;
const GRADUATION_FIELDS = ['graduatedOn', 'employerId', 'employerName', 'vacancyId', 'jobTitle', 'startOn'] as const;
type Which = 'aid' | 'internship' | 'graduation';

/** The term a form proposes: this autumn's from September, this spring's before. */
function currentTerm(): string {
  const today = chinaDate(new Date())!;
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month >= 9 ? `${year}秋` : month >= 2 ? `${year}春` : `${year - 1}秋`;
}

const applicantFilterOf = (request: FastifyRequest): ApplicantFilter => {
  const parsed = ApplicantFilterSchema.safeParse(request.query);
  return parsed.success ? parsed.data : {};
};

function aidColumns(locale: string): Column<AidView>[] {
  const t = (key: string) => translate(locale, `training.schools.aid.fields.${key}`);
  return [
    { header: t('term'), value: (r) => r.term },
    { header: t('kind'), value: (r) => translate(locale, `training.schools.aid.kinds.${r.kind}`) },
    { header: t('amountYuan'), value: (r) => r.amountYuan },
    { header: t('grantedOn'), value: (r) => r.grantedOn },
    { header: t('note'), value: (r) => r.note, width: 30 },
  ];
}

function applicantColumns(locale: string): Column<ApplicantView>[] {
  const t = (key: string) => translate(locale, `training.schools.applicants.fields.${key}`);
  return [
    { header: t('name'), value: (r) => r.name },
    { header: t('birthYear'), value: (r) => r.birthYear },
    { header: t('region'), value: (r) => r.regionName, width: 24 },
    { header: t('leftLevel'), value: (r) => translate(locale, `training.schools.leftLevels.${r.leftLevel}`) },
    { header: t('through'), value: (r) => translate(locale, `training.schools.applicants.through.${r.through}`) },
  ];
}

/** The student page (the place, its aid, internships and graduation) and how its forms are answered. */
function studentPage(aid: TechSchoolAidService, careers: TechSchoolCareers) {
  async function renderStudent(
    request: FastifyRequest,
    reply: FastifyReply,
    problem?: { which: Which; message: string; fields: Record<string, string>; form: Record<string, string> },
    status = 200,
  ) {
    const locale = request.locale;
    const id = idOf(request);
    const student = await aid.student(request.user!, id, locale);
    const career = await careers.careerOf(request.user!, id);
    const total = student.aid.reduce((sum, a) => sum + a.amountYuan, 0).toLocaleString(locale);
    const of = (which: Which) => (problem?.which === which ? problem : undefined);
    const today = chinaDate(new Date());
    return reply.page(
      'training/tech-school-student',
      {
        title: translate(locale, 'training.schools.aid.title', { name: student.childName }),
        student,
        total,
        kinds: AID_KINDS.map((code) => ({ code, label: translate(locale, `training.schools.aid.kinds.${code}`) })),
        problem: of('aid'),
        form: of('aid')?.form ?? { term: currentTerm(), grantedOn: today },
        career,
        canGraduate: student.state === 'enrolled',
        canPlace: student.state === 'enrolled' || (student.state === 'graduated' && !career.placement),
        internshipProblem: of('internship'),
        internshipForm: of('internship')?.form ?? {},
        graduationProblem: of('graduation'),
        graduationForm: of('graduation')?.form ?? { graduatedOn: today },
        saved: (request.query as { saved?: string }).saved === '1',
      },
      status,
    );
  }

  /** A student page's form: parsed, handed to the service, the page again with the fields refused. */
  function studentForm<T>(
    which: Which,
    names: readonly string[],
    save: (request: FastifyRequest, id: string, form: Record<string, string>) => Promise<T>,
    texts: ProblemTexts,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const id = idOf(request);
      const body = request.body as FormBody;
      const form = Object.fromEntries(names.map((name) => [name, field(body, name)?.trim() ?? '']));
      try {
        await save(request, id, form);
        return reply.redirect(`/technical-schools/students/${id}?saved=1#${which}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, texts);
        return renderStudent(
          request,
          reply,
          { which, message: problem.message, fields: problem.fields, form },
          problem.status,
        );
      }
    };
  }

  return { renderStudent, studentForm };
}

/** A student's page (the place with its aid and the form to record one) and the potential applicants' list. */
export async function techSchoolAidPages(
  app: FastifyInstance,
  opts: {
    aid: TechSchoolAidService;
    applicants: TechSchoolApplicants;
    careers: TechSchoolCareers;
    formOptions: FormOptionsSource;
  },
) {
  const { aid, applicants, careers, formOptions } = opts;

  const { renderStudent, studentForm } = studentPage(aid, careers);

  app.route({
    ...page('GET', '/technical-schools/students/:id', officers),
    handler: (request, reply) => renderStudent(request, reply),
  });

  app.route({
    ...page('POST', '/technical-schools/students/:id/aid', officers),
    preValidation: app.csrfProtection,
    handler: studentForm(
      'aid',
      AID_FIELDS,
      (request, id, form) => aid.record(request.user!, id, parseForm(AidInputSchema, form), request.id),
      TEXTS,
    ),
  });

  app.route({
    ...page('POST', '/technical-schools/students/:id/internships', officers),
    preValidation: app.csrfProtection,
    handler: studentForm(
      'internship',
      INTERNSHIP_FIELDS,
      (request, id, form) =>
        careers.recordInternship(request.user!, id, parseForm(InternshipInputSchema, form), request.id),
      CAREER_TEXTS,
    ),
  });

  app.route({
    ...page('POST', '/technical-schools/students/:id/graduation', officers),
    preValidation: app.csrfProtection,
    handler: studentForm(
      'graduation',
      GRADUATION_FIELDS,
      (request, id, form) =>
        careers.graduate(request.user!, id, parseForm(GraduationInputSchema, form), request.id, request.locale),
      CAREER_TEXTS,
    ),
  });

  app.route({
    ...page('GET', '/technical-schools/students/:id/aid/export', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const student = await aid.exportAid(request.user!, idOf(request), format, locale, request.id);
      return sendTable<AidView>(reply, format, {
        fileName: `${translate(locale, 'training.schools.aid.exportFile')}-${student.year}`,
        sheetName: translate(locale, 'training.schools.aid.exportFile'),
        columns: aidColumns(locale),
        rows: student.aid,
      });
    },
  });

  app.route({
    ...page('GET', '/technical-schools/applicants', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const filter = applicantFilterOf(request);
      const list = await applicants.list(request.user!, filter, locale);
      const scope = scopePrefix(request.user!);
      const options = await formOptions(scope, locale);
      const query = new URLSearchParams({
        year: String(list.year),
        ...(filter.regionCode ? { regionCode: filter.regionCode } : {}),
      });
      return reply.page('training/tech-school-applicants', {
        title: translate(locale, 'training.schools.applicants.title'),
        filter: { ...filter, year: list.year },
        exportQuery: query.toString(),
        counties: options.counties.filter((c) => c.code.startsWith(scope) || scope.startsWith(c.code)),
        byCounty: list.counties,
        total: list.items.length,
        items: list.items,
        chart: jsonBlock({
          rows: list.counties.map((c) => ({ label: c.name, values: [c.count] })),
          series: [translate(locale, 'training.schools.applicants.count')],
        }),
      });
    },
  });

  app.route({
    ...page('GET', '/technical-schools/applicants/export', officers),
    handler: async (request, reply) => {
      const locale = request.locale;
      const format = (request.query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv';
      const list = await applicants.export(request.user!, applicantFilterOf(request), format, locale, request.id);
      return sendTable<ApplicantView>(reply, format, {
        fileName: `${translate(locale, 'training.schools.applicants.exportFile')}-${list.year}`,
        sheetName: translate(locale, 'training.schools.applicants.title'),
        columns: applicantColumns(locale),
        rows: list.items,
      });
    },
  });
}
