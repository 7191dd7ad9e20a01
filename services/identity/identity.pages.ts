import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { LoginBodySchema } from './identity.contract.ts';
import type { IdentityService } from './identity.service.ts';
import { safeNext } from './safe-next.ts';
import { TooManyAttemptsError, UnauthenticatedError } from '../platform/errors/domain-errors.ts';

const LoginFormSchema = LoginBodySchema.extend({ next: z.string().optional() });

export async function identityPages(app: FastifyInstance, opts: { identity: IdentityService }) {
  const { identity } = opts;

  app.route({
    ...page('GET', '/login', auth.public),
    handler: async (request, reply) => {
      const next = safeNext((request.query as { next?: string }).next);
      if (request.user) return reply.redirect(next, 303);
      return reply.page('identity/login', { next, form: {} });
    },
  });

  app.route({
    ...page('POST', '/login', auth.public),
    // preValidation, not onRequest: the token travels in the form body, parsed only after onRequest.
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(body.next);
      const parsed = LoginFormSchema.safeParse(body);
      const t = (key: string, params?: Record<string, unknown>) => translate(request.locale, key, params);
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues)
          errors[String(issue.path[0])] = t(`login.errors.${String(issue.path[0])}`);
        return reply.page('identity/login', { next, form: { username: body.username }, errors }, 422);
      }
      try {
        const user = await identity.authenticate(parsed.data.username, parsed.data.password, request.ip);
        await request.signIn(user.id);
        return reply.redirect(next, 303);
      } catch (error) {
        if (error instanceof TooManyAttemptsError) {
          const minutes = Math.ceil(error.retryAfterSeconds / 60);
          reply.header('retry-after', String(error.retryAfterSeconds));
          return reply.page(
            'identity/login',
            { next, form: { username: parsed.data.username }, formError: t('login.errors.too_many', { minutes }) },
            429,
          );
        }
        if (!(error instanceof UnauthenticatedError)) throw error;
        return reply.page(
          'identity/login',
          { next, form: { username: parsed.data.username }, formError: t('login.errors.credentials') },
          401,
        );
      }
    },
  });

  app.route({
    ...page('POST', '/logout', auth.public),
    // preValidation, not onRequest: the token travels in the form body, parsed only after onRequest.
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      await request.signOut();
      return reply.redirect('/login', 303);
    },
  });
}
