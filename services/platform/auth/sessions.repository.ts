import type { Db } from '../database/prisma.ts';

/** A user as others may see them. */
export const PUBLIC_USER_SELECT = {
  id: true,
  username: true,
  role: true,
  displayName: true,
  regionCode: true,
  locale: true,
  labourerId: true,
  employerId: true,
  trainingProviderId: true,
} as const;

/** What a request needs to know about its caller (bearer token or session alike). */
export const CALLER_SELECT = { ...PUBLIC_USER_SELECT, disabledAt: true } as const;

/** Page sessions: a row per sign-in, revoked on sign-out. */
export function createSessionsRepository(db: Db) {
  return {
    /** Opens a session; the same person's expired ones are swept on the way (their index is cheap). */
    async open(userId: string, expiresAt: Date): Promise<string> {
      await db.session.deleteMany({ where: { userId, expiresAt: { lt: new Date() } } });
      const row = await db.session.create({ data: { userId, expiresAt }, select: { id: true } });
      return row.id;
    },
    /** The live session's user with the fields asked for, or null when it is unknown, revoked or expired. */
    async userOf(sessionId: string) {
      const row = await db.session.findUnique({
        where: { id: sessionId },
        select: { expiresAt: true, revokedAt: true, user: { select: CALLER_SELECT } },
      });
      if (!row || row.revokedAt || row.expiresAt < new Date()) return null;
      return row.user;
    },
    revoke: (sessionId: string) =>
      db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } }),
  };
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>;

/** API bearer tokens, looked up by their hash (they are issued by the identity module). */
export function createApiTokensRepository(db: Db) {
  return {
    /** The token's validity and its holder; null when no token has this hash. */
    byHash: (tokenHash: string) =>
      db.apiToken.findUnique({
        where: { tokenHash },
        select: { expiresAt: true, revokedAt: true, user: { select: CALLER_SELECT } },
      }),
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;
