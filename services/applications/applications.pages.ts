import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { ApplicationStatus } from './application-states.ts';
import { ApplicationCreateSchema, TransitionSchema } from './applications.contract.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { BoardRenderer } from './employer-portal.pages.ts';
import {
  displayApplication,
  field,
  type FormBody,
  pageProblem,
  parseForm,
  transitionForm,
} from './applications.view-model.ts';

const CLOSED: readonly ApplicationStatus[] = ['left', 'rejected', 'withdrawn'];
const uuid = z.uuid();

/**
 * The person's pages: "my applications" with invitations to accept or decline, the one-tap apply
 * endpoint the job pages post to, and the one form endpoint every role's action buttons post to.
 */
export async function applicationsPages(
  app: FastifyInstance,
  opts: { applications: ApplicationsService; board: BoardRenderer },
) {
  const { applications, board } = opts;

  async function renderMine(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown>,
    status = 200,
  ) {
    const items = (await applications.mine(request.user!)).map(displayApplication);
    return reply.page(
      'applications/mine',
      {
        title: translate(request.locale, 'applications.mine.title'),
        invitations: items.filter((item) => item.status === 'invited'),
        active: items.filter((item) => item.status !== 'invited' && !CLOSED.includes(item.status)),
        closed: items.filter((item) => CLOSED.includes(item.status)),
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/applications', auth.roles('labourer')),
    handler: (request, reply) => {
      const query = request.query as { applied?: string; done?: string };
      const done = (['applied', 'withdrawn'] as const).find((status) => status === query.done);
      return renderMine(request, reply, { applied: query.applied === '1', done });
    },
  });

  // One tap on a job page: the form carries only the vacancy.
  app.route({
    ...page('POST', '/applications', auth.roles('labourer')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      try {
        const input = parseForm(ApplicationCreateSchema, { vacancyId: field(request.body as FormBody, 'vacancyId') });
        await applications.apply(request.user!, input);
        return reply.redirect('/applications?applied=1', 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderMine(request, reply, { problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/applications/:id/transitions', auth.roles('labourer', 'employer', 'officer', 'admin')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = uuid.parse((request.params as { id: string }).id);
      const form = transitionForm(request.body as FormBody);
      const user = request.user!;
      try {
        const moved = await applications.transition(user, id, parseForm(TransitionSchema, form));
        if (user.role === 'labourer') return reply.redirect(`/applications?done=${moved.status}`, 303);
        if (user.role === 'officer') return reply.redirect(`/labourers/${moved.labourerId}`, 303);
        return reply.redirect(
          `/employer/vacancies/${moved.vacancy.id}/applicants?done=${moved.status}#application-${id}`,
          303,
        );
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        if (user.role === 'labourer') return renderMine(request, reply, { problem }, problem.status);
        if (user.role === 'officer') throw error;
        const current = await applications.get(user, id);
        return board.render(request, reply, current.vacancy.id, {
          problemFor: { id, to: form.to, form, ...problem },
          status: problem.status,
        });
      }
    },
  });
}
