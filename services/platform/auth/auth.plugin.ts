import crypto from 'node:crypto';
import secureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors.ts';
import { isApiRequest } from '../errors/error-handler.ts';
import type { SessionUser } from '../http/fastify-types.ts';
import { isApiRoute } from '../http/route-kind.ts';
import type { ApiTokensRepository, SessionsRepository } from './sessions.repository.ts';

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

export interface AuthPluginOptions {
  sessions: SessionsRepository;
  tokens: ApiTokensRepository;
  sessionSecret: string;
  secureCookies: boolean;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * Resolves the caller (bearer token for API clients, encrypted session cookie for pages) and
 * enforces the route's declared auth rule before anything else runs. A route without a rule is
 * refused: the default is closed.
 */
async function authPlugin(app: FastifyInstance, opts: AuthPluginOptions) {
  await app.register(secureSession, {
    key: crypto.createHash('sha256').update(`session:${opts.sessionSecret}`).digest(),
    cookieName: 'wb_session',
    expiry: SESSION_MAX_AGE_S,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: SESSION_MAX_AGE_S },
  });
  app.decorateRequest('user', null);
  const { sessions, tokens } = opts;

  app.decorateRequest('signIn', async function (this: FastifyRequest, userId: string) {
    const sessionId = await sessions.open(userId, new Date(Date.now() + SESSION_MAX_AGE_S * 1000));
    this.session.regenerate();
    this.session.set('sessionId', sessionId);
  });
  app.decorateRequest('signOut', async function (this: FastifyRequest) {
    const sessionId = this.session.get('sessionId');
    if (sessionId) await sessions.revoke(sessionId);
    this.session.delete();
  });

  async function resolveUser(request: FastifyRequest): Promise<SessionUser | null> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = await tokens.byHash(hashToken(header.slice(7).trim()));
      if (!token || token.revokedAt || token.expiresAt < new Date() || token.user.disabledAt) {
        throw new UnauthenticatedError('The bearer token is invalid or expired');
      }
      return token.user;
    }
    // A cookie rides along with cross-site requests; API writes therefore need the bearer token,
    // while pages protect their forms with CSRF tokens.
    // The matched route decides, not the raw URL, which the router decodes (`/%61pi/...`).
    const safe = request.method === 'GET' || request.method === 'HEAD';
    if (!safe && isApiRoute(request)) return null;
    const sessionId = request.session.get('sessionId');
    if (!sessionId) return null;
    // One indexed read per request, as the user look-up it replaces: revocation takes effect at once.
    const user = await sessions.userOf(sessionId);
    if (!user || user.disabledAt) {
      request.session.delete();
      return null;
    }
    return user;
  }

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const rule = request.routeOptions.config.auth;
    // The not-found handler has no route; it reveals nothing, so it needs no rule.
    if (request.routeOptions.url === undefined) return;
    if (!rule) throw new Error(`Route ${request.method} ${request.routeOptions.url} declares no auth rule`);
    // A public route checking a machine's token of its own (GET /metrics) is not a user's bearer.
    if ((request.routeOptions.config as { ownToken?: boolean }).ownToken) return;
    request.user = await resolveUser(request);
    if (rule.kind === 'public') return;
    if (!request.user) {
      if (!isApiRequest(request)) {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new UnauthenticatedError('Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/login');
    }
    if (rule.kind === 'role' && !rule.roles.includes(request.user.role)) {
      throw new ForbiddenError(`This requires the role ${rule.roles.join(' or ')}`);
    }
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['error-handler'] });
