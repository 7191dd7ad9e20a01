import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { type ChoiceGroup, keepCurrent } from './fair-form-choices.ts';
import { TARGET_GROUPS } from './fair-results.ts';
import { FAIR_TRANSITIONS } from './fair-states.ts';
import { displayFair, field, fieldList, type FormBody, localInput, pageProblem, parse } from './fairs.view-model.ts';
import { FairInputSchema, FairKindSchema, FairStatusSchema, type FairView } from './fairs.contract.ts';
import type { FairServices } from './fair-services.ts';
import { fairIdOf } from './fairs.view-model.ts';

const officer = auth.roles('officer', 'admin');

/** The fair form as the API takes it: numbers as numbers, empty fields left out. */
function fairForm(body: FormBody) {
  const num = (name: string) => (field(body, name) === undefined ? undefined : Number(field(body, name)));
  return {
    kind: field(body, 'kind'),
    name: field(body, 'name'),
    startsAt: field(body, 'startsAt'),
    endsAt: field(body, 'endsAt'),
    online: field(body, 'online') === 'on' || field(body, 'kind') === 'online',
    regionCode: field(body, 'regionCode'),
    address: field(body, 'address'),
    lat: num('lat'),
    lng: num('lng'),
    organiser: field(body, 'organiser'),
    homeRegionCode: field(body, 'homeRegionCode'),
    partnerRegionCode: field(body, 'partnerRegionCode'),
    agreementId: field(body, 'agreementId'),
    targetGroups: fieldList(body, 'targetGroups'),
    capacity: num('capacity'),
    description: field(body, 'description'),
  };
}

function formValues(fair: FairView) {
  return { ...fair, startsAt: localInput(fair.startsAt), endsAt: localInput(fair.endsAt) };
}

const common = (request: FastifyRequest) => ({
  kinds: FairKindSchema.options,
  groups: TARGET_GROUPS,
  locale: request.locale,
});

/** The new and edit form, with its regions and agreements to choose from. */
async function renderForm(
  s: FairServices,
  request: FastifyRequest,
  reply: FastifyReply,
  data: { title: string; form: Record<string, unknown>; editing?: FairView; problem?: unknown },
  status = 200,
) {
  const choices = await s.formChoices(request.user!, request.locale);
  const { form } = data;
  // A saved fair keeps what it holds even where the choices no longer offer it; a new fair gets
  // only what is offered (the province officer's own "35" is no place to hold a fair).
  const current = translate(request.locale, 'fairs.new.current');
  const keep = (groups: ChoiceGroup[], value: unknown) => (data.editing ? keepCurrent(groups, value, current) : groups);
  const agreements = keep([{ label: '', options: choices.agreements }], form.agreementId);
  return reply.page(
    'fairs/new',
    {
      ...common(request),
      ...data,
      choices: {
        venue: keep(choices.venue, form.regionCode),
        home: keep(choices.home, form.homeRegionCode),
        partner: keep(choices.partner, form.partnerRegionCode),
        agreements: agreements.flatMap((g) => g.options),
      },
    },
    status,
  );
}

async function renderManage(
  s: FairServices,
  request: FastifyRequest,
  reply: FastifyReply,
  extra: Record<string, unknown> = {},
  status = 200,
) {
  const id = fairIdOf(request);
  const fair = await s.fairs.get(request.user!, id);
  const [{ items: employers }, invitations] = await Promise.all([
    s.participation.list(request.user!, id),
    s.outreach.invitationCount(id),
  ]);
  return reply.page(
    'fairs/manage',
    {
      title: fair.name,
      fair: displayFair(fair),
      moves: FAIR_TRANSITIONS[fair.status],
      employers,
      invitations,
      ...common(request),
      ...extra,
    },
    status,
  );
}

/** The officer's pages: planning, the management page, registrations, invitations and results. */
export async function fairOfficerPages(app: FastifyInstance, s: FairServices) {
  fairFormPages(app, s);
  fairManagePages(app, s);
}

/** Planning: the new and edit forms. */
function fairFormPages(app: FastifyInstance, s: FairServices) {
  app.route({
    ...page('GET', '/fairs/new', officer),
    handler: (request, reply) =>
      renderForm(s, request, reply, {
        title: translate(request.locale, 'fairs.new.title'),
        form: { regionCode: request.user!.regionCode ?? '', targetGroups: [] },
      }),
  });

  app.route({
    ...page('POST', '/fairs', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const form = fairForm(request.body as FormBody);
      try {
        const fair = await s.fairs.create(request.user!, parse(FairInputSchema, form));
        return reply.redirect(`/fairs/${fair.id}/manage`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderForm(
          s,
          request,
          reply,
          { title: translate(request.locale, 'fairs.new.title'), form, problem },
          problem.status,
        );
      }
    },
  });

  app.route({
    ...page('GET', '/fairs/:id/edit', officer),
    handler: async (request, reply) => {
      const fair = await s.fairs.get(request.user!, fairIdOf(request));
      return renderForm(s, request, reply, {
        title: translate(request.locale, 'fairs.edit.title'),
        editing: fair,
        form: formValues(fair),
      });
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/edit', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const form = fairForm(request.body as FormBody);
      try {
        await s.fairs.patch(request.user!, id, parse(FairInputSchema, form));
        return reply.redirect(`/fairs/${id}/manage?done=saved`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        const fair = await s.fairs.get(request.user!, id);
        return renderForm(
          s,
          request,
          reply,
          { title: translate(request.locale, 'fairs.edit.title'), editing: fair, form, problem },
          problem.status,
        );
      }
    },
  });
}

/** The management page and what is done from it: moves, employers' decisions, invitations. */
function fairManagePages(app: FastifyInstance, s: FairServices) {
  app.route({
    ...page('GET', '/fairs/:id/manage', officer),
    handler: (request, reply) => {
      const done = (request.query as { done?: string }).done;
      return renderManage(s, request, reply, { done });
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/state', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      try {
        const to = parse(FairStatusSchema, field(request.body as FormBody, 'to'));
        await s.fairs.move(request.user!, id, to);
        return reply.redirect(`/fairs/${id}/manage?done=${to}`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderManage(s, request, reply, { problem }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/employers/:employerId/decision', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      const employerId = fairIdOf(request, 'employerId');
      const body = request.body as FormBody;
      try {
        const status = field(body, 'status') === 'rejected' ? 'rejected' : 'approved';
        await s.participation.decide(request.user!, id, employerId, { status, booth: field(body, 'booth') });
        return reply.redirect(`/fairs/${id}/manage?done=decided`, 303);
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderManage(s, request, reply, { problem, problemFor: employerId }, problem.status);
      }
    },
  });

  app.route({
    ...page('POST', '/fairs/:id/invitations', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = fairIdOf(request);
      try {
        const sent = await s.outreach.invite(request.user!, id, 50);
        return renderManage(s, request, reply, { invited: sent });
      } catch (error) {
        const problem = pageProblem(request.locale, error);
        return renderManage(s, request, reply, { problem }, problem.status);
      }
    },
  });
}
