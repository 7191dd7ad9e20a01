import crypto from 'node:crypto';
import { hashToken } from '../platform/auth/auth.plugin.ts';
import { UnauthenticatedError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { IdentityRepository } from './identity.repository.ts';
import { loginAccountName } from '../platform/auth/username.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { verifyPassword } from './password.ts';

export const API_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

export function createIdentityService(repo: IdentityRepository, throttle: LoginThrottle, pii: PiiCipher) {
  return {
    /**
     * Checks a username and password from a client address; the same error for an unknown user
     * and a wrong password. The name is normalised once, for the throttle and the look-up alike; a
     * mobile number becomes the keyed hash its account is stored under.
     */
    async authenticate(username: string, password: string, address: string): Promise<SessionUser> {
      const name = loginAccountName(pii, username);
      await throttle.begin(address, name);
      const user = await repo.findForLogin(name);
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok || user.disabledAt) {
        await throttle.failed(address, name);
        throw new UnauthenticatedError('Wrong username or password');
      }
      await throttle.succeeded(address, name);
      const { passwordHash: _hash, disabledAt: _disabled, ...publicUser } = user;
      return publicUser;
    },

    async issueApiToken(user: SessionUser): Promise<{ token: string; expiresAt: Date }> {
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + API_TOKEN_TTL_MS);
      await repo.createToken(user.id, hashToken(token), expiresAt);
      return { token, expiresAt };
    },

    async revokeApiToken(token: string): Promise<void> {
      await repo.revokeToken(hashToken(token));
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
