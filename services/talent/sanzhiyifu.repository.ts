import { type AuditEntry, recordAudit } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { PLACED_STATES } from './sanzhiyifu-states.ts';
import { auditedWrite } from './talent-audit.repository.ts';
import { day } from './talent-where.ts';

/** Who holds a post: placed, serving or done; a participant who withdrew frees it. */
const HOLDING = { state: { in: [...PLACED_STATES] } };

/** Who the region scope looks at: placed people by their post's county, others by their home. */
const inRegion = (prefix: string): Prisma.SzyfParticipantWhereInput =>
  prefix
    ? {
        OR: [{ countyCode: { startsWith: prefix } }, { countyCode: null, homeRegionCode: { startsWith: prefix } }],
      }
    : {};

/** 三支一扶 plans, posts, participants and their dated steps. */
export function createSanzhiyifuRepository(db: Db) {
  return {
    plans: () => db.szyfPlan.findMany({ orderBy: { year: 'desc' }, include: { _count: { select: { posts: true } } } }),
    plan: (id: string) => db.szyfPlan.findUnique({ where: { id } }),
    planOfYear: (year: number) => db.szyfPlan.findUnique({ where: { year } }),
    createPlan: (
      data: {
        year: number;
        targetTotal: number;
        targetKeyCounty: number;
        note?: string | undefined;
        createdById: string;
      },
      audit: AuditEntry,
    ) =>
      db.$transaction(async (tx) => {
        const plan = await tx.szyfPlan.create({ data: { ...data, note: data.note ?? null } });
        await recordAudit(tx, { ...audit, entityId: plan.id });
        return plan;
      }),

    posts: (where: { planId?: string | undefined; prefix: string }) =>
      db.szyfPost.findMany({
        where: { ...(where.planId ? { planId: where.planId } : {}), countyCode: { startsWith: where.prefix } },
        orderBy: [{ countyCode: 'asc' }, { kind: 'asc' }],
        include: { plan: { select: { year: true } }, _count: { select: { participants: { where: HOLDING } } } },
      }),
    post: (id: string) => db.szyfPost.findUnique({ where: { id }, include: { plan: { select: { year: true } } } }),
    createPost: (
      data: { planId: string; countyCode: string; kind: string; title: string; count: number },
      audit: AuditEntry,
    ) => auditedWrite(db, audit, (tx) => tx.szyfPost.create({ data })),

    participants: (where: { planId?: string | undefined; state?: string | undefined; prefix: string }) =>
      db.szyfParticipant.findMany({
        where: {
          ...(where.planId ? { planId: where.planId } : {}),
          ...(where.state ? { state: where.state } : {}),
          ...inRegion(where.prefix),
        },
        orderBy: [{ createdAt: 'desc' }],
        include: {
          plan: { select: { year: true } },
          post: { select: { title: true, kind: true } },
          _count: { select: { trainings: true } },
        },
      }),
    participant: (id: string) =>
      db.szyfParticipant.findUnique({
        where: { id },
        include: {
          plan: { select: { year: true } },
          post: { select: { title: true, kind: true, countyCode: true } },
          transitions: { orderBy: { at: 'asc' } },
          trainings: { orderBy: { attendedOn: 'asc' } },
        },
      }),
    byIdHash: (planId: string, idNumberHash: string) =>
      db.szyfParticipant.findUnique({ where: { planId_idNumberHash: { planId, idNumberHash } } }),
    createParticipant: (
      data: Omit<Prisma.SzyfParticipantUncheckedCreateInput, 'stateOn'> & { stateOn: string },
      byUserId: string,
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, async (tx) => {
        const created = await tx.szyfParticipant.create({ data: { ...data, stateOn: day(data.stateOn) } });
        await tx.szyfTransition.create({
          data: { participantId: created.id, fromState: '', toState: 'applied', on: day(data.stateOn), byUserId },
        });
        return created;
      }),
    ...serviceWrites(db),
    ...figureQueries(db),
  };
}

/** A participant's steps and trainings through the service, each with its audit record. */
function serviceWrites(db: Db) {
  return {
    /**
     * One step: the participant's state, post, outcome and service dates, and the signed transition,
     * together. A placement counts the post's holders in the same transaction: 'full' when none is free.
     */
    step: (
      id: string,
      step: { from: string; to: string; on: string; byUserId: string; note?: string | undefined },
      changes: {
        postId?: string;
        countyCode?: string;
        outcome?: string;
        serviceStartOn?: string;
        serviceDueOn?: string;
      },
      audit: AuditEntry,
      post?: { id: string; count: number },
    ) =>
      auditedWrite(db, audit, async (tx) => {
        if (post && (await tx.szyfParticipant.count({ where: { postId: post.id, ...HOLDING } })) >= post.count)
          return 'full' as const;
        const { serviceStartOn, serviceDueOn, ...rest } = changes;
        const { count } = await tx.szyfParticipant.updateMany({
          where: { id, state: step.from },
          data: {
            state: step.to,
            stateOn: day(step.on),
            ...rest,
            ...(serviceStartOn ? { serviceStartOn: day(serviceStartOn) } : {}),
            ...(serviceDueOn ? { serviceDueOn: day(serviceDueOn) } : {}),
          },
        });
        if (count === 0) return 'changed' as const;
        return tx.szyfTransition.create({
          data: {
            participantId: id,
            fromState: step.from,
            toState: step.to,
            on: day(step.on),
            byUserId: step.byUserId,
            note: step.note ?? null,
          },
        });
      }),
    addTraining: (
      data: { participantId: string; title: string; attendedOn: string; hours?: number | undefined },
      audit: AuditEntry,
    ) =>
      auditedWrite(db, audit, (tx) =>
        tx.szyfTraining.create({ data: { ...data, attendedOn: day(data.attendedOn), hours: data.hours ?? null } }),
      ),
  };
}

/** What the 三支一扶 figures read (talent-figures.ts counts them). */
function figureQueries(db: Db) {
  return {
    /** What the year's figures count: the year's plan with its posts and participants and their steps. */
    figureRows: (year: number) =>
      db.szyfPlan.findUnique({
        where: { year },
        include: {
          posts: { select: { countyCode: true, count: true } },
          participants: {
            select: {
              state: true,
              countyCode: true,
              homeRegionCode: true,
              outcome: true,
              transitions: { select: { toState: true, on: true } },
            },
          },
        },
      }),

    /**
     * What the period's service figures count, over every plan (a service lasts two years, so people
     * finishing now came from a plan two years back): participants who completed within the period or
     * whose service falls due within it, and the trainings attended within it.
     */
    servicePeriodRows: async (from: string, to: string) => {
      const within = { gte: day(from), lte: day(to) };
      const [people, trainings] = await Promise.all([
        db.szyfParticipant.findMany({
          where: { OR: [{ transitions: { some: { toState: 'completed', on: within } } }, { serviceDueOn: within }] },
          select: {
            state: true,
            countyCode: true,
            homeRegionCode: true,
            outcome: true,
            serviceDueOn: true,
            transitions: { where: { toState: 'completed' }, select: { on: true } },
          },
        }),
        db.szyfTraining.findMany({
          where: { attendedOn: within },
          select: { participantId: true, participant: { select: { countyCode: true, homeRegionCode: true } } },
        }),
      ]);
      return {
        people: people.map(({ transitions, ...p }) => ({ ...p, completedOn: transitions[0]?.on ?? null })),
        trainings: trainings.map((t) => ({ participantId: t.participantId, ...t.participant })),
      };
    },
  };
}

export type SanzhiyifuRepository = ReturnType<typeof createSanzhiyifuRepository>;
