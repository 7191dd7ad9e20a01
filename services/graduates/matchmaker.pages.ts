import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { field, type FormBody, pageProblem, parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { CONTACT_CHANNELS, ContactInputSchema, ReferralInputSchema } from './graduates.contract.ts';
import { choices, TEXTS } from './graduates.pages.ts';
import type { PairingsService } from './pairings.service.ts';

// Matchmakers are officers' or volunteers' accounts; a pairing page shows only the caller's own or,
// for an officer, their region's (a volunteer's others are not found).
const officers = auth.roles('officer', 'admin', 'volunteer');
const params = z.object({ id: z.uuid() });

/** 我的红娘对象: the matchmaker's graduates, each with ranked jobs, a contact form and referrals. */
export async function matchmakerPages(app: FastifyInstance, { pairings }: { pairings: PairingsService }) {
  app.route({
    ...page('GET', '/matchmaker/pairings', officers),
    handler: async (request, reply) => {
      const all = (request.query as { all?: string }).all === '1';
      const items = await pairings.mine(request.user!, !all);
      return reply.page('graduates/pairings', {
        title: translate(request.locale, 'graduates.matchmaker.title'),
        items: items.map((p) => ({
          ...p,
          lastContactOn: p.lastContactAt ? chinaDate(new Date(p.lastContactAt)) : null,
        })),
        all,
      });
    },
  });

  async function render(request: FastifyRequest, reply: FastifyReply, id: string, extra = {}, status = 200) {
    const locale = request.locale;
    const pairing = await pairings.get(request.user!, id);
    const jobs = await pairings.jobs(request.user!, id, locale === 'en' ? 'en' : 'zh-CN');
    return reply.page(
      'graduates/pairing',
      {
        title: translate(locale, 'graduates.matchmaker.pairingTitle'),
        pairing,
        jobs,
        open: !pairing.endedAt,
        channels: choices(locale, 'channel', CONTACT_CHANNELS),
        today: chinaDate(new Date()),
        form: {},
        ...extra,
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/matchmaker/pairings/:id', officers),
    handler: (request, reply) => render(request, reply, params.parse(request.params).id),
  });

  app.route({
    ...page('POST', '/matchmaker/pairings/:id/contacts', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = params.parse(request.params);
      const body = request.body as FormBody;
      const form = {
        on: field(body, 'on') ?? '',
        channel: field(body, 'channel') ?? '',
        note: field(body, 'note') ?? '',
      };
      try {
        await pairings.contact(request.user!, id, parseForm(ContactInputSchema, form));
        return reply.redirect(`/matchmaker/pairings/${id}?logged=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return render(request, reply, id, { form, problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/matchmaker/pairings/:id/referrals', officers),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const { id } = params.parse(request.params);
      const body = request.body as FormBody;
      try {
        const input = parseForm(ReferralInputSchema, {
          vacancyId: field(body, 'vacancyId'),
          note: field(body, 'note'),
        });
        await pairings.refer(request.user!, id, input);
        return reply.redirect(`/matchmaker/pairings/${id}?referred=1`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error, TEXTS);
        return render(request, reply, id, { problem }, problem.status);
      }
    },
  });
}
