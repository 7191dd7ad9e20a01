import type { Db } from '../platform/database/prisma.ts';

export const PUBLIC_USER_SELECT = {
  id: true,
  username: true,
  role: true,
  displayName: true,
  regionCode: true,
  locale: true,
  labourerId: true,
  employerId: true,
} as const;

export function createIdentityRepository(db: Db) {
  return {
    findForLogin: (username: string) =>
      db.user.findUnique({
        where: { username },
        select: { ...PUBLIC_USER_SELECT, passwordHash: true, disabledAt: true },
      }),
    findById: (id: string) => db.user.findUnique({ where: { id }, select: PUBLIC_USER_SELECT }),
    createToken: (userId: string, tokenHash: string, expiresAt: Date) =>
      db.apiToken.create({ data: { userId, tokenHash, expiresAt } }),
    revokeToken: (tokenHash: string) =>
      db.apiToken.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: new Date() } }),
    setLocale: (userId: string, locale: string) => db.user.update({ where: { id: userId }, data: { locale } }),
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
