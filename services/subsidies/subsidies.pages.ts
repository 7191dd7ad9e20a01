import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDate } from '../platform/time/china-time.ts';
import { field, type FormBody, parseForm } from '../platform/http/page-forms.ts';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { DecisionInputSchema, DecisionListQuerySchema, EligibilityQuerySchema } from './subsidies.contract.ts';
import { decisionsTable, eligibilityTable } from './subsidies.export.ts';
import type { SubsidiesService } from './subsidies.service.ts';

const officers = auth.roles('officer', 'admin');

interface RowProblem {
  applicationId: string;
  decision: string | undefined;
  message: string;
  fields: Record<string, string>;
}

/** A refused decision explained on its row; anything else goes to the error page. */
function rowProblem(locale: string, applicationId: string, decision: string | undefined, error: unknown) {
  if (error instanceof ValidationError) {
    const fields = Object.fromEntries(
      error.issues.map((issue) => [issue.field, translate(locale, `subsidies.validation.${issue.field}`)]),
    );
    return {
      status: 422,
      problem: { applicationId, decision, message: translate(locale, 'subsidies.fixErrors'), fields },
    };
  }
  if (error instanceof ConflictError) {
    const reason = (error.details as { reason?: string } | undefined)?.reason ?? 'decided';
    return {
      status: 409,
      problem: { applicationId, decision, message: translate(locale, `subsidies.reasons.${reason}`), fields: {} },
    };
  }
  throw error;
}

const format = (query: unknown) => ((query as { format?: string }).format === 'xlsx' ? 'xlsx' : 'csv');

/** The officer's pages: the eligibility list to approve or reject, the decisions, and their downloads. */
export async function subsidiesPages(app: FastifyInstance, opts: { subsidies: SubsidiesService }) {
  const { subsidies } = opts;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { problem?: RowProblem; decided?: string } = {},
    status = 200,
  ) {
    const filter = EligibilityQuerySchema.safeParse(request.query);
    const query = filter.success ? filter.data : {};
    const list = await subsidies.eligible(request.user!, query);
    const decisions = await subsidies.decisions(request.user!, { ...query, page: 1, pageSize: 20 });
    const groups = list.byEmployer.map((group) => ({
      ...group,
      items: list.items
        .filter((item) => item.employerId === group.employerId)
        .map((item) =>
          extra.problem?.applicationId === item.applicationId ? { ...item, problem: extra.problem } : item,
        ),
    }));
    const exportQuery = query.employerId ? `&employerId=${query.employerId}` : '';
    return reply.page(
      'subsidies/index',
      {
        title: translate(request.locale, 'subsidies.eligibleTitle'),
        rules: list.rules,
        groups,
        totals: list.totals,
        decisions: decisions.items.map((d) => ({ ...d, decidedOn: chinaDate(new Date(d.decidedAt)) })),
        decisionsTotal: decisions.total,
        exportQuery,
        filtered: !!query.employerId,
        decided: extra.decided,
        problem: extra.problem,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/subsidies', officers),
    handler: (request, reply) => {
      const decided = (request.query as { decided?: string }).decided;
      return render(request, reply, {
        decided: decided === 'approved' || decided === 'rejected' ? decided : undefined,
      });
    },
  });

  app.route({
    ...page('POST', '/subsidies/decisions', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = request.body as FormBody;
      const applicationId = z.uuid().parse(field(body, 'applicationId'));
      const decision = field(body, 'decision');
      try {
        const input = parseForm(DecisionInputSchema, { applicationId, decision, note: field(body, 'note') });
        await subsidies.decide(request.user!, input, request.id);
        return reply.redirect(`/subsidies?decided=${input.decision}`, 303);
      } catch (error) {
        const { status, problem } = rowProblem(request.locale, applicationId, decision, error);
        return render(request, reply, { problem }, status);
      }
    },
  });

  app.route({
    ...page('GET', '/subsidies/export', officers),
    handler: async (request, reply) => {
      const query = EligibilityQuerySchema.parse(request.query);
      const rows = await subsidies.exportEligible(request.user!, query, format(request.query), request.id);
      return sendTable(reply, format(request.query), eligibilityTable(request.locale, rows));
    },
  });

  app.route({
    ...page('GET', '/subsidies/decisions/export', officers),
    handler: async (request, reply) => {
      const { page: _page, pageSize: _size, ...query } = DecisionListQuerySchema.parse(request.query);
      const rows = await subsidies.exportDecisions(request.user!, query, format(request.query), request.id);
      return sendTable(reply, format(request.query), decisionsTable(request.locale, rows));
    },
  });
}
