import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { EmployerInput, EmployerListQuery, EmployerView } from './employers.contract.ts';
import type { Employer, EmployersRepository } from './employers.repository.ts';
import { loginAccountName } from '../platform/auth/username.ts';

export interface EmployersDeps {
  repo: EmployersRepository;
  reference: () => Promise<ReferenceNames>;
  hashPassword: (password: string) => Promise<string>;
  /** Keys the hash under which a mobile number chosen as a username is stored. */
  pii: { hash(value: string): string };
}

export function officerScope(actor: SessionUser): string {
  if (actor.role === 'admin') return '';
  if (actor.role === 'officer' && actor.regionCode) return actor.regionCode;
  throw new ForbiddenError('This needs an officer with a region');
}

export function toEmployerView(e: Employer, ref: ReferenceNames): EmployerView {
  return {
    id: e.id,
    name: e.name,
    creditCode: e.creditCode,
    kind: e.kind,
    regionCode: e.regionCode,
    regionName: ref.regionName(e.regionCode),
    address: e.address,
    lat: e.lat,
    lng: e.lng,
    contactName: e.contactName,
    contactPhone: e.contactPhone,
    description: e.description,
    employeeCount: e.employeeCount,
    verified: e.verifiedAt !== null,
    verifiedAt: e.verifiedAt?.toISOString() ?? null,
    verificationNote: e.verificationNote,
    createdAt: e.createdAt.toISOString(),
  };
}

/** A self-registration that collides with an existing username or credit code. */
function registrationConflict(field: string | undefined): ConflictError {
  return new ConflictError(
    field === 'username' ? 'This username is taken' : 'An employer with this credit code is already registered',
    { field },
  );
}

export function createEmployersService({ repo, reference, hashPassword, pii }: EmployersDeps) {
  async function checkRegion(code: string) {
    const ref = await reference();
    if (!ref.isKnownPlace(code))
      throw new ValidationError('The employer is not valid', [
        { field: 'regionCode', code: 'region_unknown', message: 'is not a known region' },
      ]);
    return ref;
  }

  async function loadFor(actor: SessionUser, id: string): Promise<Employer> {
    const employer = await repo.findById(id);
    if (!employer) throw new NotFoundError(`Employer ${id} does not exist`);
    if (actor.role === 'employer') {
      if (actor.employerId !== id) throw new ForbiddenError('You may only see your own employer');
    } else if (!employer.regionCode.startsWith(officerScope(actor))) {
      throw new ForbiddenError(`Employer ${id} is outside your region`);
    }
    return employer;
  }

  async function assertFreeCreditCode(creditCode: string, exceptId?: string) {
    const existing = await repo.findByCreditCode(creditCode);
    if (existing && existing.id !== exceptId) {
      throw new ConflictError('An employer with this credit code is already registered', {
        field: 'creditCode',
        existingId: existing.id,
      });
    }
  }

  return {
    async create(actor: SessionUser, input: EmployerInput): Promise<{ id: string }> {
      if (actor.role === 'employer' && actor.employerId)
        throw new ConflictError('Your account already belongs to an employer');
      if (actor.role !== 'employer' && !input.regionCode.startsWith(officerScope(actor))) {
        throw new ForbiddenError(`Region ${input.regionCode} is outside your region`);
      }
      await checkRegion(input.regionCode);
      await assertFreeCreditCode(input.creditCode);
      const employer = await repo.create(
        { ...input, registeredById: actor.id },
        actor.role === 'employer' ? actor.id : undefined,
      );
      return { id: employer.id };
    },

    /** Self-registration from the public page: the employer and its first account, unverified. */
    async registerSelf(input: EmployerInput & { username: string; password: string }) {
      const { username, password, ...employer } = input;
      await checkRegion(employer.regionCode);
      const created = await repo.createWithAccount(employer, {
        // A mobile number chosen as the name is stored hashed, like a job seeker's.
        username: loginAccountName(pii, username),
        passwordHash: await hashPassword(password),
        displayName: employer.contactName,
      });
      if ('conflict' in created) throw registrationConflict(created.conflict);
      return created;
    },

    async get(actor: SessionUser, id: string): Promise<EmployerView> {
      return toEmployerView(await loadFor(actor, id), await reference());
    },

    async update(actor: SessionUser, id: string, patch: Partial<EmployerInput>): Promise<EmployerView> {
      const current = await loadFor(actor, id);
      if (patch.regionCode) {
        if (actor.role === 'officer' && !patch.regionCode.startsWith(officerScope(actor)))
          throw new ForbiddenError(`Region ${patch.regionCode} is outside your region`);
        await checkRegion(patch.regionCode);
      }
      if (patch.creditCode) await assertFreeCreditCode(patch.creditCode, id);
      // A new identity must be checked again before its jobs stay public.
      const identityChanged =
        (patch.name && patch.name !== current.name) || (patch.creditCode && patch.creditCode !== current.creditCode);
      const updated = await repo.update(id, {
        ...patch,
        ...(identityChanged && actor.role === 'employer'
          ? { verifiedAt: null, verifiedById: null, verificationNote: null }
          : {}),
      });
      return toEmployerView(updated, await reference());
    },

    async verify(actor: SessionUser, id: string, verified: boolean, note?: string): Promise<EmployerView> {
      await loadFor(actor, id);
      const updated = await repo.update(id, {
        verifiedAt: verified ? new Date() : null,
        verifiedById: verified ? actor.id : null,
        verificationNote: note ?? null,
      });
      return toEmployerView(updated, await reference());
    },

    async list(actor: SessionUser, query: EmployerListQuery) {
      const scope = officerScope(actor);
      if (query.regionCode && !query.regionCode.startsWith(scope) && !scope.startsWith(query.regionCode)) {
        throw new ForbiddenError(`Region ${query.regionCode} is outside your region`);
      }
      const region = query.regionCode?.startsWith(scope) ? query.regionCode : scope;
      const { items, total } = await repo.list(
        {
          regionCode: { startsWith: region },
          ...(query.verified === undefined ? {} : { verifiedAt: query.verified ? { not: null } : null }),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.q
            ? { OR: [{ name: { contains: query.q } }, { creditCode: { startsWith: query.q.toUpperCase() } }] }
            : {}),
        },
        query.page,
        query.pageSize,
      );
      const ref = await reference();
      return { items: items.map((e) => toEmployerView(e, ref)), total, page: query.page, pageSize: query.pageSize };
    },
  };
}

export type EmployersService = ReturnType<typeof createEmployersService>;
