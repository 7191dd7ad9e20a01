import type { PiiCipher } from '../platform/crypto/pii.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { phoneAccountName } from '../platform/auth/username.ts';
import { ageOn } from '../platform/time/age.ts';
import { normaliseLabourer } from './labourer-record.ts';
import { toView } from './labourers.presenter.ts';

const iso = (d: Date) => d.toISOString();
import type {
  LabourerCreate,
  LabourerListQuery,
  LabourerPatch,
  LabourerSummary,
  LabourerView,
} from './labourers.contract.ts';
import type { LabourersRepository } from './labourers.repository.ts';
import { CountCache } from './count-cache.ts';
import { auditedFilters, decodeCursor, encodeCursor, listFilter } from './labourer-list-filter.ts';
import { officerConfirmation, povertyAudit } from './registered-poor.ts';
import type { PovertyStatusBody } from './poverty-status.contract.ts';

export interface SelfRegistration {
  name: string;
  idNumber: string;
  phone: string;
  password: string;
  regionCode: string;
  desiredOccupations: string[];
  mobility: LabourerCreate['mobility'];
  expectedWage: number | null;
  needsAccommodation: boolean;
}

export interface LabourersDeps {
  hashPassword: (password: string) => Promise<string>;
  repo: LabourersRepository;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
}

/** Scope, validation and the ID-number uniqueness check every write goes through. */
function labourerHelpers({ repo, pii }: LabourersDeps) {
  async function loadInScope(actor: SessionUser, id: string) {
    const scope = await repo.findScope(id);
    if (!scope || scope.erasedAt) throw new NotFoundError(`Labourer ${id} does not exist`);
    if (actor.role === 'labourer') {
      if (actor.labourerId !== id) throw new ForbiddenError('You may only see your own profile');
    } else if (!scope.regionCode.startsWith(scopePrefix(actor))) {
      throw new ForbiddenError(`Labourer ${id} is outside your region`);
    }
    return scope;
  }

  function validated(
    input: Partial<LabourerCreate> & { statusNote?: string },
    ref: ReferenceNames,
    mode: 'create' | 'patch',
  ) {
    const result = normaliseLabourer(input, ref, pii, mode);
    if (!result.ok)
      throw new ValidationError(
        `The labourer record is not valid: ${result.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
        result.issues,
      );
    return result.value;
  }

  /** A duplicate inside the officer's region is named, to open it; one elsewhere is not even placed. */
  async function assertUniqueIdNumber(actor: SessionUser, hash: string, exceptId?: string) {
    const existing = await repo.findByIdHash(hash);
    if (!existing || existing.id === exceptId) return;
    if (actor.role !== 'labourer' && existing.regionCode.startsWith(scopePrefix(actor))) {
      throw new ConflictError('A person with this ID number is already registered', { existingId: existing.id });
    }
    throw new ConflictError(
      'This ID number is already registered outside your region; that record cannot be shown here',
      { field: 'idNumber' },
    );
  }

  return { loadInScope, validated, assertUniqueIdNumber };
}

type LabourerHelpers = ReturnType<typeof labourerHelpers>;

/** Registering people: by an officer, or the person themselves. */
function registrationMethods(
  { repo, pii, reference, hashPassword }: LabourersDeps,
  counts: CountCache,
  { validated, assertUniqueIdNumber }: LabourerHelpers,
) {
  return {
    async create(
      actor: SessionUser,
      input: LabourerCreate,
      source: 'manual' | 'self' = 'manual',
    ): Promise<{ id: string }> {
      const ref = await reference();
      if (actor.role !== 'labourer' && !input.regionCode.startsWith(scopePrefix(actor))) {
        throw new ForbiddenError(`Region ${input.regionCode} is outside your region`);
      }
      // A person registering themselves is an ordinary job seeker until confirmed (plan §1(2)).
      const value = validated(
        actor.role === 'labourer' ? { ...input, hardToEmploy: false, povertyStatus: 'unconfirmed' } : input,
        ref,
        'create',
      );
      if (actor.role !== 'labourer' && input.povertyStatus && input.povertyStatus !== 'unconfirmed')
        Object.assign(value.scalars, officerConfirmation(actor.id));
      await assertUniqueIdNumber(actor, value.scalars.idNumberHash as string);
      try {
        const id = await repo.create(value, { actorId: actor.id, source });
        counts.clear();
        return { id };
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002')
          throw new ConflictError('A person with this ID number is already registered');
        throw error;
      }
    },

    /** Job-seeking registration (求职登记) by the person: profile and account, signed in by phone. */
    async registerSelf(input: SelfRegistration): Promise<{ labourerId: string; userId: string }> {
      const ref = await reference();
      const { password, ...profile } = input;
      // Served by the platform, but not 建档立卡 until the poverty office or an officer confirms them.
      const value = validated(
        { ...profile, wantsJob: true, employmentStatus: 'unemployed', povertyStatus: 'unconfirmed' },
        ref,
        'create',
      );
      counts.clear();
      const created = await repo.createWithAccount(value, {
        // The number signs in, but is stored only as a keyed hash (see platform/auth/username.ts).
        username: phoneAccountName(pii, input.phone),
        passwordHash: await hashPassword(password),
        displayName: input.name,
      });
      if ('conflict' in created) {
        throw new ConflictError(
          created.conflict === 'username'
            ? 'This phone number already has an account: sign in instead'
            : // Anyone may try any ID number here: the answer must not tell whether or where it is registered.
              'This registration cannot be completed online: bring your ID card to your county employment office',
          { field: created.conflict },
        );
      }
      return created;
    },
  };
}

/** One person's profile: reading, changing, confirming the poverty status, erasing. */
function profileMethods(
  { repo, reference }: LabourersDeps,
  counts: CountCache,
  { loadInScope, validated, assertUniqueIdNumber }: LabourerHelpers,
) {
  return {
    async get(actor: SessionUser, id: string): Promise<LabourerView> {
      await loadInScope(actor, id);
      const row = await repo.findById(id);
      if (!row) throw new NotFoundError(`Labourer ${id} does not exist`);
      return toView(row, await reference());
    },

    async mine(actor: SessionUser): Promise<LabourerView> {
      if (!actor.labourerId)
        throw new NotFoundError('Your account has no labourer profile yet: register as a job seeker first');
      return this.get(actor, actor.labourerId);
    },

    async update(actor: SessionUser, id: string, patch: LabourerPatch): Promise<LabourerView> {
      const scope = await loadInScope(actor, id);
      const ref = await reference();
      if (actor.role === 'labourer') {
        // People keep their own wishes current; what the registry attests stays with officers.
        const officerOnly = [
          'idNumber',
          'name',
          'povertyStatus',
          'povertyHouseholdNo',
          'povertyYear',
          'hardToEmploy',
          'employmentStatus',
          'regionCode',
        ] as const;
        const refused = officerOnly.filter((field) => patch[field] !== undefined);
        if (refused.length) throw new ForbiddenError(`Only an officer may change ${refused.join(', ')}`);
      } else if (patch.regionCode && !patch.regionCode.startsWith(scopePrefix(actor))) {
        throw new ForbiddenError(`Region ${patch.regionCode} is outside your region`);
      }
      const value = validated(patch, ref, 'patch');
      if (value.scalars.idNumberHash) await assertUniqueIdNumber(actor, value.scalars.idNumberHash as string, id);
      // An officer changing the 建档立卡 status confirms it: who and when are kept, and audited.
      const confirms = patch.povertyStatus !== undefined && patch.povertyStatus !== scope.povertyStatus;
      if (confirms) Object.assign(value.scalars, officerConfirmation(actor.id));
      counts.clear();
      await repo.update(scope.id, value, {
        actorId: actor.id,
        source: actor.role === 'labourer' ? 'self' : 'manual',
        note: patch.statusNote ?? null,
        ...(confirms ? { audit: povertyAudit(actor, scope.povertyStatus, patch.povertyStatus!) } : {}),
      });
      return this.get(actor, id);
    },

    /**
     * An officer confirms a person as registered poor (建档立卡) or lifted out, or withdraws it
     * (unconfirmed): the record keeps who and when, and the audit log the change and the note.
     */
    async setPovertyStatus(
      actor: SessionUser,
      id: string,
      body: PovertyStatusBody,
      requestId?: string,
    ): Promise<LabourerView> {
      if (actor.role === 'labourer') throw new ForbiddenError('Only an officer may confirm a poverty status');
      const scope = await loadInScope(actor, id);
      const { note: _note, ...fields } = body;
      const value = validated(fields, await reference(), 'patch');
      Object.assign(value.scalars, officerConfirmation(actor.id));
      counts.clear();
      const audit = povertyAudit(actor, scope.povertyStatus, body.povertyStatus, body.note, requestId);
      await repo.update(scope.id, value, { actorId: actor.id, source: 'manual', audit });
      return this.get(actor, id);
    },

    async erase(actor: SessionUser, id: string, reason: string | undefined, requestId: string): Promise<void> {
      await loadInScope(actor, id);
      await repo.erase(id, actor, reason, requestId);
      counts.clear();
    },
  };
}

/** The officer list, its download, the status history and audited reveals. */
function listMethods({ repo, pii, reference }: LabourersDeps, counts: CountCache, { loadInScope }: LabourerHelpers) {
  return {
    async list(
      actor: SessionUser,
      query: LabourerListQuery,
    ): Promise<{ items: LabourerSummary[]; total: number; page: number; pageSize: number; nextCursor: string | null }> {
      const filter = listFilter(scopePrefix(actor), query, pii);
      const ref = await reference();
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const [{ items, more }, total] = await Promise.all([
        repo.list(filter, { page: query.page, pageSize: query.pageSize, after }),
        counts.get(filter, () => repo.count(filter)),
      ]);
      const last = items.at(-1);
      return {
        items: items.map((row) => ({
          id: row.id,
          name: row.name,
          idNumberMasked: row.idNumberMasked,
          sex: row.sex,
          age: ageOn(row.birthDate),
          phoneMasked: row.phoneMasked,
          regionCode: row.regionCode,
          regionName: ref.regionName(row.regionCode),
          employmentStatus: row.employmentStatus,
          wantsJob: row.wantsJob,
          mobility: row.mobility,
          expectedWage: row.expectedWage,
          updatedAt: iso(row.updatedAt),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
        nextCursor: more && last ? encodeCursor(last) : null,
      };
    },

    /**
     * Every matching row for a download, phones masked unless the officer asked for them in clear;
     * the export itself is audited with its filters and which phones it carried.
     */
    async exportRows(
      actor: SessionUser,
      query: Omit<LabourerListQuery, 'page' | 'pageSize'>,
      format: string,
      requestId: string,
      phones: 'masked' | 'clear' = 'masked',
    ) {
      const filter = listFilter(scopePrefix(actor), query, pii);
      const ref = await reference();
      await repo.audit({
        actor,
        action: 'labourer.export',
        entity: 'labourer',
        requestId,
        details: { format, phones, filters: auditedFilters(query) },
      });
      const rows = repo.listAll(filter);
      async function* withPhones() {
        for await (const page of rows) {
          yield page.map((row) => ({
            ...row,
            phoneShown: phones === 'clear' && row.phoneEncrypted ? pii.decrypt(row.phoneEncrypted) : row.phoneMasked,
          }));
        }
      }
      return { ref, pages: withPhones() };
    },

    async statusHistory(actor: SessionUser, id: string) {
      await loadInScope(actor, id);
      const rows = await repo.statusHistory(id);
      const names = await repo.usernames(rows.map((r) => r.changedById).filter((v): v is string => !!v));
      return rows.map((r) => ({
        fromStatus: r.fromStatus,
        toStatus: r.toStatus,
        changedAt: iso(r.changedAt),
        changedBy: r.changedById ? (names.get(r.changedById) ?? r.changedById) : null,
        source: r.source,
        note: r.note,
      }));
    },

    async revealPhone(actor: SessionUser, id: string, requestId: string): Promise<string | null> {
      await loadInScope(actor, id);
      const row = await repo.encryptedPhone(id);
      if (!row || row.erasedAt) throw new NotFoundError(`Labourer ${id} does not exist`);
      await repo.audit({ actor, action: 'labourer.phone.read', entity: 'labourer', entityId: id, requestId });
      return row.phoneEncrypted ? pii.decrypt(row.phoneEncrypted) : null;
    },

    async revealIdNumber(actor: SessionUser, id: string, requestId: string): Promise<string> {
      await loadInScope(actor, id);
      const row = await repo.encryptedIdNumber(id);
      if (!row || row.erasedAt) throw new NotFoundError(`Labourer ${id} does not exist`);
      await repo.audit({ actor, action: 'labourer.id_number.read', entity: 'labourer', entityId: id, requestId });
      return pii.decrypt(row.idNumberEncrypted);
    },
  };
}

export function createLabourersService(deps: LabourersDeps) {
  // Counting every matching row on every page request is most of a list request's cost. Writes
  // through this service clear the counts; other writers (imports) show after at most 30 s.
  const counts = new CountCache(30_000);
  const helpers = labourerHelpers(deps);
  return {
    ...registrationMethods(deps, counts, helpers),
    ...profileMethods(deps, counts, helpers),
    ...listMethods(deps, counts, helpers),
  };
}

export type LabourersService = ReturnType<typeof createLabourersService>;
