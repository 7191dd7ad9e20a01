import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auth, page } from '../platform/http/contract.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { displayFair, field, fieldList, type FormBody, pageProblem } from './fairs.view-model.ts';
import { OutcomeSchema, RegistrationQuerySchema } from './fairs.contract.ts';
import type { FairServices } from './fair-services.ts';
import { fairIdOf } from './fairs.view-model.ts';

const employerOnly = auth.roles('employer');

/** The employer's page of one fair: apply with vacancies, then the people (masked) and what happened. */
export async function fairEmployerPages(app: FastifyInstance, s: FairServices) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const id = fairIdOf(request);
    const user = request.user!;
    const [fair, mine, own] = await Promise.all([
      s.fairs.publicView(id),
      s.participation.mine(user, id),
      s.participation.forEmployer(user),
    ]);
    const attached = new Set(mine?.vacancies.map((v) => v.id) ?? []);
    const approved = mine?.status === 'approved';
    const willAttend = (request.query as { willAttend?: string }).willAttend;
    const query = RegistrationQuerySchema.parse({
      willAttend: willAttend === 'true' ? 'true' : undefined,
      pageSize: 500,
    });
    const people = approved ? await s.registrations.list(user, id, query) : { items: [], total: 0 };
    const recorded = approved ? (await s.registrations.interactions(user, id)).items : [];
    return reply.page(
      'fairs/employer',
      {
        title: fair.name,
        fair: displayFair(fair),
        mine,
        approved,
        canApply: !mine && (fair.status === 'planned' || fair.status === 'registration'),
        vacancies: own.vacancies.map((v) => ({ ...v, attached: attached.has(v.id) })),
        people: people.items.map((p) => ({
          ...p,
          outcomes: recorded.filter((r) => r.registrationId === p.id).map((r) => r.outcome),
        })),
        total: people.total,
        willAttendOnly: willAttend === 'true',
        outcomes: OutcomeSchema.options,
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/fairs/:id/employer', employerOnly),
    handler: (request, reply) => render(request, reply),
  });

  app.route({
    ...page('POST', '/fairs/:id/employer/apply', employerOnly),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const body = request.body as FormBody;
      try {
        await s.participation.apply(request.user!, id, {
          note: field(body, 'note'),
          vacancyIds: fieldList(body, 'vacancyIds'),
        });
        return reply.redirect(`/fairs/${id}/employer?done=applied`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return render(request, reply, { problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/employer/vacancies', employerOnly),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      try {
        await s.participation.attach(request.user!, id, fieldList(request.body as FormBody, 'vacancyIds'));
        return reply.redirect(`/fairs/${id}/employer?done=attached`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return render(request, reply, { problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/employer/interactions', employerOnly),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const body = request.body as FormBody;
      try {
        const outcome = OutcomeSchema.safeParse(field(body, 'outcome'));
        if (!outcome.success)
          throw new ValidationError('Pick what happened', [
            { field: 'outcome', code: 'required', message: 'is required' },
          ]);
        await s.registrations.recordInteraction(request.user!, id, {
          registrationId: field(body, 'registrationId') ?? '',
          outcome: outcome.data,
          vacancyId: field(body, 'vacancyId'),
          note: field(body, 'note'),
        });
        return reply.redirect(`/fairs/${id}/employer?done=recorded`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return render(request, reply, { problem }, problem.status);
      }
    },
  });
}
