import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { NotFoundError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { fairCheckInPages } from './fair-checkin.pages.ts';
import { fairEmployerPages } from './fair-employer.pages.ts';
import { fairOfficerPages } from './fair-officer.pages.ts';
import { fairRegistrationPages } from './fair-registrations.pages.ts';
import { fairResultsPages } from './fair-results.pages.ts';
import { displayFair, fairIdOf, type FormBody, OPTIONAL_GROUPS, pageProblem, saidGroups } from './fairs.view-model.ts';
import { manages, toFairView } from './fairs.presenter.ts';
import type { FairServices } from './fair-services.ts';

/**
 * Everyone's fair pages: /fairs (what each role needs first), the public fair page, and the job
 * seeker's registration, ticket (QR) and slip. Officers' and employers' pages live beside this.
 */
export async function fairsPages(app: FastifyInstance, s: FairServices) {
  app.route({
    ...page('GET', '/fairs', auth.public),
    handler: async (request, reply) => {
      const user = request.user;
      const calendar = (await s.fairs.calendar()).items.map(displayFair);
      const data: Record<string, unknown> = { title: translate(request.locale, 'fairs.title'), calendar };
      if (user?.role === 'officer' || user?.role === 'admin') {
        data.managed = (await s.fairs.list(user, { page: 1, pageSize: 100 })).items.map(displayFair);
      } else if (user?.role === 'employer') {
        const { fairs } = await s.participation.forEmployer(user);
        const ref = await s.fairs.reference();
        data.participations = fairs.map((p) => ({
          status: p.status,
          booth: p.booth,
          fair: displayFair(toFairView(p.fair, ref)),
        }));
      } else if (user?.role === 'labourer') {
        const ref = await s.fairs.reference();
        data.registrations = (await s.registrations.mine(user)).map((r) => ({
          id: r.id,
          code: r.code,
          willAttend: r.willAttend,
          checkedInAt: r.checkedInAt,
          fair: displayFair(toFairView(r.fair, ref)),
        }));
      }
      return reply.page('fairs/index', data);
    },
  });

  async function renderFair(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: Record<string, unknown> = {},
    status = 200,
  ) {
    const id = fairIdOf(request);
    const fair = await s.fairs.publicView(id);
    const user = request.user;
    const registration =
      user?.role === 'labourer' && user.labourerId ? await s.registrations.ofPerson(id, user.labourerId) : undefined;
    return reply.page(
      'fairs/show',
      {
        title: fair.name,
        fair: displayFair(fair),
        employers: fair.employers,
        registration,
        canManage: user ? manages(user, fair) : false,
        isEmployer: user?.role === 'employer',
        isLabourer: user?.role === 'labourer',
        optionalGroups: OPTIONAL_GROUPS,
        ...extra,
      },
      status,
    );
  }

  app.route({ ...page('GET', '/fairs/:id', auth.public), handler: (request, reply) => renderFair(request, reply) });

  app.route({
    ...page('POST', '/fairs/:id/register', auth.roles('labourer')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      try {
        await s.registrations.register(request.user!, id, {
          targetGroups: saidGroups(request.body as FormBody),
          willAttend: true,
        });
        return reply.redirect(`/fairs/${id}/ticket`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderFair(request, reply, { problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/will-attend', auth.roles('labourer')),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const own = await s.registrations.ofPerson(id, request.user!.labourerId ?? '');
      if (!own) throw new NotFoundError('You are not registered for this fair');
      const willAttend = (request.body as FormBody).willAttend === 'true';
      await s.registrations.setWillAttend(request.user!, id, own.id, willAttend);
      return reply.redirect(`/fairs/${id}/ticket`, 303);
    },
  });

  fairTicketPages(app, s);

  await app.register(fairOfficerPages, s);
  await app.register(fairRegistrationPages, s);
  await app.register(fairResultsPages, s);
  await app.register(fairCheckInPages, s);
  await app.register(fairEmployerPages, s);
}

/** The job seeker's ticket (QR and slip), and the same ticket an officer prints for someone. */
function fairTicketPages(app: FastifyInstance, s: FairServices) {
  async function renderTicket(request: FastifyRequest, reply: FastifyReply, registrationId: string) {
    const id = fairIdOf(request);
    const registration = await s.registrations.reachable(request.user!, id, registrationId);
    const [fair, slip] = await Promise.all([
      s.fairs.publicView(id),
      s.outreach.slip(request.user!, id, registrationId, request.locale === 'en' ? 'en' : 'zh-CN'),
    ]);
    const qr = await QRCode.toString(registration.code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.page('fairs/ticket', {
      title: translate(request.locale, 'fairs.ticket.title'),
      fair: displayFair(fair),
      registration: {
        ...registration,
        name: registration.labourer.name,
        idNumberMasked: registration.labourer.idNumberMasked,
        spacedCode: `${registration.code.slice(0, 4)} ${registration.code.slice(4)}`,
      },
      qr,
      slip: slip.items,
      isLabourer: request.user!.role === 'labourer',
    });
  }

  app.route({
    ...page('GET', '/fairs/:id/ticket', auth.roles('labourer')),
    handler: async (request, reply) => {
      const own = await s.registrations.ofPerson(fairIdOf(request), request.user!.labourerId ?? '');
      if (!own) return reply.redirect(`/fairs/${fairIdOf(request)}`, 303);
      return renderTicket(request, reply, own.id);
    },
  });

  app.route({
    ...page('GET', '/fairs/:id/registrations/:registrationId/ticket', auth.roles('officer', 'admin')),
    handler: (request, reply) => renderTicket(request, reply, fairIdOf(request, 'registrationId')),
  });
}
