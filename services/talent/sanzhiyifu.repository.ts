import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';
import type { Db, Prisma } from '../platform/database/prisma.ts';
import { day } from './talent-where.ts';

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
        include: { plan: { select: { year: true } }, _count: { select: { participants: true } } },
      }),
    post: (id: string) => db.szyfPost.findUnique({ where: { id }, include: { plan: { select: { year: true } } } }),
    createPost: (data: { planId: string; countyCode: string; kind: string; title: string; count: number }) =>
      db.szyfPost.create({ data }),

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
    ) =>
      db.$transaction(async (tx) => {
        const created = await tx.szyfParticipant.create({ data: { ...data, stateOn: day(data.stateOn) } });
        await tx.szyfTransition.create({
          data: { participantId: created.id, fromState: '', toState: 'applied', on: day(data.stateOn), byUserId },
        });
        return created;
      }),
    /** One step: the participant's state, post and outcome, and the signed transition, together. */
    step: (
      id: string,
      step: { from: string; to: string; on: string; byUserId: string; note?: string | undefined },
      changes: { postId?: string; countyCode?: string; outcome?: string },
    ) =>
      db.$transaction(async (tx) => {
        const { count } = await tx.szyfParticipant.updateMany({
          where: { id, state: step.from },
          data: { state: step.to, stateOn: day(step.on), ...changes },
        });
        if (count === 0) return false;
        await tx.szyfTransition.create({
          data: {
            participantId: id,
            fromState: step.from,
            toState: step.to,
            on: day(step.on),
            byUserId: step.byUserId,
            note: step.note ?? null,
          },
        });
        return true;
      }),
    addTraining: (data: { participantId: string; title: string; attendedOn: string; hours?: number | undefined }) =>
      db.szyfTraining.create({
        data: { ...data, attendedOn: day(data.attendedOn), hours: data.hours ?? null },
      }),

    /** What the figures count: one year's participants with their steps, and its posts. */
    figureRows: async (year: number) => {
      const plan = await db.szyfPlan.findUnique({
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
      });
      return plan;
    },
  };
}

export type SanzhiyifuRepository = ReturnType<typeof createSanzhiyifuRepository>;
