import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { CountiesOf } from '../regions/index.ts';
import type {
  ListQuery,
  ParticipantInput,
  ParticipantView,
  PlanInput,
  PostInput,
  TransitionInput,
} from './sanzhiyifu.contract.ts';
import type { SanzhiyifuRepository } from './sanzhiyifu.repository.ts';
import { checkStep, nextStates, type SzyfOutcome, type SzyfState } from './sanzhiyifu-states.ts';
import { type Actor, audited, dayOf, requireInScope, requireProvince, sealIdNumber } from './talent-access.ts';
import type { POST_KINDS } from './sanzhiyifu.contract.ts';

type ParticipantRow = Awaited<ReturnType<SanzhiyifuRepository['participants']>>[number];

function participantView(row: ParticipantRow): ParticipantView {
  return {
    id: row.id,
    planId: row.planId,
    year: row.plan.year,
    name: row.name,
    idNumberMasked: row.idNumberMasked,
    school: row.school,
    major: row.major,
    homeRegionCode: row.homeRegionCode,
    state: row.state as SzyfState,
    stateOn: dayOf(row.stateOn),
    postId: row.postId,
    postTitle: row.post?.title ?? null,
    countyCode: row.countyCode,
    outcome: row.outcome as SzyfOutcome | null,
    trainings: row._count.trainings,
    serviceStartOn: row.serviceStartOn ? dayOf(row.serviceStartOn) : null,
    serviceDueOn: row.serviceDueOn ? dayOf(row.serviceDueOn) : null,
  };
}

/** The day two years after `iso` (29 February → 28 February): when a service that began then falls due. */
export function serviceDueOf(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const due = new Date(Date.UTC(y + 2, m - 1, d));
  if (due.getUTCMonth() !== m - 1) due.setUTCDate(0);
  return dayOf(due);
}

type Deps = { repo: SanzhiyifuRepository; pii: PiiCipher; counties: CountiesOf };

/** The province's yearly plans and their posts by county and kind. */
function createPlansAndPosts({ repo, counties }: Deps) {
  const countyMap = async () => new Map((await counties('35')).map((c) => [c.code, c]));
  return {
    async plans() {
      return (await repo.plans()).map((p) => ({
        id: p.id,
        year: p.year,
        targetTotal: p.targetTotal,
        targetKeyCounty: p.targetKeyCounty,
        note: p.note,
        posts: p._count.posts,
      }));
    },

    async createPlan(actor: Actor, input: PlanInput, requestId?: string) {
      requireProvince(actor);
      if (input.targetKeyCounty > input.targetTotal) {
        throw new ValidationError('Key-county target over the total', [
          { field: 'targetKeyCounty', code: 'over_total', message: 'must not exceed the total target' },
        ]);
      }
      if (await repo.planOfYear(input.year))
        throw new ConflictError(`A plan for ${input.year} exists`, { reason: 'plan_exists' });
      const plan = await repo.createPlan(
        { ...input, createdById: actor.id },
        { ...audited(actor, 'sanzhiyifu.plan.create', 'SzyfPlan', requestId), details: { year: input.year } },
      );
      return { ...plan, posts: 0 };
    },

    async posts(actor: Actor, query: { planId?: string | undefined }) {
      const names = await countyMap();
      return (await repo.posts({ planId: query.planId, prefix: scopePrefix(actor) })).map((p) => ({
        id: p.id,
        planId: p.planId,
        year: p.plan.year,
        countyCode: p.countyCode,
        countyName: names.get(p.countyCode)?.name ?? p.countyCode,
        keyCounty: names.get(p.countyCode)?.keyCounty ?? false,
        kind: p.kind as (typeof POST_KINDS)[number],
        title: p.title,
        count: p.count,
        placed: p._count.participants,
      }));
    },

    async createPost(actor: Actor, input: PostInput, requestId?: string) {
      requireProvince(actor);
      if (!(await repo.plan(input.planId))) throw new NotFoundError(`Plan ${input.planId} not found`);
      const county = (await countyMap()).get(input.countyCode);
      if (!county) {
        throw new ValidationError('Unknown county', [
          { field: 'countyCode', code: 'invalid', message: 'is not a county of the province' },
        ]);
      }
      const post = await repo.createPost(input, {
        ...audited(actor, 'sanzhiyifu.post.create', 'SzyfPost', requestId),
        details: { planId: input.planId, countyCode: input.countyCode, count: input.count },
      });
      const year = (await repo.plan(input.planId))!.year;
      return { ...post, year, countyName: county.name, keyCounty: county.keyCounty, kind: input.kind, placed: 0 };
    },
  };
}

type Current = { planId: string; serviceDueOn: string | null };

/**
 * What a step changes beyond the state: a placement takes a post of the plan in the officer's region
 * and starts the two-year service; completion, refused before the service's due end, records the outcome.
 */
async function stepChanges(repo: SanzhiyifuRepository, actor: Actor, current: Current, input: TransitionInput) {
  const changes: Parameters<SanzhiyifuRepository['step']>[2] = {};
  let post: { id: string; count: number } | undefined;
  if (input.to === 'placed') {
    const found = await repo.post(input.postId!);
    if (!found || found.planId !== current.planId)
      throw new NotFoundError(`Post ${input.postId} not found in the plan`);
    requireInScope(actor, found.countyCode, 'postId');
    post = { id: found.id, count: found.count };
    Object.assign(changes, {
      postId: found.id,
      countyCode: found.countyCode,
      serviceStartOn: input.on,
      serviceDueOn: serviceDueOf(input.on),
    });
  }
  if (input.to === 'completed') {
    if (!current.serviceDueOn || input.on < current.serviceDueOn) {
      throw new ConflictError(
        `The two-year service ends on ${current.serviceDueOn ?? '(no start recorded)'}: completed is refused before it`,
        { reason: 'service_not_over', ...(current.serviceDueOn ? { dueOn: current.serviceDueOn } : {}) },
      );
    }
    changes.outcome = input.outcome!;
  }
  return { changes, post };
}

/** The participants through application, selection, placement, service and what came after. */
function createParticipants({ repo, pii }: Deps) {
  async function detail(actor: Actor, id: string) {
    const row = await repo.participant(id);
    const scope = scopePrefix(actor);
    if (!row || !(row.countyCode ?? row.homeRegionCode).startsWith(scope)) {
      throw new NotFoundError(`Participant ${id} not found`);
    }
    return {
      ...participantView({ ...row, _count: { trainings: row.trainings.length } }),
      transitions: row.transitions.map((t) => ({
        fromState: t.fromState,
        toState: t.toState,
        on: dayOf(t.on),
        byUserId: t.byUserId,
        note: t.note,
      })),
      trainingList: row.trainings.map((t) => ({
        id: t.id,
        title: t.title,
        attendedOn: dayOf(t.attendedOn),
        hours: t.hours,
      })),
      next: [...nextStates(row.state)],
    };
  }

  return {
    async participants(actor: Actor, query: ListQuery) {
      return (await repo.participants({ ...query, prefix: scopePrefix(actor) })).map(participantView);
    },

    async createParticipant(actor: Actor, input: ParticipantInput, requestId?: string) {
      requireInScope(actor, input.homeRegionCode, 'homeRegionCode');
      if (!(await repo.plan(input.planId))) throw new NotFoundError(`Plan ${input.planId} not found`);
      const sealed = sealIdNumber(pii, input.idNumber);
      if (await repo.byIdHash(input.planId, sealed.idNumberHash)) {
        throw new ConflictError('Already applied to this plan', { reason: 'already_applied' });
      }
      const row = await repo.createParticipant(
        {
          planId: input.planId,
          name: input.name,
          ...sealed,
          homeRegionCode: input.homeRegionCode,
          school: input.school ?? null,
          major: input.major ?? null,
          stateOn: input.appliedOn,
        },
        actor.id,
        // The ID number is sealed and never put in a record; the audit names the plan and the region.
        {
          ...audited(actor, 'sanzhiyifu.participant.create', 'SzyfParticipant', requestId),
          details: { planId: input.planId, homeRegionCode: input.homeRegionCode, idNumber: sealed.idNumberMasked },
        },
      );
      return (await detail(actor, row.id)) satisfies ParticipantView;
    },

    detail,

    /**
     * One step of the state machine, dated and signed. A placement names a post in the officer's region
     * with a free place and starts the two-year service; completion is refused before it falls due.
     */
    async transition(actor: Actor, id: string, input: TransitionInput, requestId?: string) {
      const current = await detail(actor, id);
      const problem = checkStep(current.state, { ...input, lastOn: current.stateOn });
      if (problem === 'post_required' || problem === 'outcome_required' || problem === 'before_last') {
        const field = problem === 'post_required' ? 'postId' : problem === 'outcome_required' ? 'outcome' : 'on';
        throw new ValidationError('The step is incomplete', [
          { field, code: problem, message: problem.replace('_', ' ') },
        ]);
      }
      if (problem) throw new ConflictError(`${current.state} → ${input.to} is not a step`, { reason: 'not_allowed' });
      const { changes, post } = await stepChanges(repo, actor, current, input);
      const stepped = await repo.step(
        id,
        { from: current.state, to: input.to, on: input.on, byUserId: actor.id, note: input.note },
        changes,
        {
          ...audited(actor, 'sanzhiyifu.participant.step', 'SzyfParticipant', requestId),
          entityId: id,
          details: { from: current.state, to: input.to, on: input.on, ...(post ? { postId: post.id } : {}) },
        },
        post,
      );
      if (stepped === 'full')
        throw new ConflictError('Every place of the post is taken', { reason: 'post_full', postId: post!.id });
      if (stepped === 'changed') throw new ConflictError('The participant changed meanwhile', { reason: 'changed' });
      return detail(actor, id);
    },

    async addTraining(
      actor: Actor,
      id: string,
      input: { title: string; attendedOn: string; hours?: number | undefined },
      requestId?: string,
    ) {
      const current = await detail(actor, id);
      if (!['placed', 'serving', 'completed'].includes(current.state)) {
        throw new ConflictError('Trainings are for participants in service', { reason: 'not_in_service' });
      }
      await repo.addTraining(
        { participantId: id, ...input },
        {
          ...audited(actor, 'sanzhiyifu.training.add', 'SzyfParticipant', requestId),
          entityId: id,
          details: { title: input.title, attendedOn: input.attendedOn },
        },
      );
      return detail(actor, id);
    },
  };
}

/** 三支一扶 (plan §5(4)): plans and posts kept by the province, participants by the officers of their region. */
export function createSanzhiyifuService(deps: Deps) {
  return { ...createPlansAndPosts(deps), ...createParticipants(deps) };
}

export type SanzhiyifuService = ReturnType<typeof createSanzhiyifuService>;
