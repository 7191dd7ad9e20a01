import { ageOn } from '../platform/time/age.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { Candidate, FeedbackBody, Match } from './matching.contract.ts';
import type { PersonRow } from './matching.repository.ts';
import { createMatcher, type JobMatch, type MatcherDeps } from './matcher.ts';
import { explain } from './reasons.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { Lang } from './types.ts';

/** A match with what the pages show beside the API's fields. */
export interface MatchView extends Match {
  payBasis: JobMatch['vacancy']['payBasis'];
  headcount: number;
  accommodation: boolean;
  meals: boolean;
  contactName: string;
  contactPhone: string;
  percent: number;
  notInterested: boolean;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function toMatchView(match: JobMatch, taxonomy: Taxonomy, lang: Lang): MatchView {
  const v = match.vacancy;
  return {
    vacancyId: v.id,
    title: v.title,
    employerName: v.employer.name,
    regionCode: v.regionCode,
    regionName: taxonomy.regionName(v.regionCode, lang),
    wageMin: v.wageMin,
    wageMax: v.wageMax,
    distanceKm: match.distanceKm,
    score: round3(match.score),
    reasons: explain(match.contributions, { lang, audience: 'person', taxonomy }),
    payBasis: v.payBasis,
    headcount: v.headcount,
    accommodation: v.accommodation,
    meals: v.meals,
    contactName: v.employer.contactName,
    contactPhone: v.employer.contactPhone,
    percent: Math.round(match.score * 100),
    notInterested: match.contributions.some((c) => c.code === 'not_interested'),
  };
}

/**
 * Matching's use cases with their access rules: a person's jobs (the person, officers of their
 * region, admins), a vacancy's people (its employer, officers of its region, admins) and the
 * person's "not interested".
 */
export function createMatchingService(deps: MatcherDeps) {
  const { repo } = deps;
  const matcher = createMatcher(deps);

  async function personInReach(actor: SessionUser, labourerId: string): Promise<PersonRow> {
    if (actor.role === 'labourer' && actor.labourerId !== labourerId) {
      throw new ForbiddenError('You may only see your own matches');
    }
    if (actor.role === 'employer') throw new ForbiddenError('Employers see people through their vacancies');
    const row = await repo.person(labourerId);
    if (!row || row.erasedAt) throw new NotFoundError(`Labourer ${labourerId} does not exist`);
    if (actor.role === 'officer' && !row.regionCode.startsWith(scopePrefix(actor))) {
      throw new ForbiddenError('The person is outside your region');
    }
    return row;
  }

  return {
    matcher,
    personInReach,

    async matches(actor: SessionUser, labourerId: string, query: { limit: number; lang: Lang }) {
      const person = await personInReach(actor, labourerId);
      const [{ matches }, taxonomy] = await Promise.all([matcher.jobsFor(person, query.limit), matcher.taxonomy()]);
      return { person, items: matches.map((m) => toMatchView(m, taxonomy, query.lang)) };
    },

    async candidates(actor: SessionUser, vacancyId: string, query: { limit: number; lang: Lang }) {
      const vacancy = await repo.vacancy(vacancyId);
      if (!vacancy) throw new NotFoundError(`Vacancy ${vacancyId} does not exist`);
      if (actor.role === 'employer' && actor.employerId !== vacancy.employerId) {
        throw new ForbiddenError('This is not one of your vacancies');
      }
      if (actor.role === 'labourer') throw new ForbiddenError('Only the employer and officers see candidates');
      const scope = actor.role === 'officer' ? scopePrefix(actor) : actor.role === 'admin' ? '' : null;
      if (scope !== null && !vacancy.regionCode.startsWith(scope)) {
        throw new ForbiddenError('The vacancy is outside your region');
      }
      // Names only for officers whose region covers the person; employers never see them.
      const visible = (regionCode: string) => scope !== null && regionCode.startsWith(scope);
      const { matches } = await matcher.peopleFor(vacancy, query.limit, (p) =>
        visible(p.regionCode) ? 'officer' : 'employer',
      );
      const taxonomy = await matcher.taxonomy();
      const now = deps.now?.() ?? new Date();
      const items: Candidate[] = matches.map((m) => {
        const row = m.row;
        const shown = visible(row.regionCode);
        const regionCode = shown ? row.regionCode : row.regionCode.slice(0, 6);
        return {
          labourerId: row.id,
          name: shown ? row.name : maskName(row.name),
          age: ageOn(row.birthDate, now),
          sex: row.sex,
          regionCode,
          regionName: taxonomy.regionName(regionCode, query.lang),
          expectedWage: row.expectedWage,
          distanceKm: m.distanceKm,
          score: round3(m.score),
          reasons: explain(m.contributions, {
            lang: query.lang,
            audience: shown ? 'officer' : 'employer',
            taxonomy,
          }),
        };
      });
      return { vacancy, items };
    },

    async notInterested(actor: SessionUser, labourerId: string, body: FeedbackBody) {
      await personInReach(actor, labourerId);
      if (!(await repo.vacancyExists(body.vacancyId)))
        throw new NotFoundError(`Vacancy ${body.vacancyId} does not exist`);
      const saved = await repo.saveFeedback(labourerId, body.vacancyId, body.reason || null);
      return { ...saved, createdAt: saved.createdAt.toISOString() };
    },

    async undoNotInterested(actor: SessionUser, labourerId: string, vacancyId: string) {
      await personInReach(actor, labourerId);
      if (!(await repo.deleteFeedback(labourerId, vacancyId))) {
        throw new NotFoundError('There is no "not interested" for this job');
      }
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
