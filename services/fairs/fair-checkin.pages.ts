import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { displayFair, field, type FormBody, pageProblem } from './fairs.view-model.ts';
import type { FairServices } from './fair-services.ts';
import { fairIdOf, OPTIONAL_GROUPS, saidGroups } from './fairs.view-model.ts';

const officer = auth.roles('officer', 'admin');

/**
 * The check-in page an officer keeps open on a phone at the entrance: a typed code always works
 * (no JavaScript needed); fairs-scan.js adds the camera where the browser can read QR codes.
 */
export async function fairCheckInPages(app: FastifyInstance, s: FairServices) {
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const id = fairIdOf(request);
    const fair = await s.fairs.get(request.user!, id);
    const attended = await s.registrations.list(request.user!, id, { checkedIn: 'true', page: 1, pageSize: 1 });
    return reply.page(
      'fairs/checkin',
      {
        title: translate(request.locale, 'fairs.checkin.title'),
        fair: displayFair(fair),
        ongoing: fair.status === 'ongoing',
        attendedCount: attended.total,
        optionalGroups: OPTIONAL_GROUPS,
        ...extra,
      },
      status,
    );
  }

  app.route({ ...page('GET', '/fairs/:id/check-in', officer), handler: (request, reply) => render(request, reply) });

  app.route({
    ...page('POST', '/fairs/:id/check-in', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const code = field(request.body as FormBody, 'code') ?? '';
      try {
        const { registration, already } = await s.registrations.checkIn(request.user!, id, code);
        return render(request, reply, { checked: registration, already });
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return render(request, reply, { problem, code }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/walk-in', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const body = request.body as FormBody;
      try {
        const { registration, already } = await s.registrations.walkIn(request.user!, id, {
          idNumber: field(body, 'idNumber') ?? '',
          targetGroups: saidGroups(body),
        });
        return render(request, reply, { checked: registration, already, walkIn: true });
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return render(request, reply, { walkInProblem: problem, idNumber: field(body, 'idNumber') }, problem.status);
      }
    },
  });
}
