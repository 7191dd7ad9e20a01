import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { TrainingInputSchema } from '../training/index.ts';
import type { TrainingService } from '../training/index.ts';
import type { AgreementsService } from './agreements.service.ts';
import {
  bodyOf,
  field,
  formProblem,
  type FormProblem,
  numberField,
  parseForm,
  idOf,
  officers,
} from './cooperation.view-model.ts';
import { REFERRAL_STATUSES, ReferralInputSchema, ReferralPatchSchema } from './cooperation-schemas.contract.ts';
import type { HouseholdService } from './household.service.ts';
import type { PhoneReveal } from './phone-reveal.ts';

type Problem = FormProblem & {
  labourerId?: string;
  form: 'referral' | 'training' | 'status';
  values?: Record<string, unknown>;
};

/** Household-service docking: willing partner-area people, their trainings, referrals to companies. */
export async function householdPages(
  app: FastifyInstance,
  opts: { agreements: AgreementsService; household: HouseholdService; training: TrainingService; phones: PhoneReveal },
) {
  const { agreements, household, training, phones } = opts;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { problem?: Problem; done?: string; revealed?: { labourerId: string; phone: string | null } } = {},
  ) {
    const user = request.user!;
    const [agreement, board] = await Promise.all([agreements.get(user, id), household.docking(user, id)]);
    return reply.page(
      'cooperation/household',
      {
        title: translate(request.locale, 'cooperation.household.title'),
        agreement,
        employers: board.employers,
        candidates: board.candidates.map((c) => ({
          ...c,
          problem: extra.problem?.labourerId === c.id ? extra.problem : undefined,
          revealed: extra.revealed?.labourerId === c.id ? { phone: extra.revealed.phone } : undefined,
        })),
        statuses: REFERRAL_STATUSES.map((value) => ({
          value,
          label: translate(request.locale, `cooperation.referralStatus.${value}`),
        })),
        done: extra.done,
      },
      extra.problem?.status ?? 200,
    );
  }

  app.route({
    ...page('GET', '/cooperation/agreements/:id/household', officers),
    handler: (request, reply) => {
      const done = (request.query as { done?: string }).done;
      return render(request, reply, idOf(request), { done: done && /^[a-z_]+$/.test(done) ? done : undefined });
    },
  });

  app.route({
    ...page('POST', '/cooperation/agreements/:id/referrals', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const labourerId = field(body, 'labourerId');
      try {
        const input = parseForm(ReferralInputSchema, {
          labourerId,
          employerId: field(body, 'employerId'),
          note: field(body, 'note'),
        });
        await household.refer(request.user!, id, input);
        return reply.redirect(`/cooperation/agreements/${id}/household?done=referred#person-${input.labourerId}`, 303);
      } catch (error) {
        return render(request, reply, id, {
          problem: { ...formProblem(request.locale, error), labourerId, form: 'referral' },
        });
      }
    },
  });

  app.route({
    ...page('POST', '/cooperation/agreements/:id/referrals/:referralId', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      try {
        const input = parseForm(ReferralPatchSchema, { status: field(body, 'status'), note: field(body, 'note') });
        const saved = await household.updateReferral(request.user!, idOf(request, 'referralId'), input);
        return reply.redirect(`/cooperation/agreements/${id}/household?done=status#person-${saved.labourerId}`, 303);
      } catch (error) {
        return render(request, reply, id, {
          problem: { ...formProblem(request.locale, error), labourerId: field(body, 'labourerId'), form: 'status' },
        });
      }
    },
  });

  app.route({
    ...page('POST', '/cooperation/agreements/:id/trainings', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const body = bodyOf(request);
      const labourerId = field(body, 'labourerId');
      const passed = field(body, 'passed');
      const values = {
        course: field(body, 'course') ?? '',
        provider: field(body, 'provider') ?? '',
        occupationCode: field(body, 'occupationCode'),
        startedOn: field(body, 'startedOn') ?? '',
        endedOn: field(body, 'endedOn'),
        hours: numberField(body, 'hours'),
        passed: passed === undefined ? undefined : passed === 'true',
        agreementId: id,
      };
      try {
        await training.record(request.user!, z.uuid().parse(labourerId), parseForm(TrainingInputSchema, values));
        return reply.redirect(`/cooperation/agreements/${id}/household?done=training#person-${labourerId}`, 303);
      } catch (error) {
        return render(request, reply, id, {
          problem: { ...formProblem(request.locale, error), labourerId, form: 'training', values },
        });
      }
    },
  });

  revealRoutes(app, phones, render);
}

type Render = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  extra: { revealed: { labourerId: string; phone: string | null } },
) => Promise<unknown>;

function revealRoutes(app: FastifyInstance, phones: PhoneReveal, render: Render) {
  // Masked on the board; the button shows one person's phone in clear, audited (see phone-reveal.ts).
  app.route({
    ...page('POST', '/cooperation/agreements/:id/people/:labourerId/phone', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = idOf(request);
      const labourerId = idOf(request, 'labourerId');
      const phone = await phones.forAgreementPerson(request.user!, id, labourerId, request.id);
      reply.header('cache-control', 'no-store');
      return render(request, reply, id, { revealed: { labourerId, phone } });
    },
  });

  app.route({
    ...page('GET', '/cooperation/agreements/:id/people/:labourerId/phone', officers),
    handler: async (request, reply) =>
      reply.redirect(`/cooperation/agreements/${idOf(request)}/household#person-${idOf(request, 'labourerId')}`, 303),
  });
}
