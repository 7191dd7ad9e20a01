import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdentityService } from './identity.service.ts';
import { loginRoute, logoutRoute, meRoute } from './identity.contract.ts';

export const LOGIN_RATE_LIMIT = {
  max: 10,
  timeWindow: '1 minute',
  // After body parsing: the key needs the username.
  hook: 'preValidation' as const,
  // Per address and username, so one person's typos do not lock out a whole office behind one NAT.
  keyGenerator: (request: { ip: string; body?: unknown }) =>
    `${request.ip}:${String((request.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
};

export async function identityRoutes(app: FastifyInstance, opts: { identity: IdentityService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { identity } = opts;

  r.route({
    ...loginRoute,
    config: { ...loginRoute.config, rateLimit: LOGIN_RATE_LIMIT },
    handler: async (request) => {
      const user = await identity.authenticate(request.body.username, request.body.password);
      const { token, expiresAt } = await identity.issueApiToken(user);
      return { token, expiresAt: expiresAt.toISOString(), user };
    },
  });

  r.route({
    ...logoutRoute,
    handler: async (request, reply) => {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) await identity.revokeApiToken(header.slice(7).trim());
      return reply.status(204).send(null);
    },
  });

  r.route({
    ...meRoute,
    handler: async (request) => request.user!,
  });
}
