import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { recordAuditOf } from './talent-audit.repository.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { page } from '../platform/http/contract.ts';
import { parseForm } from '../platform/http/page-forms.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { CountiesOf } from '../regions/index.ts';
import {
  ParticipantInputSchema,
  PlanInputSchema,
  POST_KINDS,
  PostInputSchema,
  TrainingInputSchema,
  TransitionInputSchema,
} from './sanzhiyifu.contract.ts';
import type { SanzhiyifuService } from './sanzhiyifu.service.ts';
import { SZYF_OUTCOMES } from './sanzhiyifu-states.ts';
import { talentTables } from './talent.export.ts';
import { choices, exportFormat, type FormProblem, officers, savedOf, submitForm } from './talent-page-kit.ts';

const PlanQuery = z.object({ planId: z.uuid().optional().catch(undefined) });

/** 三支一扶 pages: the plan, its posts and participants (/sanzhiyifu), one participant's steps. */
export async function sanzhiyifuPages(
  app: FastifyInstance,
  opts: { sanzhiyifu: SanzhiyifuService; counties: CountiesOf; audit: ReturnType<typeof recordAuditOf> },
) {
  const { sanzhiyifu, counties, audit } = opts;

  async function render(request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200) {
    const user = request.user!;
    const locale = request.locale;
    const plans = await sanzhiyifu.plans();
    const wanted = PlanQuery.parse(request.query).planId ?? problem?.values.planId;
    const plan = plans.find((p) => p.id === wanted) ?? plans[0] ?? null;
    const [posts, participants, all] = await Promise.all([
      plan ? sanzhiyifu.posts(user, { planId: plan.id }) : [],
      plan ? sanzhiyifu.participants(user, { planId: plan.id }) : [],
      counties('35'),
    ]);
    const scope = scopePrefix(user);
    return reply.page(
      'talent/sanzhiyifu',
      {
        title: translate(locale, 'talent.szyf.title'),
        plans: plans.map((p) => ({ ...p, current: p.id === plan?.id })),
        plan,
        posts,
        participants: participants.map((p) => ({ ...p, stateLabel: translate(locale, `talent.states.${p.state}`) })),
        province: scope.length <= 2,
        counties: all
          .filter((c) => c.code.startsWith(scope))
          .map((c) => ({
            value: c.code,
            label: c.keyCounty ? `${c.name}（${translate(locale, 'talent.keyCounty')}）` : c.name,
          })),
        kinds: choices(locale, 'talent.kinds', POST_KINDS),
        today: new Date().toISOString().slice(0, 10),
        problem,
        values: problem?.values ?? {},
        saved: savedOf(request.query),
      },
      status,
    );
  }

  app.route({ ...page('GET', '/sanzhiyifu', officers), handler: (request, reply) => render(request, reply) });

  const back = (planId: string | undefined) => (planId ? `/sanzhiyifu?planId=${planId}` : '/sanzhiyifu');
  const redo = (request: FastifyRequest, reply: FastifyReply) => (p: FormProblem, s: number) =>
    render(request, reply, p, s);

  app.route({
    ...page('POST', '/sanzhiyifu/plans', officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'plan',
        async (v) => back((await sanzhiyifu.createPlan(request.user!, parseForm(PlanInputSchema, v), request.id)).id),
        redo(request, reply),
      ),
  });
  app.route({
    ...page('POST', '/sanzhiyifu/posts', officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'post',
        async (v) =>
          back((await sanzhiyifu.createPost(request.user!, parseForm(PostInputSchema, v), request.id)).planId),
        redo(request, reply),
      ),
  });
  app.route({
    ...page('POST', '/sanzhiyifu/participants', officers, { personalData: true }),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'participant',
        async (v) =>
          back(
            (await sanzhiyifu.createParticipant(request.user!, parseForm(ParticipantInputSchema, v), request.id))
              .planId,
          ),
        redo(request, reply),
      ),
  });

  app.route({
    ...page('GET', '/sanzhiyifu/export', officers),
    handler: async (request, reply) => {
      const query = z
        .object({
          list: z.enum(['plans', 'posts', 'participants']).catch('participants'),
          planId: z.uuid().optional().catch(undefined),
        })
        .parse(request.query);
      const format = exportFormat(request.query);
      const user = request.user!;
      if (query.list === 'plans')
        return sendTable(reply, format, talentTables.plans(request.locale, await sanzhiyifu.plans()));
      if (query.list === 'posts')
        return sendTable(reply, format, talentTables.posts(request.locale, await sanzhiyifu.posts(user, query)));
      const rows = await sanzhiyifu.participants(user, query);
      await audit(user, 'sanzhiyifu.export', 'SzyfParticipant', request.id, { rows: rows.length, format });
      return sendTable(reply, format, talentTables.participants(request.locale, rows));
    },
  });

  await participantPages(app, sanzhiyifu);
}

async function participantPages(app: FastifyInstance, sanzhiyifu: SanzhiyifuService) {
  async function render(request: FastifyRequest, reply: FastifyReply, problem?: FormProblem, status = 200) {
    const { id } = z.object({ id: z.uuid() }).parse(request.params);
    const locale = request.locale;
    const person = await sanzhiyifu.detail(request.user!, id);
    const posts = await sanzhiyifu.posts(request.user!, { planId: person.planId });
    return reply.page(
      'talent/participant',
      {
        title: `${translate(locale, 'talent.szyf.participant')} ${person.name}`,
        person: { ...person, stateLabel: translate(locale, `talent.states.${person.state}`) },
        transitions: person.transitions.map((t) => ({
          ...t,
          fromLabel: t.fromState ? translate(locale, `talent.states.${t.fromState}`) : '',
          toLabel: translate(locale, `talent.states.${t.toState}`),
        })),
        next: choices(locale, 'talent.states', person.next),
        posts: posts.map((p) => ({ value: p.id, label: `${p.countyName} · ${p.title}` })),
        outcomes: choices(locale, 'talent.outcomes', SZYF_OUTCOMES),
        canTrain: ['placed', 'serving', 'completed'].includes(person.state),
        today: new Date().toISOString().slice(0, 10),
        problem,
        values: problem?.values ?? {},
        saved: savedOf(request.query),
      },
      status,
    );
  }
  const url = '/sanzhiyifu/participants/:id';
  const idOf = (request: FastifyRequest) => z.object({ id: z.uuid() }).parse(request.params).id;
  app.route({ ...page('GET', url, officers), handler: (request, reply) => render(request, reply) });
  app.route({
    ...page('POST', `${url}/transitions`, officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'step',
        async (v) => {
          await sanzhiyifu.transition(request.user!, idOf(request), parseForm(TransitionInputSchema, v), request.id);
          return `/sanzhiyifu/participants/${idOf(request)}`;
        },
        (p, s) => render(request, reply, p, s),
      ),
  });
  app.route({
    ...page('POST', `${url}/trainings`, officers),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      submitForm(
        request,
        reply,
        'training',
        async (v) => {
          await sanzhiyifu.addTraining(request.user!, idOf(request), parseForm(TrainingInputSchema, v), request.id);
          return `/sanzhiyifu/participants/${idOf(request)}`;
        },
        (p, s) => render(request, reply, p, s),
      ),
  });
}
