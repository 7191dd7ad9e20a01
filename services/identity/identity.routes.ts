import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IdentityService } from './identity.service.ts';
import { loginRoute, logoutRoute, meRoute } from './identity.contract.ts';

export async function identityRoutes(app: FastifyInstance, opts: { identity: IdentityService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { identity } = opts;

  r.route({
    ...loginRoute,
    handler: async (request) => {
      const user = await identity.authenticate(request.body.username, request.body.password, request.ip);
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
