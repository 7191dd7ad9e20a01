import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FormOptionsSource } from '../labourers/index.ts';
import { auth, page } from '../platform/http/contract.ts';
import { readPageQuery } from '../platform/http/page-query.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { APPLICATION_STATUSES, IN_WORK_STATUSES } from './application-states.ts';
import { ApplicationCreateSchema, CandidateQuerySchema } from './applications.contract.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { EmployerPortalService } from './employer-portal.service.ts';
import {
  displayApplication,
  field,
  type FormBody,
  type PageProblem,
  pageProblem,
  parseForm,
} from './applications.view-model.ts';

const uuid = z.uuid();
const employerOrAdmin = auth.roles('employer', 'admin');
/** Candidate filters an invitation carries back to the list. */
const FILTERS = ['q', 'skill', 'regionCode', 'ageMin', 'ageMax', 'page'] as const;

export interface BoardProblem extends PageProblem {
  id: string;
  to: string | undefined;
  form: Record<string, unknown>;
}

export interface BoardRenderer {
  render(
    request: FastifyRequest,
    reply: FastifyReply,
    vacancyId: string,
    extra?: { problemFor?: BoardProblem; status?: number; done?: string },
  ): Promise<FastifyReply>;
}

/** The applicants board of one vacancy; a failed action re-renders it with the reason on its card. */
export function createBoardRenderer(portal: EmployerPortalService): BoardRenderer {
  return {
    async render(request, reply, vacancyId, extra = {}) {
      const { vacancy, columns, total } = await portal.board(request.user!, vacancyId);
      const hires = columns
        .filter((column) => IN_WORK_STATUSES.includes(column.status))
        .reduce((sum, column) => sum + column.items.length, 0);
      const shown = columns.map((column) => ({
        status: column.status,
        items: column.items.map((item) => ({
          ...displayApplication(item),
          ...(extra.problemFor?.id === item.id ? { problem: extra.problemFor } : {}),
        })),
      }));
      return reply.page(
        'applications/board',
        {
          title: translate(request.locale, 'applications.board.title', { title: vacancy.title }),
          vacancy,
          columns: shown,
          total,
          hires,
          done: extra.done,
        },
        extra.status ?? 200,
      );
    },
  };
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

interface CandidatePageDeps {
  portal: EmployerPortalService;
  formOptions: FormOptionsSource;
}

/** The candidate list of one vacancy (or the choice of a vacancy), with the filters carried in links. */
async function renderCandidates(
  { portal, formOptions }: CandidatePageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  raw: Record<string, string | undefined>,
  extra: { problem?: PageProblem; invited?: boolean } = {},
  status = 200,
) {
  const title = translate(request.locale, 'applications.candidates.title');
  if (!raw.vacancyId) {
    const { byVacancy } = await portal.retention(request.user!);
    return reply.page('applications/candidates', { title, vacancies: byVacancy.filter((v) => v.status === 'open') });
  }
  const { query, shown, errors, problems } = readPageQuery(CandidateQuerySchema, raw, request.locale, {
    labels: {
      q: 'applications.candidates.q',
      skill: 'applications.candidates.skill',
      regionCode: 'applications.candidates.region',
    },
  });
  const result = await portal.candidates(request.user!, query);
  const carry = FILTERS.filter((name) => query[name] !== undefined).map((name) => ({
    name,
    value: String(query[name]),
  }));
  const pages = Math.max(1, Math.min(50, Math.ceil(result.total / query.pageSize)));
  const link = (pageNo: number) =>
    `/employer/candidates?${new URLSearchParams([
      ['vacancyId', query.vacancyId],
      ...carry.filter((c) => c.name !== 'page').map((c) => [c.name, c.value]),
      ['page', String(pageNo)],
    ])}`;
  return reply.page(
    'applications/candidates',
    {
      title,
      vacancy: result.vacancy,
      publicWelfare: result.vacancy.publicWelfarePost,
      query: {
        ...shown,
        ageMin: errors.ageMin ? shown.ageMin : result.defaults.ageMin,
        ageMax: errors.ageMax ? shown.ageMax : result.defaults.ageMax,
      },
      options: await formOptions('35', request.locale),
      items: result.items,
      total: result.total,
      page: query.page,
      pages,
      prev: query.page > 1 ? link(query.page - 1) : null,
      next: query.page < pages ? link(query.page + 1) : null,
      carry,
      problems,
      ...extra,
    },
    status,
  );
}

/** The retention figures drawn as meters: still in work, early leaves, the retention rate. */
function retentionChart(retention: Awaited<ReturnType<EmployerPortalService['retention']>>) {
  const rate = retention.retentionRate;
  return [
    {
      key: 'stillInWork',
      hasCount: true,
      count: retention.stillInWork,
      percent: percent(retention.stillInWork, retention.hires),
      low: 50,
      high: 80,
      optimum: 100,
    },
    {
      key: 'earlyLeaves',
      hasCount: true,
      count: retention.earlyLeaves,
      percent: percent(retention.earlyLeaves, retention.hires),
      low: 10,
      high: 30,
      optimum: 0,
    },
    {
      key: 'retentionRate',
      hasCount: false,
      count: null,
      percent: rate === null ? 0 : Math.round(rate * 100),
      low: 50,
      high: 80,
      optimum: 100,
    },
  ];
}

export async function employerPortalPages(
  app: FastifyInstance,
  opts: {
    applications: ApplicationsService;
    portal: EmployerPortalService;
    board: BoardRenderer;
    formOptions: FormOptionsSource;
  },
) {
  const { applications, portal, board } = opts;

  app.route({
    ...page('GET', '/employer/vacancies/:id/applicants', employerOrAdmin),
    handler: (request, reply) => {
      const done = APPLICATION_STATUSES.find((status) => status === (request.query as { done?: string }).done);
      return board.render(request, reply, uuid.parse((request.params as { id: string }).id), { done });
    },
  });

  app.route({
    ...page('GET', '/employer/candidates', employerOrAdmin),
    handler: (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      return renderCandidates(opts, request, reply, query, { invited: query.invited === '1' });
    },
  });

  app.route({
    ...page('POST', '/employer/candidates/invite', employerOrAdmin),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const filters: Record<string, string | undefined> = { vacancyId: field(body, 'vacancyId') };
      for (const name of FILTERS) filters[name] = field(body, name);
      try {
        const input = parseForm(ApplicationCreateSchema, {
          vacancyId: filters.vacancyId,
          labourerId: field(body, 'labourerId'),
        });
        await applications.apply(request.user!, input);
        const back = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1]));
        back.set('invited', '1');
        return reply.redirect(`/employer/candidates?${back}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderCandidates(opts, request, reply, filters, { problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('GET', '/employer', auth.roles('employer', 'officer', 'admin')),
    handler: async (request, reply) => {
      const employerId = (request.query as { employerId?: string }).employerId;
      const retention = await portal.retention(request.user!, employerId ? uuid.parse(employerId) : undefined);
      const rate = retention.retentionRate;
      return reply.page('applications/summary', {
        title: translate(request.locale, 'applications.hires.title', { name: retention.employerName }),
        retention,
        hasRate: rate !== null,
        ratePercent: rate === null ? null : Math.round(rate * 100),
        chart: retentionChart(retention),
      });
    },
  });
}
