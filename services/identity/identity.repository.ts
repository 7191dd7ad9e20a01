import type { Db } from '../platform/database/prisma.ts';

import { PUBLIC_USER_SELECT } from '../platform/auth/sessions.repository.ts';

export { PUBLIC_USER_SELECT };

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
