import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chinaDate } from '../platform/time/china-time.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { page } from '../platform/http/contract.ts';
import { bodyOf, field, formProblem, type FormProblem, parseForm, idOf, officers } from './cooperation.view-model.ts';
import { ArrivalInputSchema, FollowUpRecordSchema, MemberInputSchema } from './cooperation-schemas.contract.ts';
import type { PhoneReveal } from './phone-reveal.ts';
import type { TransfersService } from './transfers.service.ts';
import { FollowUpState } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

const STATES = enumValues(FollowUpState);

interface TransfersPagesOptions {
  transfers: TransfersService;
  phones: PhoneReveal;
}

/** The transfer batch page (members, departure, arrival per person) and the follow-ups due. */
export async function transfersPages(app: FastifyInstance, opts: TransfersPagesOptions) {
  await batchPages(app, opts);
  await followUpPages(app, opts);
}

/** One transfer batch: its members, its departure, each person's arrival. */
async function batchPages(app: FastifyInstance, { transfers }: TransfersPagesOptions) {
  async function renderBatch(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { problem?: FormProblem & { memberId?: string; form?: string }; done?: string } = {},
  ) {
    const user = request.user!;
    const batch = await transfers.get(user, id);
    const candidates = batch.agreementId
      ? (await transfers.partnerCandidates(user, batch.agreementId)).filter(
          (p) => !batch.members.some((m) => m.labourerId === p.id),
        )
      : [];
    return reply.page(
      'cooperation/batch',
      {
        title: translate(request.locale, 'cooperation.batches.pageTitle', { date: batch.departureDate }),
        batch: {
          ...batch,
          members: batch.members.map((m) => ({
            ...m,
            arrivedOn: chinaDate(m.arrivedAt ? new Date(m.arrivedAt) : null),
            problem: extra.problem?.memberId === m.id ? extra.problem : undefined,
          })),
        },
        planned: batch.status === 'planned',
        travelling: batch.status === 'departed' || batch.status === 'arrived',
        candidates,
        today: chinaDate(new Date()),
        problem: extra.problem && !extra.problem.memberId ? extra.problem : undefined,
        done: extra.done,
      },
      extra.problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/cooperation/batches/:id', officers),
    handler: (request, reply) => {
      const done = (request.query as { done?: string }).done;
      return renderBatch(request, reply, idOf(request), { done: done && /^[a-z_]+$/.test(done) ? done : undefined });
    },
  });

  app.route({
    ...page('POST', '/cooperation/batches/:id/members', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      try {
        const input = parseForm(MemberInputSchema, {
          labourerId: field(body, 'labourerId'),
          employerId: field(body, 'employerId'),
        });
        await transfers.addMember(request.user!, id, input);
        return reply.redirect(`/cooperation/batches/${id}?done=member#members`, 303);
      } catch (error) {
        return renderBatch(request, reply, id, { problem: { ...formProblem(request.locale, error), form: 'member' } });
      }
    },
  });

  app.route({
    ...page('POST', '/cooperation/batches/:id/departure', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      try {
        await transfers.depart(request.user!, id);
        return reply.redirect(`/cooperation/batches/${id}?done=departed`, 303);
      } catch (error) {
        return renderBatch(request, reply, id, { problem: formProblem(request.locale, error) });
      }
    },
  });

  app.route({
    ...page('POST', '/cooperation/batches/:id/members/:memberId/arrival', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const memberId = idOf(request, 'memberId');
      const body = bodyOf(request);
      try {
        const input = parseForm(ArrivalInputSchema, {
          arrived: field(body, 'arrived') !== 'false',
          arrivedOn: field(body, 'arrivedOn'),
          noShowReason: field(body, 'noShowReason'),
        });
        await transfers.confirmArrival(request.user!, id, memberId, input);
        return reply.redirect(`/cooperation/batches/${id}?done=arrival#member-${memberId}`, 303);
      } catch (error) {
        return renderBatch(request, reply, id, { problem: { ...formProblem(request.locale, error), memberId } });
      }
    },
  });
}

/** The follow-ups due, recording one, and the audited phone reveal. */
async function followUpPages(app: FastifyInstance, { transfers, phones }: TransfersPagesOptions) {
  async function renderFollowUps(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      problem?: FormProblem & { id: string; form: Record<string, unknown> };
      done?: boolean;
      revealed?: { id: string; phone: string | null };
    } = {},
  ) {
    const items = await transfers.dueFollowUps(request.user!);
    return reply.page(
      'cooperation/follow-ups',
      {
        title: translate(request.locale, 'cooperation.followUps.title'),
        items: items.map((f) => ({
          ...f,
          problem: extra.problem?.id === f.id ? extra.problem : undefined,
          revealed: extra.revealed?.id === f.id ? { phone: extra.revealed.phone } : undefined,
        })),
        states: STATES.map((value) => ({
          value,
          label: translate(request.locale, `cooperation.followUpState.${value}`),
        })),
        done: extra.done,
      },
      extra.problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/cooperation/follow-ups', officers),
    handler: (request, reply) =>
      renderFollowUps(request, reply, { done: (request.query as { done?: string }).done === '1' }),
  });

  app.route({
    ...page('POST', '/cooperation/follow-ups/:id', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const form = { state: field(body, 'state'), reason: field(body, 'reason') };
      try {
        await transfers.recordFollowUp(request.user!, id, parseForm(FollowUpRecordSchema, form));
        return reply.redirect('/cooperation/follow-ups?done=1', 303);
      } catch (error) {
        return renderFollowUps(request, reply, { problem: { ...formProblem(request.locale, error), id, form } });
      }
    },
  });

  // Phones are masked on the list; the button shows one in clear, audited. Its address opened
  // again (history, a new tab) shows the list masked, so every reading takes the button.
  app.route({
    ...page('POST', '/cooperation/follow-ups/:id/phone', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const phone = await phones.forFollowUp(request.user!, id, request.id);
      reply.header('cache-control', 'no-store');
      return renderFollowUps(request, reply, { revealed: { id, phone } });
    },
  });

  app.route({
    ...page('GET', '/cooperation/follow-ups/:id/phone', officers),
    handler: async (request, reply) => reply.redirect(`/cooperation/follow-ups#follow-${idOf(request)}`, 303),
  });
}
