import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, type PageProblem, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CasesService } from './cases.service.ts';
import {
  CaseListQuerySchema,
  CreateCaseSchema,
  ReassignInputSchema,
  TransitionInputSchema,
} from './insurance.contract.ts';
import { caseDetailView, caseFilters, caseRow } from './insurance.presenter.ts';

const officers = auth.roles('officer', 'admin');
const IdParams = z.object({ id: z.uuid() });
const TEXTS = {
  fixErrors: 'insurance.fixErrors',
  labelPrefix: 'insurance.fields',
  refusals: 'insurance.refusals',
  fallbackReason: 'not_allowed',
  explainNotFound: true,
};
/** The reassignment form explains its own codes (an officer to choose, not a field to fill in). */
const REASSIGN_TEXTS = { ...TEXTS, validation: 'insurance.reassignValidation' };
/** The form's names: its note is not the step form's note, which sits on the same page. */
const ReassignFormSchema = z.object({
  assignedToId: ReassignInputSchema.shape.assignedToId,
  reassignNote: ReassignInputSchema.shape.note,
});

/** One case's page: its facts, the forms for the next step and for another officer, its steps. */
function caseRenderer(cases: CasesService) {
  return async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: {
      problem?: PageProblem;
      form?: Record<string, string | undefined>;
      moved?: boolean;
      reassigned?: boolean;
    } = {},
  ) {
    const detail = await cases.get(request.user!, id);
    const officers = detail.open ? await cases.assignees(request.user!, id) : [];
    return reply.page(
      'insurance/case',
      {
        title: translate(request.locale, 'insurance.case.title', { name: detail.name }),
        c: caseDetailView(request.locale, detail, officers),
        problem: extra.problem,
        form: extra.form ?? {},
        moved: extra.moved,
        reassigned: extra.reassigned,
      },
      extra.problem?.status ?? 200,
    );
  };
}
type RenderCase = ReturnType<typeof caseRenderer>;

/** Gives the case to another officer of its region or a level above (a select, no JavaScript). */
function reassignPage(app: FastifyInstance, cases: CasesService, renderCase: RenderCase) {
  app.route({
    ...page('POST', '/insurance/cases/:id/assignee', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = parseForm(IdParams, request.params);
      const body = request.body as FormBody;
      const form = { assignedToId: field(body, 'assignedToId'), reassignNote: field(body, 'reassignNote') };
      try {
        const input = parseForm(ReassignFormSchema, form);
        const change = { assignedToId: input.assignedToId, note: input.reassignNote };
        await cases.reassign(request.user!, id, change, request.id);
        return reply.redirect(`/insurance/cases/${id}?reassigned=1`, 303);
      } catch (error) {
        return renderCase(request, reply, id, { problem: pageProblem(request.locale, error, REASSIGN_TEXTS), form });
      }
    },
  });
}

/** Cases: the list by kind and state, one case with its steps and the form for the next one, and opening a case. */
export async function casesPages(app: FastifyInstance, opts: { cases: CasesService }) {
  const { cases } = opts;
  const renderCase = caseRenderer(cases);

  app.route({
    ...page('GET', '/insurance/cases', officers),
    handler: async (request, reply) => {
      const raw = Object.fromEntries(
        Object.entries(request.query as Record<string, string>).filter(([, v]) => v !== ''),
      );
      const query = parseForm(CaseListQuerySchema, { open: 'true', ...raw });
      const list = await cases.list(request.user!, query);
      return reply.page('insurance/cases', {
        title: translate(request.locale, 'insurance.cases.title'),
        items: list.items.map((c) => caseRow(request.locale, c)),
        total: list.total,
        ...caseFilters(request.locale, query.kind, query.state, query.assignee),
        showClosed: query.open === 'false',
      });
    },
  });

  app.route({
    ...page('GET', '/insurance/cases/:id', officers),
    handler: async (request, reply) => {
      const { id } = parseForm(IdParams, request.params);
      const flags = request.query as { moved?: string; reassigned?: string };
      return renderCase(request, reply, id, { moved: flags.moved === '1', reassigned: flags.reassigned === '1' });
    },
  });

  app.route({
    ...page('POST', '/insurance/cases/:id/transitions', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = parseForm(IdParams, request.params);
      const body = request.body as FormBody;
      const form = {
        to: field(body, 'to'),
        note: field(body, 'note'),
        contributionGrade: field(body, 'contributionGrade'),
      };
      try {
        const input = parseForm(TransitionInputSchema, {
          ...form,
          contributionGrade: form.contributionGrade || undefined,
        });
        await cases.transition(request.user!, id, input, request.id);
        return reply.redirect(`/insurance/cases/${id}?moved=1`, 303);
      } catch (error) {
        return renderCase(request, reply, id, { problem: pageProblem(request.locale, error, TEXTS), form });
      }
    },
  });

  reassignPage(app, cases, renderCase);

  /** Opens a case from a worklist row (person and kind) or a comparison finding, then shows it. */
  app.route({
    ...page('POST', '/insurance/cases', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const input = parseForm(CreateCaseSchema, { labourerId: field(body, 'labourerId'), kind: field(body, 'kind') });
      const { case: opened } = await cases.create(request.user!, input, request.id);
      return reply.redirect(`/insurance/cases/${opened.id}`, 303);
    },
  });

  app.route({
    ...page('POST', '/insurance/cases/from-finding', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const input = parseForm(CreateCaseSchema, { runId: field(body, 'runId'), findingId: field(body, 'findingId') });
      const { case: opened } = await cases.create(request.user!, input, request.id);
      return reply.redirect(`/insurance/cases/${opened.id}`, 303);
    },
  });
}
