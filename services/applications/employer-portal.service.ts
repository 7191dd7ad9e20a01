import { scopePrefix } from '../platform/access/scope.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { ApplicationStatus } from './application-states.ts';
import type { ApplicationView, Candidate, CandidateQuery, Retention } from './applications.contract.ts';
import type { ApplicationsRepository, VacancyForApplications } from './applications.repository.ts';
import type { ApplicationsService } from './applications.service.ts';
import { retentionTotals } from './employment-effects.ts';
import type { CandidateSearch } from './candidates.search.ts';

export interface EmployerPortalDeps {
  repo: ApplicationsRepository;
  applications: ApplicationsService;
  reference: () => Promise<ReferenceNames>;
  search: CandidateSearch;
  now?: () => Date;
}

/** Order of the board's columns: the work in hand first, closed matters last. */
export const BOARD_ORDER: readonly ApplicationStatus[] = [
  'applied',
  'viewed',
  'interview',
  'offered',
  'hired',
  'started',
  'invited',
  'left',
  'rejected',
  'withdrawn',
];

/** The employer's side: candidates to invite, the applicants board, hires and retention. */
export function createEmployerPortalService(deps: EmployerPortalDeps) {
  const { repo, reference, search } = deps;
  const now = deps.now ?? (() => new Date());

  async function ownVacancy(actor: SessionUser, vacancyId: string): Promise<VacancyForApplications> {
    const vacancy = await repo.vacancy(vacancyId);
    if (!vacancy) throw new NotFoundError(`Vacancy ${vacancyId} does not exist`);
    if (actor.role === 'admin') return vacancy;
    if (actor.role === 'employer' && actor.employerId === vacancy.employerId) return vacancy;
    throw new ForbiddenError('This is not one of your vacancies');
  }

  async function employerInScope(actor: SessionUser, employerId: string | undefined) {
    if (actor.role === 'employer') {
      if (!actor.employerId) throw new ForbiddenError('Your account belongs to no employer');
      if (employerId && employerId !== actor.employerId) throw new ForbiddenError('You may only see your own figures');
      employerId = actor.employerId;
    }
    if (!employerId)
      throw new ValidationError('Say which employer', [
        { field: 'employerId', code: 'required', message: 'is required' },
      ]);
    const employer = await repo.employer(employerId);
    if (!employer) throw new NotFoundError(`Employer ${employerId} does not exist`);
    if (actor.role === 'officer' && !employer.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError('The employer is outside your region');
    return employer;
  }

  return {
    ownVacancy,

    /**
     * Job seekers for a vacancy from the labourer index: people who want work, filtered by skill,
     * region and age band (the vacancy's own by default); a public-welfare post shows only people
     * marked hard to employ. Each carries the status of their application here, if any.
     */
    async candidates(actor: SessionUser, query: CandidateQuery) {
      const vacancy = await ownVacancy(actor, query.vacancyId);
      const ageMin = query.ageMin ?? vacancy.ageMin ?? undefined;
      const ageMax = query.ageMax ?? vacancy.ageMax ?? undefined;
      const filter = ['wantsJob = true'];
      if (vacancy.publicWelfarePost) filter.push('hardToEmploy = true');
      if (query.skill) filter.push(`skillCodes = "${query.skill}"`);
      if (query.regionCode) filter.push(`regionPrefixes = "${query.regionCode}"`);
      if (ageMin !== undefined) filter.push(`age >= ${ageMin}`);
      if (ageMax !== undefined) filter.push(`age <= ${ageMax}`);
      const result = await search.find({
        q: query.q,
        filter,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      });
      const ref = await reference();
      const statuses = await repo.statusesFor(
        vacancy.id,
        result.hits.map((hit) => hit.id),
      );
      const items: Candidate[] = result.hits.map((hit) => ({
        labourerId: hit.id,
        maskedName: hit.maskedName,
        sex: hit.sex,
        age: hit.age,
        regionName: ref.regionName(hit.regionCode.slice(0, 6)),
        skillNames: hit.skillNames,
        desiredOccupationNames: hit.desiredOccupationNames,
        mobility: hit.mobility,
        expectedWage: hit.expectedWage,
        employmentStatus: hit.employmentStatus,
        applicationStatus: statuses.get(hit.id) ?? null,
      }));
      return {
        vacancy,
        defaults: { ageMin, ageMax },
        items,
        total: result.total ?? items.length,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Every application to one vacancy, grouped by status in board order. */
    async board(actor: SessionUser, vacancyId: string) {
      const vacancy = await ownVacancy(actor, vacancyId);
      const { items } = await deps.applications.list(actor, { vacancyId, page: 1, pageSize: 200 });
      const columns = BOARD_ORDER.map((status) => ({
        status,
        items: items.filter((item: ApplicationView) => item.status === status),
      }));
      return { vacancy, columns, total: items.length };
    },

    /** Hires, people still in work, early leaves (within three months) and the retention rate. */
    async retention(actor: SessionUser, employerId?: string): Promise<Retention> {
      const employer = await employerInScope(actor, employerId);
      const { hires, vacancies } = await repo.retention(employer.id);
      const at = now();
      const byVacancy = vacancies.map((v) => ({
        vacancyId: v.id,
        title: v.title,
        status: v.status,
        headcount: v.headcount,
        applicants: v._count.applications,
        ...retentionTotals(
          hires.filter((h) => h.vacancyId === v.id),
          at,
        ),
      }));
      return {
        employerId: employer.id,
        employerName: employer.name,
        ...retentionTotals(hires, at),
        byVacancy,
      };
    },
  };
}

export type EmployerPortalService = ReturnType<typeof createEmployerPortalService>;
