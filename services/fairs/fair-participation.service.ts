import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { assertManages, toParticipationView } from './fairs.presenter.ts';
import { FAIR_ALLOWS } from './fair-states.ts';
import type { ParticipationView } from './fairs.contract.ts';
import type { FairRow, FairsRepository, ParticipationRow } from './fairs.repository.ts';
import type { FairsService } from './fairs.service.ts';

/** The employer an action is for: the caller's own, or (officers) the one named. */
function employerFor(actor: SessionUser, fair: FairRow, named: string | undefined): string {
  if (actor.role === 'employer') {
    if (!actor.employerId) throw new NotFoundError('Your account has no employer yet');
    if (named && named !== actor.employerId) throw new ForbiddenError('You may only act for your own employer');
    return actor.employerId;
  }
  assertManages(actor, fair);
  if (!named)
    throw new ValidationError('Say which employer', [
      { field: 'employerId', code: 'required', message: 'is required' },
    ]);
  return named;
}

/** Only verified employers' open, unexpired vacancies go to a fair. */
async function attachChecked(repo: FairsRepository, at: Date, fair: FairRow, employerId: string, vacancyIds: string[]) {
  if (!vacancyIds.length) return;
  const rows = await repo.vacancies(vacancyIds);
  const found = new Map(rows.map((r) => [r.id, r]));
  vacancyIds.forEach((id, i) => {
    const v = found.get(id);
    if (!v)
      throw new ValidationError('Unknown vacancy', [
        { field: `vacancyIds.${i}`, code: 'invalid', message: 'does not exist' },
      ]);
    if (v.employerId !== employerId) throw new ForbiddenError(`Vacancy ${id} belongs to another employer`);
    if (v.status !== 'open' || (v.expiresAt && v.expiresAt < at) || !v.employer.verifiedAt)
      throw new ConflictError(`Vacancy ${id} is not open`, { reason: 'vacancy_not_open', vacancyId: id });
  });
  await repo.attach(vacancyIds.map((vacancyId) => ({ fairId: fair.id, vacancyId, employerId })));
}

/** Employers taking part: applying, the officer's decision with a booth, and the vacancies they bring. */
export function createParticipationService({
  repo,
  fairs,
  now = () => new Date(),
}: {
  repo: FairsRepository;
  fairs: FairsService;
  now?: () => Date;
}) {
  async function view(row: ParticipationRow): Promise<ParticipationView> {
    const links = await repo.fairVacancies(row.fairId, [row.employerId]);
    const briefs = await repo.vacancyBriefs(links.map((l) => l.vacancyId));
    return toParticipationView(
      row,
      briefs.map(({ id, title, wageMin, wageMax, headcount }) => ({ id, title, wageMin, wageMax, headcount })),
    );
  }

  return {
    async apply(
      actor: SessionUser,
      fairId: string,
      body: { employerId?: string | undefined; note?: string | undefined; vacancyIds: string[] },
    ) {
      const fair = await fairs.load(fairId);
      const employerId = employerFor(actor, fair, body.employerId);
      if (!FAIR_ALLOWS.employerApply.includes(fair.status))
        throw new ConflictError(`Employers cannot apply to a ${fair.status} fair`, { reason: 'not_open_to_employers' });
      const employer = await repo.employer(employerId);
      if (!employer) throw new NotFoundError(`Employer ${employerId} does not exist`);
      if (!employer.verifiedAt)
        throw new ConflictError('Only verified employers take part in fairs', { reason: 'employer_not_verified' });
      const existing = await repo.participation(fairId, employerId);
      if (existing && (existing.status === 'pending' || existing.status === 'approved'))
        throw new ConflictError('The employer has already applied', { reason: 'already_applied' });
      await attachChecked(repo, now(), fair, employerId, body.vacancyIds);
      await repo.upsertParticipation(fairId, employerId, body.note ?? null);
      return view((await repo.participation(fairId, employerId))!);
    },

    async list(actor: SessionUser, fairId: string) {
      const fair = await fairs.load(fairId);
      if (actor.role === 'employer') {
        if (!actor.employerId) return { items: [] };
        const own = await repo.participations(fairId, actor.employerId);
        return { items: await Promise.all(own.map(view)) };
      }
      assertManages(actor, fair);
      return { items: await Promise.all((await repo.participations(fairId)).map(view)) };
    },

    /** The employer's fairs and its open vacancies (employer pages). */
    async forEmployer(actor: SessionUser) {
      if (!actor.employerId) return { fairs: [], vacancies: [] };
      const [rows, vacancies] = await Promise.all([
        repo.employerFairs(actor.employerId),
        repo.openVacancies(actor.employerId),
      ]);
      return { fairs: rows, vacancies };
    },

    /** The caller's own participation, if any (employer pages). */
    async mine(actor: SessionUser, fairId: string) {
      if (!actor.employerId) return null;
      const row = await repo.participation(fairId, actor.employerId);
      return row ? view(row) : null;
    },

    async decide(
      actor: SessionUser,
      fairId: string,
      employerId: string,
      body: { status: 'approved' | 'rejected'; booth?: string | undefined; note?: string | undefined },
    ) {
      const fair = await fairs.managed(actor, fairId);
      const row = await repo.participation(fairId, employerId);
      if (!row) throw new NotFoundError('The employer has not applied to this fair');
      if (fair.status === 'closed' || fair.status === 'cancelled')
        throw new ConflictError(`The fair is ${fair.status}`, { reason: 'fair_over' });
      if (body.status === 'approved' && !fair.online && !body.booth && !row.booth)
        throw new ValidationError('A booth is needed', [{ field: 'booth', code: 'required', message: 'is required' }]);
      const decided = await repo.decide(row.id, {
        status: body.status,
        booth: body.booth ?? row.booth,
        ...(body.note ? { note: body.note } : {}),
        decidedById: actor.id,
        decidedAt: now(),
      });
      return view(decided);
    },

    async attach(actor: SessionUser, fairId: string, vacancyIds: string[]) {
      const fair = await fairs.load(fairId);
      if (!FAIR_ALLOWS.attachVacancy.includes(fair.status))
        throw new ConflictError(`Vacancies cannot be added to a ${fair.status} fair`, { reason: 'fair_over' });
      let employerId: string;
      if (actor.role === 'employer') {
        employerId = employerFor(actor, fair, undefined);
      } else {
        assertManages(actor, fair);
        const [first] = await repo.vacancies(vacancyIds.slice(0, 1));
        if (!first)
          throw new ValidationError('Unknown vacancy', [
            { field: 'vacancyIds.0', code: 'invalid', message: 'does not exist' },
          ]);
        employerId = first.employerId;
      }
      const row = await repo.participation(fairId, employerId);
      if (!row || row.status === 'rejected' || row.status === 'withdrawn')
        throw new ConflictError('The employer does not take part in this fair', { reason: 'not_participating' });
      await attachChecked(repo, now(), fair, employerId, vacancyIds);
      return view(row);
    },
  };
}

export type ParticipationService = ReturnType<typeof createParticipationService>;
