import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { FindingKindSchema } from './comparison.contract.ts';
import { renderReport, type ReportQuery } from './comparison.pages.ts';
import type { ComparisonService } from './comparison.service.ts';
import type { FindingActions } from './finding-actions.service.ts';

const Params = z.object({ id: z.uuid(), findingId: z.string().regex(/^\d{1,18}$/) });
type Body = Record<string, string | undefined>;

/** The forms on a report's findings: apply one to the registry, or dismiss it with a reason. */
export async function findingActionPages(
  app: FastifyInstance,
  opts: { comparison: ComparisonService; actions: FindingActions },
) {
  const { comparison, actions } = opts;
  const officer = auth.roles('officer', 'admin');

  /** Where the officer was: the same page and filter of the report, at the finding's row. */
  function back(id: string, findingId: string, body: Body, done: string) {
    const query = new URLSearchParams({ done });
    if (/^\d{1,6}$/.test(body.page ?? '')) query.set('page', body.page!);
    const kind = FindingKindSchema.safeParse(body.kind);
    if (kind.success) query.set('kind', kind.data);
    return `/comparisons/${id}?${query.toString()}#finding-${findingId}`;
  }

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    work: (params: z.infer<typeof Params>, body: Body) => Promise<unknown>,
    done: 'applied' | 'dismissed',
  ) {
    const params = Params.parse(request.params);
    const body = (request.body ?? {}) as Body;
    const t = (key: string) => translate(request.locale, `comparison.actions.${key}`);
    const query: ReportQuery = { page: body.page, kind: body.kind };
    try {
      await work(params, body);
      return reply.redirect(back(params.id, params.findingId, body, done), 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const field = error.issues[0]?.field ?? 'reason';
        return renderReport(comparison, request, reply, params.id, query, {
          status: 422,
          findingId: params.findingId,
          message: t('fixErrors'),
          fields: { [field]: t(`invalid.${field}`) },
        });
      }
      if (error instanceof ConflictError) {
        const reason = String((error.details as { reason?: string } | undefined)?.reason ?? 'closed');
        return renderReport(comparison, request, reply, params.id, query, {
          status: 409,
          findingId: params.findingId,
          message: t(`conflicts.${reason}`),
          fields: {},
        });
      }
      throw error;
    }
  }

  app.route({
    ...page('POST', '/comparisons/:id/findings/:findingId/apply', officer),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      answer(
        request,
        reply,
        ({ id, findingId }, body) =>
          actions.apply(request.user!, id, BigInt(findingId), { value: body.value || undefined }, request.id),
        'applied',
      ),
  });

  app.route({
    ...page('POST', '/comparisons/:id/findings/:findingId/dismiss', officer),
    preValidation: app.csrfProtection,
    handler: (request, reply) =>
      answer(
        request,
        reply,
        async ({ id, findingId }, body) => {
          const reason = (body.reason ?? '').trim();
          if (reason.length < 2 || reason.length > 200)
            throw new ValidationError('A reason is required', [
              { field: 'reason', message: 'must be 2 to 200 characters', code: 'invalid' },
            ]);
          return actions.dismiss(request.user!, id, BigInt(findingId), reason, request.id);
        },
        'dismissed',
      ),
  });

  // A form's address opened again (history, a new tab) shows the report: answering takes the form.
  for (const action of ['apply', 'dismiss']) {
    app.route({
      ...page('GET', `/comparisons/:id/findings/:findingId/${action}`, officer),
      handler: async (request, reply) => {
        const { id, findingId } = Params.parse(request.params);
        return reply.redirect(`/comparisons/${id}#finding-${findingId}`, 303);
      },
    });
  }
}
