import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { audit } from './catalogue.service.ts';
import type {
  GraduationInput,
  InternshipInput,
  InternshipView,
  PlacementView,
} from './tech-school-careers.contract.ts';
import type {
  TechSchoolCareersRepository,
  TechSchoolInternship,
  TechSchoolPlacement,
} from './tech-school-careers.repository.ts';
import { techSchoolGraduateFigures } from './tech-school-figures.ts';
import type { TechSchoolPlace } from './tech-schools.repository.ts';
import { placeView } from './tech-schools.service.ts';
import type { Area } from '../platform/access/area.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);
const today = () => chinaDate(new Date())!;
const invalid = (field: string, code: string, message: string) =>
  new ValidationError('The record is not valid', [{ field, code, message }]);

export const internshipView = (row: TechSchoolInternship): InternshipView => ({
  id: row.id,
  placeId: row.placeId,
  employerId: row.employerId,
  employerName: row.employerName,
  post: row.post,
  startOn: day(row.startOn),
  endOn: day(row.endOn),
  recordedOn: chinaDate(row.createdAt)!,
});

export const placementView = (row: TechSchoolPlacement): PlacementView => ({
  id: row.id,
  placeId: row.placeId,
  employerId: row.employerId,
  employerName: row.employerName,
  vacancyId: row.vacancyId,
  jobTitle: row.jobTitle,
  startOn: day(row.startOn),
  recordedOn: chinaDate(row.createdAt)!,
});

/** The employer named: a platform employer of the actor's region, or a free-text name. */
async function employerOf(
  repo: TechSchoolCareersRepository,
  actor: SessionUser,
  input: { employerId?: string | undefined; employerName?: string | undefined },
) {
  if (input.employerId) {
    const employer = await repo.employer(input.employerId);
    if (!employer || !employer.regionCode.startsWith(scopePrefix(actor)))
      throw invalid('employerId', 'not_in_region', 'is not an employer of your region');
    return { employerId: employer.id, employerName: employer.name };
  }
  if (!input.employerName) throw invalid('employerName', 'required', 'is required when no platform employer is chosen');
  return { employerId: null, employerName: input.employerName };
}

/** The job of a graduation's input, checked; null when none of its fields is given. */
async function jobOf(
  repo: TechSchoolCareersRepository,
  actor: SessionUser,
  place: TechSchoolPlace,
  input: GraduationInput,
): Promise<Parameters<TechSchoolCareersRepository['graduate']>[2]> {
  if (!(input.employerId || input.employerName || input.jobTitle || input.startOn || input.vacancyId)) return null;
  if (!input.jobTitle) throw invalid('jobTitle', 'required', 'is required');
  if (!input.startOn) throw invalid('startOn', 'required', 'is required');
  const employer = await employerOf(repo, actor, input);
  if (input.vacancyId) {
    const vacancy = employer.employerId ? await repo.vacancy(input.vacancyId) : null;
    if (!vacancy || vacancy.employerId !== employer.employerId)
      throw invalid('vacancyId', 'not_of_employer', 'is not a vacancy of the chosen employer');
  }
  return {
    placeId: place.id,
    ...employer,
    vacancyId: input.vacancyId ?? null,
    jobTitle: input.jobTitle,
    startOn: new Date(`${input.startOn}T00:00:00Z`),
    regionCode: place.regionCode,
    recordedById: actor.id,
  };
}

/**
 * Internships (实习) and graduation with job placement (毕业推荐就业) of poor families' technical-school
 * students (plan §3(3) 优先安排实习，优先推荐就业), linked to the employers of the platform when they are
 * on it. The student's own labourer record is not changed here: the labourers module has no public
 * operation for an employment status (hires change it inside the applications module), so the job is
 * recorded with the student.
 */
export function createTechSchoolCareers(deps: {
  repo: TechSchoolCareersRepository;
  reference: () => Promise<ReferenceNames>;
}) {
  const { repo, reference } = deps;

  async function inScope(actor: SessionUser, id: string) {
    const row = await repo.place(id);
    if (!row || !row.regionCode.startsWith(scopePrefix(actor))) throw new NotFoundError(`Student ${id} does not exist`);
    return row;
  }

  return {
    async internships(actor: SessionUser, id: string) {
      await inScope(actor, id);
      return (await repo.internshipsOf(id)).map(internshipView);
    },

    /** The student's internships, job placement and the region's employers (the student page). */
    async careerOf(actor: SessionUser, id: string) {
      const place = await inScope(actor, id);
      const [internships, placement, employers, vacancies] = await Promise.all([
        repo.internshipsOf(id),
        repo.placementOf(id),
        repo.employersOf(scopePrefix(actor)),
        repo.vacanciesOf(scopePrefix(actor)),
      ]);
      return {
        state: place.state,
        internships: internships.map(internshipView),
        placement: placement ? placementView(placement) : null,
        employers: employers.map((e) => ({ code: e.id, label: e.name })),
        vacancies: vacancies.map((v) => ({ code: v.id, label: `${v.title} · ${v.employer.name}` })),
      };
    },

    async recordInternship(actor: SessionUser, id: string, input: InternshipInput, requestId?: string) {
      const place = await inScope(actor, id);
      if (place.state !== 'enrolled')
        throw new ConflictError(`A ${place.state} place has no student to send on an internship`, {
          reason: 'internship_not_enrolled',
        });
      if (input.endOn < input.startOn) throw invalid('endOn', 'before_start', 'must not be before the start date');
      const employer = await employerOf(repo, actor, input);
      const row = await repo.createInternship(
        {
          placeId: id,
          ...employer,
          post: input.post,
          startOn: new Date(`${input.startOn}T00:00:00Z`),
          endOn: new Date(`${input.endOn}T00:00:00Z`),
          regionCode: place.regionCode,
          recordedById: actor.id,
        },
        {
          ...audit(actor, 'training.tech_school.internship', 'TechSchoolInternship', requestId),
          details: { placeId: id, employerId: employer.employerId, startOn: input.startOn, endOn: input.endOn },
        },
      );
      return internshipView(row);
    },

    /**
     * Graduates an enrolled student, with the job placed in when any of its fields is given; for a
     * graduate without a job yet, records the job (graduatedOn is then ignored).
     */
    async graduate(actor: SessionUser, id: string, input: GraduationInput, requestId?: string, locale = 'zh-CN') {
      const place = await inScope(actor, id);
      const graduating = place.state === 'enrolled';
      if (!graduating && place.state !== 'graduated')
        throw new ConflictError(`A ${place.state} place cannot graduate`, { reason: 'graduate_not_enrolled' });
      if (graduating && input.graduatedOn > today())
        throw invalid('graduatedOn', 'future', 'must not be in the future');
      const placement = await jobOf(repo, actor, place, input);
      if (!graduating && !placement) throw invalid('jobTitle', 'required', 'is required for a graduate’s job');
      const done = await repo.graduate(id, graduating ? input.graduatedOn : null, placement, {
        ...audit(actor, 'training.tech_school.graduation', 'TechSchoolPlace', requestId),
        entityId: id,
        details: {
          graduatedOn: graduating ? input.graduatedOn : null,
          employerId: placement?.employerId ?? null,
          vacancyId: placement?.vacancyId ?? null,
          placed: Boolean(placement),
        },
      });
      if (!done)
        throw new ConflictError('The student was changed meanwhile or has a job recorded already', {
          reason: 'changed',
        });
      return {
        student: placeView(done.place, await reference(), locale),
        placement: done.placement ? placementView(done.placement) : null,
      };
    },

    /** Graduates and their placement in jobs for an area (a region prefix or several) and period (reports' tech-school indicators). */
    async figures(area: Area, period: { from: string; to: string }) {
      const rows = await repo.figureRows(area, period);
      return techSchoolGraduateFigures(
        rows.map((r) => ({
          graduatedOn: day(r.graduatedOn!),
          jobStartOn: r.placement ? day(r.placement.startOn) : null,
        })),
        period,
      );
    },
  };
}

export type TechSchoolCareers = ReturnType<typeof createTechSchoolCareers>;
