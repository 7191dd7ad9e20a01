import { scopePrefix } from '../platform/access/scope.ts';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { type ActorKind, initialStatus, originFor, REQUIRED_FIELDS, transitionProblem } from './application-states.ts';
import type {
  ApplicationCreate,
  ApplicationDetail,
  ApplicationListQuery,
  ApplicationView,
  TransitionInput,
} from './applications.contract.ts';
import { toDetail, toView } from './applications.presenter.ts';
import type {
  ApplicationFilter,
  ApplicationRow,
  ApplicationsRepository,
  TransitionWrite,
} from './applications.repository.ts';
import { applyRefusal, REFUSAL_MESSAGES, type VacancyForApply } from './apply-rules.ts';
import { parseChinaTime } from '../platform/time/china-time.ts';
import { employmentStatusForHire } from './employment-effects.ts';
import type { ApplicationNotices } from '../notifications/index.ts';
import type { HireEvents } from './hire-events.ts';

export interface ApplicationsDeps {
  repo: ApplicationsRepository;
  reference: () => Promise<ReferenceNames>;
  now?: () => Date;
  /** Tells the person or the employer about each step; never throws. */
  notices?: ApplicationNotices;
  /** Other modules' listeners to hires (graduates close their pairings); see hire-events.ts. */
  hires?: HireEvents;
}

export function actorKind(actor: SessionUser): ActorKind {
  // A 就业红娘 volunteer works only through its pairings (the graduates module refers for it); a
  // training provider's account runs its courses and nothing else.
  if (actor.role === 'volunteer') throw new ForbiddenError('A volunteer has no access to applications');
  if (actor.role === 'training_provider') throw new ForbiddenError('A training provider has no access to applications');
  return actor.role;
}

/** May this caller see (and so act on) the application at all? Officers follow their region's people. */
export function assertInScope(actor: SessionUser, row: Pick<ApplicationRow, 'labourerId' | 'labourer' | 'vacancy'>) {
  switch (actor.role) {
    case 'admin':
      return;
    case 'labourer':
      if (actor.labourerId && row.labourerId === actor.labourerId) return;
      throw new ForbiddenError('You may only see your own applications');
    case 'employer':
      if (actor.employerId && row.vacancy.employerId === actor.employerId) return;
      throw new ForbiddenError('You may only see applications to your own vacancies');
    case 'officer':
      if (row.labourer.regionCode.startsWith(scopePrefix(actor))) return;
      throw new ForbiddenError('The applicant lives outside your region');
    case 'volunteer':
    case 'training_provider':
      throw new ForbiddenError(`A ${actor.role} account has no access to applications`);
  }
}

function refuse(vacancy: VacancyForApply, labourer: { hardToEmploy: boolean }, now: Date) {
  const reason = applyRefusal(vacancy, labourer, now);
  if (!reason) return;
  if (reason === 'public_welfare_only') throw new ForbiddenError(REFUSAL_MESSAGES[reason], { reason });
  throw new ConflictError(REFUSAL_MESSAGES[reason], { reason });
}

// The history shows the new status and the source (application); the note names the employer
// (and the reason for leaving) without words in any one language.
const noteFor = {
  hired: (employer: string) => employer,
  started: (employer: string) => employer,
  left: (employer: string, reason: string) => `${employer} · ${reason}`,
};

/** Whose application this is: the person themself, or the one an officer or employer names. */
async function personFor(actor: SessionUser, requested: string | undefined) {
  if (actor.role === 'labourer') {
    if (!actor.labourerId) throw new NotFoundError('Your account has no job-seeker profile yet: register first');
    if (requested && requested !== actor.labourerId) throw new ForbiddenError('You may only apply for yourself');
    return actor.labourerId;
  }
  if (!requested)
    throw new ValidationError('Say whose application this is', [
      { field: 'labourerId', code: 'required', message: 'is required' },
    ]);
  return requested;
}

/** Effective date of a hire, start or leave: not in the future, not before the step it follows. */
function effectiveDate(input: TransitionInput, after: Date | null, now: () => Date): Date {
  const at = input.at ? parseChinaTime(input.at) : now();
  const issue = (code: string, message: string): FieldIssue[] => [{ field: 'at', code, message }];
  if (at.getTime() > now().getTime())
    throw new ValidationError('The date lies in the future', issue('in_future', 'must not be in the future'));
  if (after && at < after)
    throw new ValidationError('The date lies before the previous step', issue('before_previous', 'is too early'));
  return at;
}

/** Fills in what a step writes: its dates and fields, the employment change it brings, a filled vacancy. */
function stepData(
  row: ApplicationRow,
  input: TransitionInput,
  write: TransitionWrite,
  employerName: string,
  now: () => Date,
) {
  const household = row.labourer.regionCode;
  switch (input.to) {
    case 'interview':
      write.data = { interviewAt: parseChinaTime(input.interviewAt!), interviewPlace: input.interviewPlace! };
      return;
    case 'offered':
      write.data = { offeredWage: input.offeredWage ?? null };
      return;
    case 'hired': {
      const hiredAt = effectiveDate(input, null, now);
      write.data = { hiredAt };
      write.employment = {
        labourerId: row.labourerId,
        to: employmentStatusForHire(row.vacancy, household),
        since: hiredAt,
        note: noteFor.hired(employerName),
      };
      write.fillVacancy = { id: row.vacancy.id, headcount: row.vacancy.headcount };
      return;
    }
    case 'started': {
      const startedAt = effectiveDate(input, row.hiredAt, now);
      write.data = { startedAt };
      write.employment = {
        labourerId: row.labourerId,
        to: employmentStatusForHire(row.vacancy, household),
        since: startedAt,
        note: noteFor.started(employerName),
      };
      return;
    }
    case 'left': {
      const leftAt = effectiveDate(input, row.startedAt ?? row.hiredAt, now);
      write.data = { leftAt, leftReason: input.leftReason! };
      write.employment = {
        labourerId: row.labourerId,
        to: 'unemployed',
        since: leftAt,
        note: noteFor.left(employerName, input.leftReason!),
      };
      return;
    }
    default:
      write.data = {};
  }
}

/** The part of a list filter the caller's role and region impose (and a check of what they asked for). */
async function scopeFilter(
  actor: SessionUser,
  query: ApplicationListQuery,
  repo: ApplicationsRepository,
): Promise<ApplicationFilter> {
  const filter: ApplicationFilter = {};
  if (actor.role === 'employer') {
    if (!actor.employerId) throw new ForbiddenError('Your account belongs to no employer');
    filter.employerId = actor.employerId;
    if (query.vacancyId) {
      const vacancy = await repo.vacancy(query.vacancyId);
      if (!vacancy) throw new NotFoundError(`Vacancy ${query.vacancyId} does not exist`);
      if (vacancy.employerId !== actor.employerId)
        throw new ForbiddenError('You may only see applications to your own vacancies');
    }
  } else if (actor.role === 'officer') {
    const prefix = scopePrefix(actor);
    filter.labourerRegion = prefix;
    if (query.labourerId) {
      const person = await repo.labourer(query.labourerId);
      if (!person) throw new NotFoundError(`Labourer ${query.labourerId} does not exist`);
      if (!person.regionCode.startsWith(prefix)) throw new ForbiddenError('The person lives outside your region');
    }
  } else if (actor.role !== 'admin') {
    throw new ForbiddenError('Use your own list of applications');
  }
  return filter;
}

export function createApplicationsService(deps: ApplicationsDeps) {
  const { repo, reference, now = () => new Date(), notices, hires } = deps;
  async function load(actor: SessionUser, id: string): Promise<ApplicationRow> {
    const row = await repo.find(id);
    if (!row) throw new NotFoundError(`Application ${id} does not exist`);
    assertInScope(actor, row);
    return row;
  }

  return {
    /** One tap for a person, on someone's behalf for an officer, an invitation for an employer. */
    async apply(actor: SessionUser, input: ApplicationCreate): Promise<ApplicationView> {
      const kind = actorKind(actor);
      const vacancy = await repo.vacancy(input.vacancyId);
      if (!vacancy) throw new NotFoundError(`Vacancy ${input.vacancyId} does not exist`);
      const labourerId = await personFor(actor, input.labourerId);
      const person = await repo.labourer(labourerId);
      if (!person || person.erasedAt) throw new NotFoundError(`Labourer ${labourerId} does not exist`);
      if (kind === 'officer' && !person.regionCode.startsWith(scopePrefix(actor)))
        throw new ForbiddenError('The person lives outside your region');
      if (kind === 'employer') {
        if (!actor.employerId || vacancy.employerId !== actor.employerId)
          throw new ForbiddenError('You may only invite people to your own vacancies');
        // Only people who agreed to be shown to employers can be found, and so invited.
        if (!person.consentShowEmployer || !person.wantsJob)
          throw new NotFoundError(`Labourer ${labourerId} does not exist`);
      }
      refuse(vacancy, person, now());
      const existing = await repo.existing(labourerId, vacancy.id);
      const duplicate = (details: object) =>
        new ConflictError('This person already has an application for this vacancy', {
          reason: 'duplicate',
          ...details,
        });
      if (existing) throw duplicate({ applicationId: existing.id, status: existing.status });
      const origin = originFor(kind);
      const id = await repo.create({
        labourerId,
        vacancyId: vacancy.id,
        status: initialStatus(origin),
        origin,
        createdById: actor.id,
        note: input.note ?? null,
      });
      if (!id) throw duplicate({});
      await notices?.created(id, kind);
      return toView((await repo.find(id))!, kind, await reference());
    },

    async transition(actor: SessionUser, id: string, input: TransitionInput): Promise<ApplicationDetail> {
      const row = await load(actor, id);
      const kind = actorKind(actor);
      const from = row.status;
      const problem = transitionProblem(from, input.to, kind);
      if (problem === 'illegal')
        throw new ConflictError(`An application cannot go from ${from} to ${input.to}`, { from, to: input.to });
      if (problem === 'forbidden')
        throw new ForbiddenError(`As ${kind} you may not move an application to ${input.to}`);
      const missing = (REQUIRED_FIELDS[input.to] ?? []).filter((field) => !input[field]);
      if (missing.length)
        throw new ValidationError(
          `Moving to ${input.to} needs ${missing.join(', ')}`,
          missing.map((field) => ({ field, code: 'required', message: 'is required' })),
        );
      if (from === 'invited' && input.to === 'applied') {
        // Accepting an invitation is applying: the vacancy must still take applications.
        const vacancy = await repo.vacancy(row.vacancyId);
        const person = await repo.labourer(row.labourerId);
        refuse(vacancy!, person!, now());
      }
      const write: TransitionWrite = {
        id: row.id,
        from,
        to: input.to,
        data: {},
        byId: actor.id,
        note: input.note ?? null,
      };
      stepData(row, input, write, row.vacancy.employer.name, now);
      if (!(await repo.transition(write)))
        throw new ConflictError(`The application is no longer ${from}: reload and try again`, {
          from,
          to: input.to,
        });
      await notices?.moved(id, input.to, kind);
      if (input.to === 'hired')
        await hires?.emit({
          applicationId: id,
          labourerId: row.labourerId,
          vacancyId: row.vacancyId,
          hiredAt: (write.data as { hiredAt: Date }).hiredAt,
        });
      return toDetail((await repo.find(id))!, actor, kind, await reference(), repo);
    },

    async get(actor: SessionUser, id: string): Promise<ApplicationDetail> {
      const row = await load(actor, id);
      return toDetail(row, actor, actorKind(actor), await reference(), repo);
    },

    /** A vacancy's or a person's applications, within the caller's scope. */
    async list(actor: SessionUser, query: ApplicationListQuery) {
      const filter = await scopeFilter(actor, query, repo);
      filter.vacancyId = query.vacancyId;
      filter.labourerId = query.labourerId;
      filter.status = query.status;
      const { items, total } = await repo.list(filter, query.page, query.pageSize);
      const ref = await reference();
      const kind = actorKind(actor);
      return { items: items.map((row) => toView(row, kind, ref)), total, page: query.page, pageSize: query.pageSize };
    },

    async mine(actor: SessionUser): Promise<ApplicationView[]> {
      if (!actor.labourerId) return [];
      const { items } = await repo.list({ labourerId: actor.labourerId }, 1, 200);
      const ref = await reference();
      return items.map((row) => toView(row, 'labourer', ref));
    },
  };
}

export type ApplicationsService = ReturnType<typeof createApplicationsService>;
