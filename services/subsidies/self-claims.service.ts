import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { EmployerKind } from '../platform/database/generated/enums.ts';
import { claimAmount, subjectKey, WORKSHOP_KINDS } from './claim-rules.ts';
import type { Claim } from './claims.contract.ts';
import type { ClaimsRepository } from './claims.repository.ts';
import { type ClaimsService, toClaim } from './claims.service.ts';
import { type ProgrammesService, settingFor } from './programmes.service.ts';
import {
  EMPLOYER_PROGRAMMES,
  PERSON_PROGRAMMES,
  type SelfClaimCreate,
  type SelfOptions,
  type SelfProgramme,
} from './self-claims.contract.ts';
import type { SelfClaimsRepository } from './self-claims.repository.ts';

const OWN = { own: true } as const;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** Whose claims the account makes: its employer's, or its person's; null for an account linked to neither. */
function linkOf(user: SessionUser) {
  if (user.role === 'employer' && user.employerId) return { kind: 'employer' as const, id: user.employerId };
  if (user.role === 'labourer' && user.labourerId) return { kind: 'person' as const, id: user.labourerId };
  return null;
}

/** As linkOf; 403 for an account linked to neither. */
function claimantOf(user: SessionUser) {
  const link = linkOf(user);
  if (link) return link;
  throw new ForbiddenError('This account is not linked to an employer or a registered person', {
    reason: 'not_linked',
  });
}

/** A claim is the account's own: the employer's as employer, or the person's as claimant. */
function owns(user: SessionUser, claim: { claimant: string; employerId: string | null; labourerId: string | null }) {
  const who = claimantOf(user);
  return who.kind === 'employer'
    ? claim.claimant === 'employer' && claim.employerId === who.id
    : claim.claimant === 'person' && claim.labourerId === who.id;
}

/** What an employer or a person may claim, from their own records. */
function optionsOf(repo: SelfClaimsRepository, programmes: ProgrammesService) {
  async function programmeRows(codes: readonly SelfProgramme[], regionCode: string, kind?: EmployerKind) {
    const rows = [];
    for (const code of codes) {
      const p = await programmes.byCode(code);
      const setting = settingFor(p.settings, regionCode);
      rows.push({
        code,
        name: p.name,
        nameEn: p.nameEn,
        evidence: p.evidence,
        amount: setting ? claimAmount(p.amountBasis, setting, 1, kind) : null,
      });
    }
    return rows;
  }

  async function employerOptions(employerId: string): Promise<SelfOptions> {
    const employer = await repo.employer(employerId);
    const none = { claimant: 'employer' as const, business: null, graduationYear: null };
    if (!employer) return { ...none, linked: false, programmes: [], hires: [] };
    const codes = EMPLOYER_PROGRAMMES.filter((c) => c !== 'workshop_award' || WORKSHOP_KINDS.includes(employer.kind));
    const hires = await repo.hires(employer.id);
    const keys = hires.flatMap((h) => codes.map((c) => subjectKey(c, 'hire', { applicationId: h.id })!));
    const claimed = await repo.claimedKeys(keys);
    return {
      ...none,
      linked: true,
      programmes: await programmeRows(codes, employer.regionCode, employer.kind),
      hires: hires.map((h) => ({
        applicationId: h.id,
        personName: maskName(h.labourer.name),
        title: h.vacancy.title,
        startedOn: day(h.startedAt),
        leftOn: day(h.leftAt),
        claimed: codes.filter((c) => claimed.has(subjectKey(c, 'hire', { applicationId: h.id })!)),
      })),
    };
  }

  async function personOptions(labourerId: string): Promise<SelfOptions> {
    const person = await repo.person(labourerId);
    const none = { claimant: 'person' as const, hires: [] };
    if (!person) return { ...none, linked: false, programmes: [], business: null, graduationYear: null };
    const business = await repo.business(person.id);
    return {
      ...none,
      linked: true,
      programmes: await programmeRows(PERSON_PROGRAMMES, person.regionCode),
      business: business
        ? {
            name: business.name,
            registeredOn: day(business.registeredOn)!,
            returningMigrant: business.returningMigrant,
          }
        : null,
      graduationYear: person.graduationYear,
    };
  }

  return { employerOptions, personOptions };
}

export interface SelfClaimsDeps {
  repo: SelfClaimsRepository;
  claimsRepo: ClaimsRepository;
  claims: ClaimsService;
  programmes: ProgrammesService;
}

/**
 * Claims made by claimants themselves: an employer for its own hires (hiring subsidy, and the
 * workshop/base award when it is one), a person for themself (start-up support, the graduates'
 * subsidy). Every claim is checked for ownership here; anyone else's is 404. The claim engine
 * does the rest, so an officer's worklist shows these claims like any other.
 */
export function createSelfClaimsService({ repo, claimsRepo, claims, programmes }: SelfClaimsDeps) {
  const { employerOptions, personOptions } = optionsOf(repo, programmes);

  /** The account's own claim with its steps; 404 when it is someone else's or does not exist. */
  async function own(user: SessionUser, id: string) {
    const row = await claimsRepo.claim(id);
    if (!row || !owns(user, row)) throw new NotFoundError(`Claim ${id} does not exist`);
    return row;
  }

  async function list(user: SessionUser, page: number, pageSize: number) {
    const who = linkOf(user);
    if (!who) return { items: [] as Claim[], total: 0, page, pageSize };
    const owner = who.kind === 'employer' ? { employerId: who.id } : { labourerId: who.id };
    return claims.list(user, { ...owner, claimant: who.kind, page, pageSize }, OWN);
  }

  return {
    async options(user: SessionUser): Promise<SelfOptions> {
      const who = linkOf(user);
      if (who) return who.kind === 'employer' ? employerOptions(who.id) : personOptions(who.id);
      const claimant = user.role === 'employer' ? ('employer' as const) : ('person' as const);
      return { claimant, linked: false, programmes: [], hires: [], business: null, graduationYear: null };
    },

    async create(user: SessionUser, input: SelfClaimCreate, requestId?: string): Promise<Claim> {
      const who = claimantOf(user);
      const base = { programmeCode: input.programmeCode, evidence: input.evidence, submit: input.submit };
      if (who.kind === 'employer') {
        const allowed = (await employerOptions(who.id)).programmes.map((p) => p.code);
        if (!allowed.includes(input.programmeCode))
          throw new ForbiddenError('An employer of this kind may not claim this programme', { reason: 'not_yours' });
        // Someone else's hire, or none: as if it did not exist.
        if (!input.applicationId)
          throw new ValidationError('Choose the hire the claim is for', [
            { field: 'applicationId', code: 'required', message: 'is required by this programme' },
          ]);
        if (!(await repo.ownsHire(who.id, input.applicationId)))
          throw new NotFoundError(`Application ${input.applicationId} does not exist`);
        return claims.create(user, { ...base, applicationId: input.applicationId }, requestId, OWN);
      }
      if (!(PERSON_PROGRAMMES as readonly string[]).includes(input.programmeCode))
        throw new ForbiddenError('A person may not claim this programme', { reason: 'not_yours' });
      return claims.create(user, { ...base, labourerId: who.id }, requestId, OWN);
    },

    list,

    /** Every own claim, for a download. */
    async *all(user: SessionUser) {
      for (let page = 1; ; page += 1) {
        const { items, total } = await list(user, page, 100);
        if (items.length) yield items;
        if (page * 100 >= total) return;
      }
    },

    async get(user: SessionUser, id: string): Promise<Claim> {
      const row = await own(user, id);
      return toClaim(row, await claimsRepo.userNames(row.transitions.map((t) => t.byId)));
    },

    async submit(user: SessionUser, id: string, requestId?: string) {
      await own(user, id);
      return claims.transition(user, id, { action: 'submit' }, requestId, OWN);
    },

    async withdraw(user: SessionUser, id: string, requestId?: string) {
      const row = await own(user, id);
      const gone =
        row.status === 'draft' &&
        (await repo.withdrawDraft(id, {
          actor: user,
          action: 'subsidy.claim.withdraw',
          ...(requestId ? { requestId } : {}),
          details: { subjectKey: row.subjectKey, programme: row.programme.code },
        }));
      if (!gone)
        throw new ConflictError(`A ${row.status} claim cannot be withdrawn`, {
          reason: 'wrong_status',
          status: row.status,
        });
      return { id, withdrawn: true as const };
    },
  };
}

export type SelfClaimsService = ReturnType<typeof createSelfClaimsService>;
