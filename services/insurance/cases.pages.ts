import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, type PageProblem, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CasesService } from './cases.service.ts';
import { CaseListQuerySchema, CreateCaseSchema, TransitionInputSchema } from './insurance.contract.ts';
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

/** Cases: the list by kind and state, one case with its steps and the form for the next one, and opening a case. */
export async function casesPages(app: FastifyInstance, opts: { cases: CasesService }) {
  const { cases } = opts;

  async function renderCase(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { problem?: PageProblem; form?: Record<string, string | undefined>; moved?: boolean } = {},
  ) {
    const detail = await cases.get(request.user!, id);
    return reply.page(
      'insurance/case',
      {
        title: translate(request.locale, 'insurance.case.title', { name: detail.name }),
        c: caseDetailView(request.locale, detail),
        problem: extra.problem,
        form: extra.form ?? {},
        moved: extra.moved,
      },
      extra.problem?.status ?? 200,
    );
  }

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
        ...caseFilters(request.locale, query.kind, query.state),
        showClosed: query.open === 'false',
      });
    },
  });

  app.route({
    ...page('GET', '/insurance/cases/:id', officers),
    handler: async (request, reply) => {
      const { id } = parseForm(IdParams, request.params);
      return renderCase(request, reply, id, { moved: (request.query as { moved?: string }).moved === '1' });
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
