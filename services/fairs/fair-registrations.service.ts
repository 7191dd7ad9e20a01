import { scopePrefix } from '../platform/access/scope.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { TargetGroup } from '../platform/database/generated/enums.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { isRegisteredPoor } from '../labourers/index.ts';
import { newRegistrationCode, normaliseCode } from './fair-code.ts';
import { assertManages, manages, toRegistrationView } from './fairs.presenter.ts';
import { FAIR_ALLOWS } from './fair-states.ts';
import type { InteractionBody, RegisterBody, RegistrationQuery } from './fairs.contract.ts';
import type { FairRow, FairsRepository, RegistrationRow } from './fairs.repository.ts';
import type { FairsService } from './fairs.service.ts';

type Person = NonNullable<Awaited<ReturnType<FairsRepository['labourer']>>>;

/**
 * What the registry already knows; graduate and returning-migrant are said when registering.
 * `registered_poor` is the registry's one definition (labourers' isRegisteredPoor): those lifted out
 * during the plan period included, self-registrants not confirmed by an officer left out.
 */
export function groupsFor(
  person: Pick<Person, 'povertyStatus' | 'povertyYear' | 'erasedAt' | 'disability'>,
  said: readonly TargetGroup[],
) {
  const groups = new Set<TargetGroup>(said.filter((g) => g !== 'registered_poor'));
  if (isRegisteredPoor(person)) groups.add('registered_poor');
  if (person.disability) groups.add('disabled');
  return [...groups];
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

interface RegistrationsDeps {
  repo: FairsRepository;
  fairs: FairsService;
  pii: PiiCipher;
  now: () => Date;
}

/** What both halves of the service share: scope checks, creating a registration, reaching one. */
function registrationHelpers({ repo, fairs, now }: RegistrationsDeps) {
  function assertPersonInScope(actor: SessionUser, person: Person) {
    if (actor.role === 'officer' && !person.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError('The person lives outside your region');
  }

  async function create(
    actor: SessionUser,
    fair: FairRow,
    person: Person,
    source: 'self' | 'officer' | 'walk_in',
    said: readonly TargetGroup[],
    extra: { willAttend?: boolean; checkedIn?: boolean } = {},
  ): Promise<RegistrationRow> {
    if (await repo.registrationOf(fair.id, person.id))
      throw new ConflictError('The person is already registered', { reason: 'already_registered' });
    if (fair.capacity !== null && (await repo.countRegistrations(fair.id)) >= fair.capacity)
      throw new ConflictError('The fair is full', { reason: 'full' });
    const at = now();
    // A new code on the rare collision; a second registration of the same person stays a conflict.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await repo.createRegistration({
          fairId: fair.id,
          labourerId: person.id,
          code: newRegistrationCode(),
          source,
          willAttend: extra.willAttend ?? true,
          targetGroups: groupsFor(person, said),
          regionCode: person.regionCode,
          registeredById: actor.id,
          ...(extra.checkedIn ? { checkedInAt: at, checkedInById: actor.id } : {}),
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
        if (await repo.registrationOf(fair.id, person.id))
          throw new ConflictError('The person is already registered', { reason: 'already_registered' });
      }
    }
  }

  function assertOngoing(fair: FairRow) {
    if (!FAIR_ALLOWS.checkIn.includes(fair.status))
      throw new ConflictError('Check-in opens when the fair is under way', { reason: 'not_ongoing' });
  }

  async function ongoingManaged(actor: SessionUser, fairId: string) {
    const fair = await fairs.managed(actor, fairId);
    assertOngoing(fair);
    return fair;
  }

  /** The registration in reach of the caller: the person's own, or any of a fair the officer manages. */
  async function reachable(actor: SessionUser, fairId: string, registrationId: string) {
    const row = await repo.registration(registrationId);
    if (!row || row.fairId !== fairId) throw new NotFoundError(`Registration ${registrationId} does not exist`);
    if (actor.role === 'labourer') {
      if (actor.labourerId !== row.labourerId) throw new ForbiddenError('This is not your registration');
    } else {
      assertManages(actor, await fairs.load(fairId));
    }
    return row;
  }
  return { assertPersonInScope, create, assertOngoing, ongoingManaged, reachable };
}

/** Finding and registering people, the lists and the "I will attend" mark. */
function registeringMethods(deps: RegistrationsDeps, helpers: ReturnType<typeof registrationHelpers>) {
  const { repo, fairs, pii } = deps;
  const { assertPersonInScope, create, reachable } = helpers;
  return {
    ofPerson: (fairId: string, labourerId: string) => repo.registrationOf(fairId, labourerId),

    /** An officer finds a registry person by ID number (the page then registers them). */
    async findPerson(actor: SessionUser, typed: string) {
      const idNumber = typed.trim().toUpperCase();
      if (!/^\d{17}[\dX]$/.test(idNumber))
        throw new ValidationError('Not an ID number', [
          { field: 'idNumber', code: idNumber ? 'invalid' : 'required', message: 'must be an 18-character ID number' },
        ]);
      const person = await repo.labourerByIdHash(pii.hash(idNumber));
      if (!person || person.erasedAt)
        throw new ValidationError('Nobody in the registry has this ID number', [
          { field: 'idNumber', code: 'not_in_registry', message: 'is not in the registry' },
        ]);
      assertPersonInScope(actor, person);
      return person;
    },

    async register(actor: SessionUser, fairId: string, body: RegisterBody) {
      const fair = await fairs.load(fairId);
      let labourerId: string;
      if (actor.role === 'labourer') {
        if (!actor.labourerId) throw new NotFoundError('Your account has no job-seeker profile yet: register first');
        if (body.labourerId && body.labourerId !== actor.labourerId)
          throw new ForbiddenError('You may only register yourself');
        if (!FAIR_ALLOWS.selfRegister.includes(fair.status))
          throw new ConflictError('Registration for this fair is not open', { reason: 'registration_closed' });
        labourerId = actor.labourerId;
      } else {
        assertManages(actor, fair);
        if (!FAIR_ALLOWS.register.includes(fair.status))
          throw new ConflictError('Registration for this fair is not open', { reason: 'registration_closed' });
        if (!body.labourerId)
          throw new ValidationError('Say whom to register', [
            { field: 'labourerId', code: 'required', message: 'is required' },
          ]);
        labourerId = body.labourerId;
      }
      const person = await repo.labourer(labourerId);
      if (!person || person.erasedAt) throw new NotFoundError(`Labourer ${labourerId} does not exist`);
      assertPersonInScope(actor, person);
      const source = actor.role === 'labourer' ? 'self' : 'officer';
      const row = await create(actor, fair, person, source, body.targetGroups, { willAttend: body.willAttend });
      return toRegistrationView(row, actor.role === 'labourer' ? 'person' : 'officer');
    },

    async list(actor: SessionUser, fairId: string, query: RegistrationQuery) {
      const fair = await fairs.load(fairId);
      let audience: 'officer' | 'employer' = 'officer';
      if (actor.role === 'employer') {
        const own = actor.employerId ? await repo.participation(fairId, actor.employerId) : null;
        if (own?.status !== 'approved') throw new ForbiddenError('Only employers approved for the fair see its people');
        audience = 'employer';
      } else {
        assertManages(actor, fair);
      }
      const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
      const { items, total } = await repo.registrations(
        fairId,
        {
          willAttend: flag(query.willAttend),
          checkedIn: flag(query.checkedIn),
          targetGroup: query.targetGroup,
          // Employers cannot search names they only see masked.
          q: audience === 'officer' ? query.q : undefined,
        },
        query.page,
        query.pageSize,
      );
      return { items: items.map((r) => toRegistrationView(r, audience)), total };
    },

    /** The registrations for a download; the export of personal data is audited with its size. */
    async exportList(
      actor: SessionUser,
      fairId: string,
      query: RegistrationQuery,
      format: 'csv' | 'xlsx',
      requestId: string,
    ) {
      const list = await this.list(actor, fairId, query);
      await repo.audit({
        actor,
        action: 'fair.registrations.export',
        entity: 'Fair',
        entityId: fairId,
        requestId,
        details: { rows: list.items.length, format },
      });
      return list;
    },

    async setWillAttend(actor: SessionUser, fairId: string, registrationId: string, willAttend: boolean) {
      const row = await reachable(actor, fairId, registrationId);
      const updated = await repo.updateRegistration(row.id, { willAttend });
      return toRegistrationView(updated, actor.role === 'labourer' ? 'person' : 'officer');
    },

    /** The person's own registrations, with their fairs (labourer pages). */
    async mine(actor: SessionUser) {
      if (!actor.labourerId) return [];
      return repo.labourerRegistrations(actor.labourerId);
    },
  };
}

/** Check-in on the day, walk-ins and what employers record. */
function dayOfFairMethods(deps: RegistrationsDeps, helpers: ReturnType<typeof registrationHelpers>) {
  const { repo, fairs, pii, now } = deps;
  const { assertPersonInScope, create, assertOngoing, ongoingManaged } = helpers;
  return {
    async checkIn(actor: SessionUser, fairId: string, typed: string) {
      // What was typed is checked before the fair's state: a mistyped code is the typist's to fix.
      const fair = await fairs.managed(actor, fairId);
      const code = normaliseCode(typed);
      if (!code)
        throw new ValidationError('Not a ticket code', [
          { field: 'code', code: typed.trim() ? 'invalid_code' : 'required', message: 'is not a ticket code' },
        ]);
      assertOngoing(fair);
      const row = await repo.registrationByCode(code);
      if (!row || row.fairId !== fairId) throw new NotFoundError('No registration for this fair has that code');
      if (row.checkedInAt) return { registration: toRegistrationView(row, 'officer'), already: true };
      const updated = await repo.updateRegistration(row.id, { checkedInAt: now(), checkedInById: actor.id });
      return { registration: toRegistrationView(updated, 'officer'), already: false };
    },

    async bulkCheckIn(actor: SessionUser, fairId: string, ids: string[]) {
      await ongoingManaged(actor, fairId);
      const unique = [...new Set(ids)];
      if ((await repo.countIn(fairId, unique)) !== unique.length)
        throw new ValidationError('Some registrations are not of this fair', [
          { field: 'registrationIds', code: 'invalid', message: 'must all be registrations of this fair' },
        ]);
      const { count } = await repo.bulkCheckIn(fairId, unique, actor.id, now());
      return { checkedIn: count, already: unique.length - count };
    },

    /** Walk-ins must already be in the registry (found by ID number); new people register first. */
    async walkIn(actor: SessionUser, fairId: string, body: { idNumber: string; targetGroups: TargetGroup[] }) {
      const fair = await fairs.managed(actor, fairId);
      const idNumber = body.idNumber.trim().toUpperCase();
      if (!/^\d{17}[\dX]$/.test(idNumber))
        throw new ValidationError('Not an ID number', [
          { field: 'idNumber', code: idNumber ? 'invalid' : 'required', message: 'must be an 18-character ID number' },
        ]);
      assertOngoing(fair);
      const person = await repo.labourerByIdHash(pii.hash(idNumber));
      if (!person || person.erasedAt)
        throw new ValidationError('Nobody in the registry has this ID number', [
          { field: 'idNumber', code: 'not_in_registry', message: 'is not in the registry' },
        ]);
      assertPersonInScope(actor, person);
      const existing = await repo.registrationOf(fairId, person.id);
      if (existing) {
        if (existing.checkedInAt) return { registration: toRegistrationView(existing, 'officer'), already: true };
        const updated = await repo.updateRegistration(existing.id, { checkedInAt: now(), checkedInById: actor.id });
        return { registration: toRegistrationView(updated, 'officer'), already: false };
      }
      const row = await create(actor, fair, person, 'walk_in', body.targetGroups, { checkedIn: true });
      return { registration: toRegistrationView(row, 'officer'), already: false };
    },

    async recordInteraction(actor: SessionUser, fairId: string, body: InteractionBody) {
      const fair = await fairs.load(fairId);
      let employerId: string;
      if (actor.role === 'employer') {
        if (!actor.employerId) throw new NotFoundError('Your account has no employer yet');
        if (body.employerId && body.employerId !== actor.employerId)
          throw new ForbiddenError('You may only record for your own employer');
        employerId = actor.employerId;
      } else {
        assertManages(actor, fair);
        if (!body.employerId)
          throw new ValidationError('Say which employer', [
            { field: 'employerId', code: 'required', message: 'is required' },
          ]);
        employerId = body.employerId;
      }
      const participation = await repo.participation(fairId, employerId);
      if (participation?.status !== 'approved') throw new ForbiddenError('The employer is not approved for this fair');
      if (!FAIR_ALLOWS.interact.includes(fair.status))
        throw new ConflictError('The fair has not started', { reason: 'not_ongoing' });
      const registration = await repo.registration(body.registrationId);
      if (!registration || registration.fairId !== fairId)
        throw new NotFoundError(`Registration ${body.registrationId} does not exist`);
      if (!registration.checkedInAt)
        throw new ConflictError('The person has not been checked in', { reason: 'not_checked_in' });
      if (body.vacancyId) {
        const links = await repo.fairVacancies(fairId, [employerId]);
        if (!links.some((l) => l.vacancyId === body.vacancyId))
          throw new ValidationError('Not one of your vacancies at this fair', [
            { field: 'vacancyId', code: 'invalid', message: "is not one of the employer's vacancies at this fair" },
          ]);
      }
      const row = await repo.createInteraction({
        fairId,
        registrationId: registration.id,
        employerId,
        vacancyId: body.vacancyId ?? null,
        outcome: body.outcome,
        note: body.note ?? null,
        recordedById: actor.id,
      });
      return { ...row, at: row.at.toISOString() };
    },

    async interactions(actor: SessionUser, fairId: string) {
      const fair = await fairs.load(fairId);
      let employerId: string | undefined;
      if (actor.role === 'employer') {
        if (!actor.employerId) return { items: [] };
        employerId = actor.employerId;
      } else {
        assertManages(actor, fair);
      }
      const rows = await repo.interactions(fairId, employerId);
      return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
    },
  };
}

/** Registering people, the "I will attend" mark, check-in on the day and what employers record. */
export function createRegistrationsService({
  repo,
  fairs,
  pii,
  now = () => new Date(),
}: {
  repo: FairsRepository;
  fairs: FairsService;
  pii: PiiCipher;
  now?: () => Date;
}) {
  const deps = { repo, fairs, pii, now };
  const helpers = registrationHelpers(deps);
  return {
    reachable: helpers.reachable,
    ...registeringMethods(deps, helpers),
    ...dayOfFairMethods(deps, helpers),
    manages,
  };
}

export type RegistrationsService = ReturnType<typeof createRegistrationsService>;
