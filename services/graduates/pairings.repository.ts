import type { Db } from '../platform/database/prisma.ts';
import type { PairingContactChannel, PairingEndReason } from '../platform/database/generated/enums.ts';
import { recordAudit, type AuditEntry } from '../platform/audit/audit.repository.ts';

const PAIRING_INCLUDE = {
  graduate: true,
  contacts: { orderBy: { on: 'desc' } },
  referrals: { orderBy: { createdAt: 'desc' } },
} as const;

/** Officers' accounts as matchmakers (the identity module's users, read only). */
function officerQueries(db: Db) {
  return {
    /** Officers and volunteers who may be matchmakers for people under the prefix: their own region covers it. */
    matchmakers: (prefix: string) =>
      db.user.findMany({
        where: { role: { in: ['officer', 'volunteer'] }, regionCode: { startsWith: prefix }, disabledAt: null },
        select: { id: true, displayName: true, regionCode: true, role: true },
        orderBy: [{ role: 'asc' }, { username: 'asc' }],
      }),

    user: (id: string) =>
      db.user.findUnique({
        where: { id },
        select: { id: true, role: true, regionCode: true, displayName: true, disabledAt: true },
      }),

    userNames: async (ids: string[]) =>
      new Map(
        (
          await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } })
        ).map((u) => [u.id, u.displayName]),
      ),
  };
}

/** Matchmakers' pairings, their contacts and referrals; officers' accounts as matchmakers. */
export function createPairingsRepository(db: Db) {
  return {
    ...officerQueries(db),
    find: (id: string) => db.matchmakerPairing.findUnique({ where: { id }, include: PAIRING_INCLUDE }),

    /** The graduate's open pairing, else the latest one. */
    latestOf: (graduateId: string) =>
      db.matchmakerPairing.findFirst({
        where: { graduateId },
        include: PAIRING_INCLUDE,
        orderBy: [{ endedAt: { sort: 'desc', nulls: 'first' } }, { startedAt: 'desc' }],
      }),

    mine: (matchmakerId: string, open: boolean) =>
      db.matchmakerPairing.findMany({
        where: { matchmakerId, ...(open ? { endedAt: null } : {}) },
        include: PAIRING_INCLUDE,
        orderBy: [{ endedAt: { sort: 'desc', nulls: 'first' } }, { startedAt: 'desc' }],
        take: 200,
      }),

    /** Opens a pairing; null when the graduate already has an open one (the unique open key). */
    async open(graduateId: string, matchmakerId: string, assignedById: string) {
      try {
        return await db.matchmakerPairing.create({
          data: { graduateId, matchmakerId, assignedById, openKey: graduateId },
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },

    /** Opens many pairings in one transaction (the round-robin of "pair all"). */
    openMany: (pairs: Array<{ graduateId: string; matchmakerId: string }>, assignedById: string) =>
      db.$transaction(async (tx) => {
        const result = await tx.matchmakerPairing.createMany({
          data: pairs.map((p) => ({ ...p, assignedById, openKey: p.graduateId })),
          skipDuplicates: true,
        });
        return result.count;
      }),

    end: (id: string, reason: PairingEndReason, note: string | null, at: Date) =>
      db.matchmakerPairing.updateMany({
        where: { id, endedAt: null },
        data: { endedAt: at, endReason: reason, endNote: note, openKey: null },
      }),

    /** Open pairings of graduates of years before `year`: their year is over. */
    endYearOver: (year: number, at: Date) =>
      db.matchmakerPairing.updateMany({
        where: { endedAt: null, graduate: { graduationYear: { lt: year } } },
        data: { endedAt: at, endReason: 'year_over', openKey: null },
      }),

    addContact: (
      pairingId: string,
      contact: { on: Date; channel: PairingContactChannel; note: string; byId: string },
    ) =>
      db.$transaction(async (tx) => {
        const row = await tx.pairingContact.create({ data: { pairingId, ...contact } });
        const pairing = await tx.matchmakerPairing.findUniqueOrThrow({ where: { id: pairingId } });
        if (!pairing.lastContactAt || pairing.lastContactAt < contact.on)
          await tx.matchmakerPairing.update({ where: { id: pairingId }, data: { lastContactAt: contact.on } });
        return row;
      }),

    addReferral: async (
      pairingId: string,
      referral: { vacancyId: string; applicationId: string | null; note: string | null; byId: string },
    ) => {
      try {
        return await db.pairingReferral.create({ data: { pairingId, ...referral } });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return null;
        throw error;
      }
    },

    /** Graduates who left school without work and have no open pairing, under a prefix. */
    unpaired: (prefix: string, year: number) =>
      db.graduate.findMany({
        where: {
          regionCode: { startsWith: prefix },
          graduationYear: year,
          status: 'left_without_work',
          pairings: { none: { endedAt: null } },
        },
        select: { id: true, regionCode: true },
        orderBy: [{ regionCode: 'asc' }, { id: 'asc' }],
      }),

    /** Open pairings with no contact since `before` (or none at all, begun before it). */
    quiet: (before: Date) =>
      db.matchmakerPairing.findMany({
        where: {
          endedAt: null,
          OR: [{ lastContactAt: { lt: before } }, { lastContactAt: null, startedAt: { lt: before } }],
        },
        select: { id: true, matchmakerId: true, graduateId: true, lastContactAt: true, startedAt: true },
      }),

    audit: (entry: AuditEntry) => recordAudit(db, entry),
  };
}

export type PairingsRepository = ReturnType<typeof createPairingsRepository>;
export type PairingRow = NonNullable<Awaited<ReturnType<PairingsRepository['find']>>>;
