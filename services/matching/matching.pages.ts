import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../platform/errors/domain-errors.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import type { MatchingService } from './matching.service.ts';
import type { Lang } from './types.ts';

/** How many jobs a page shows: enough to choose from, few enough for a cheap phone. */
const PAGE_LIMIT = 20;
const uuid = z.uuid();

const langOf = (request: FastifyRequest): Lang => (request.locale === 'en' ? 'en' : 'zh-CN');

function vacancyIdFrom(request: FastifyRequest): string {
  const raw = (request.body as Record<string, unknown> | undefined)?.vacancyId;
  const parsed = uuid.safeParse(Array.isArray(raw) ? raw[0] : raw);
  if (!parsed.success) {
    throw new ValidationError('Say which job', [
      { field: 'vacancyId', code: 'invalid', message: 'must be a vacancy id' },
    ]);
  }
  return parsed.data;
}

function ownLabourerId(request: FastifyRequest): string {
  const id = request.user?.labourerId;
  if (!id) throw new ForbiddenError('This account has no registry record');
  return id;
}

/**
 * "My jobs" for job seekers (one-tap apply posts to /applications, "not interested" sinks a job)
 * and, for officers helping over the phone, a person's matches with the employers' contacts.
 */
export async function matchingPages(app: FastifyInstance, opts: { matching: MatchingService }) {
  const { matching } = opts;
  const labourer = auth.roles('labourer');
  const officer = auth.roles('officer', 'admin');

  app.route({
    ...page('GET', '/my-jobs', labourer),
    handler: async (request, reply) => {
      const query = request.query as { hidden?: string; restored?: string };
      const { items } = await matching.matches(request.user!, ownLabourerId(request), {
        limit: PAGE_LIMIT,
        lang: langOf(request),
      });
      return reply.page('matching/my-jobs', {
        title: translate(request.locale, 'matching.myJobs.title'),
        items,
        hidden: query.hidden && uuid.safeParse(query.hidden).success ? query.hidden : null,
        restored: query.restored === '1',
      });
    },
  });

  app.route({
    ...page('POST', '/my-jobs/not-interested', labourer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const vacancyId = vacancyIdFrom(request);
      await matching.notInterested(request.user!, ownLabourerId(request), { vacancyId });
      return reply.redirect(`/my-jobs?hidden=${vacancyId}`, 303);
    },
  });

  app.route({
    ...page('POST', '/my-jobs/undo', labourer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      await matching.undoNotInterested(request.user!, ownLabourerId(request), vacancyIdFrom(request));
      return reply.redirect('/my-jobs?restored=1', 303);
    },
  });

  app.route({
    ...page('GET', '/labourers/:id/matches', officer),
    handler: async (request, reply) => {
      const id = uuid.safeParse((request.params as { id: string }).id);
      if (!id.success) return reply.callNotFound();
      const lang = langOf(request);
      const { person, items } = await matching.matches(request.user!, id.data, { limit: PAGE_LIMIT, lang });
      const taxonomy = await matching.matcher.taxonomy();
      return reply.page('matching/person', {
        title: translate(request.locale, 'matching.officer.title', { name: person.name }),
        person: {
          id: person.id,
          name: person.name,
          phoneMasked: person.phoneMasked,
          mobility: person.mobility,
          expectedWage: person.expectedWage,
          regionName: taxonomy.regionName(person.regionCode, lang),
          desired: person.desiredOccupations.map((code) => taxonomy.occupationName(code, lang)),
          skills: person.skills.map((s) => taxonomy.skillName(s.skillCode, lang)),
        },
        items,
      });
    },
  });

  app.route({
    ...page('POST', '/labourers/:id/matches/not-interested', officer),
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const id = uuid.safeParse((request.params as { id: string }).id);
      if (!id.success) return reply.callNotFound();
      await matching.notInterested(request.user!, id.data, { vacancyId: vacancyIdFrom(request) });
      return reply.redirect(`/labourers/${id.data}/matches`, 303);
    },
  });
}
