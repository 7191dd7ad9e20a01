import type { ApplicationsApi } from '../applications/index.ts';
import type { RegistryLookup } from '../labourers/index.ts';
import type { Lang, MatchingApi } from '../matching/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import type { ContactInput, EndInput, PairingView, RankedJob, ReferralInput } from './graduates.contract.ts';
import type { GraduatesRepository } from './graduates.repository.ts';
import { dayDate, thisYear, todayIn } from './graduates.service.ts';
import type { PairingRow, PairingsRepository } from './pairings.repository.ts';

export interface PairingsDeps {
  repo: PairingsRepository;
  graduates: GraduatesRepository;
  registry: RegistryLookup;
  matching: MatchingApi;
  applications: ApplicationsApi;
  now?: () => Date;
}

/** The accounts that may be a matchmaker (就业红娘): officers and volunteers. */
const MATCHMAKER_ROLES: readonly string[] = ['officer', 'volunteer'];

/** How many ranked jobs a matchmaker sees for a graduate. */
const JOBS_SHOWN = 10;
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Round-robin: the graduates in order, each to the next matchmaker whose region covers them. */
export function roundRobin(
  graduates: Array<{ id: string; regionCode: string }>,
  matchmakers: Array<{ id: string; regionCode: string }>,
): Array<{ graduateId: string; matchmakerId: string }> {
  const pairs: Array<{ graduateId: string; matchmakerId: string }> = [];
  let turn = 0;
  for (const graduate of graduates) {
    for (let tried = 0; tried < matchmakers.length; tried += 1) {
      const matchmaker = matchmakers[(turn + tried) % matchmakers.length]!;
      if (!graduate.regionCode.startsWith(matchmaker.regionCode)) continue;
      pairs.push({ graduateId: graduate.id, matchmakerId: matchmaker.id });
      turn = (turn + tried + 1) % matchmakers.length;
      break;
    }
  }
  return pairs;
}

/** What every use case shares: the pairing as shown, and who may work on what. */
function pairingHelpers({ repo, graduates, registry }: PairingsDeps) {
  async function view(row: PairingRow): Promise<PairingView> {
    const [people, names] = await Promise.all([
      registry.byIds([row.graduate.labourerId]),
      repo.userNames([row.matchmakerId]),
    ]);
    const person = people.get(row.graduate.labourerId);
    return {
      id: row.id,
      graduateId: row.graduateId,
      graduate: {
        maskedName: person ? maskName(person.name) : '—',
        phoneMasked: person?.phoneMasked ?? null,
        schoolName: row.graduate.schoolName,
        major: row.graduate.major,
        graduationYear: row.graduate.graduationYear,
        status: row.graduate.status,
        wish: row.graduate.wish,
      },
      matchmakerId: row.matchmakerId,
      matchmakerName: names.get(row.matchmakerId) ?? row.matchmakerId,
      startedAt: row.startedAt.toISOString(),
      lastContactAt: iso(row.lastContactAt),
      endedAt: iso(row.endedAt),
      endReason: row.endReason,
      endNote: row.endNote,
      contacts: row.contacts.map((c) => ({ id: c.id, on: chinaDate(c.on)!, channel: c.channel, note: c.note })),
      referrals: row.referrals.map((r) => ({
        id: r.id,
        vacancyId: r.vacancyId,
        applicationId: r.applicationId,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /** The graduate, in the officer's region. */
  async function graduateInScope(actor: SessionUser, graduateId: string) {
    const graduate = await graduates.find(graduateId);
    if (!graduate) throw new NotFoundError(`Graduate ${graduateId} does not exist`);
    if (!graduate.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError(`Graduate ${graduateId} is outside your region`);
    return graduate;
  }

  /**
   * A pairing the caller works on: their own as matchmaker, or one in their region as officer. A
   * volunteer sees only its own: any other pairing is, for it, not there (404, nothing revealed).
   */
  async function workable(actor: SessionUser, id: string, open = true) {
    const row = await repo.find(id);
    const own = row?.matchmakerId === actor.id;
    if (!row || (actor.role === 'volunteer' && !own)) throw new NotFoundError(`Pairing ${id} does not exist`);
    if (!own && !row.graduate.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError('This pairing is not yours');
    if (open && row.endedAt) throw new ConflictError('The pairing has ended', { reason: 'ended' });
    return row;
  }

  return { view, graduateInScope, workable };
}

type Helpers = ReturnType<typeof pairingHelpers>;

/** Officers pairing graduates with matchmakers, in bulk, and ending pairings. */
function assignmentMethods({ repo, now = () => new Date() }: PairingsDeps, { view, graduateInScope }: Helpers) {
  return {
    async ofGraduate(actor: SessionUser, graduateId: string): Promise<PairingView | null> {
      await graduateInScope(actor, graduateId);
      const row = await repo.latestOf(graduateId);
      return row ? view(row) : null;
    },

    /** Officers and volunteers who may be paired with graduates of the caller's region. */
    async matchmakers(actor: SessionUser) {
      const rows = await repo.matchmakers(scopePrefix(actor));
      return rows.map((m) => ({
        id: m.id,
        name: m.displayName,
        regionCode: m.regionCode,
        role: m.role === 'volunteer' ? ('volunteer' as const) : ('officer' as const),
      }));
    },

    async assign(actor: SessionUser, graduateId: string, matchmakerId: string, requestId?: string) {
      const graduate = await graduateInScope(actor, graduateId);
      if (graduate.status !== 'left_without_work')
        throw new ConflictError('Only a graduate who left school without work is paired', { reason: 'not_seeking' });
      const matchmaker = await repo.user(matchmakerId);
      if (!matchmaker || !MATCHMAKER_ROLES.includes(matchmaker.role) || !matchmaker.regionCode || matchmaker.disabledAt)
        throw new ValidationError('The matchmaker must be an officer or a volunteer', [
          { field: 'matchmakerId', code: 'not_officer', message: 'must be an officer or volunteer account' },
        ]);
      if (!graduate.regionCode.startsWith(matchmaker.regionCode))
        throw new ValidationError('The matchmaker works in another region', [
          { field: 'matchmakerId', code: 'other_region', message: 'must work in the graduate’s region' },
        ]);
      const opened = await repo.open(graduateId, matchmakerId, actor.id);
      if (!opened) throw new ConflictError('The graduate already has a matchmaker', { reason: 'already_paired' });
      await repo.audit({
        actor,
        action: 'graduate.pairing.assign',
        entity: 'graduate',
        entityId: graduateId,
        requestId,
      });
      return view((await repo.find(opened.id))!);
    },

    /** Pairs every unpaired graduate of the year who left school without work, round-robin. */
    async pairAll(actor: SessionUser, year: number | undefined, requestId?: string) {
      const prefix = scopePrefix(actor);
      const y = year ?? thisYear(now());
      const [open, matchmakers] = await Promise.all([repo.unpaired(prefix, y), repo.matchmakers(prefix)]);
      const pairs = roundRobin(
        open,
        matchmakers.map((m) => ({ id: m.id, regionCode: m.regionCode ?? '' })),
      );
      const paired = pairs.length ? await repo.openMany(pairs, actor.id) : 0;
      await repo.audit({
        actor,
        action: 'graduate.pairing.pair_all',
        entity: 'graduate',
        requestId,
        details: { year: y, paired },
      });
      return { year: y, paired, unpaired: open.length - paired, matchmakers: matchmakers.length };
    },

    async end(actor: SessionUser, graduateId: string, input: EndInput, requestId?: string) {
      await graduateInScope(actor, graduateId);
      const row = await repo.latestOf(graduateId);
      if (!row || row.endedAt) throw new ConflictError('The graduate has no open pairing', { reason: 'not_paired' });
      if (input.reason === 'other' && !input.note)
        throw new ValidationError('Say why the pairing ends', [
          { field: 'note', code: 'required', message: 'is required' },
        ]);
      await repo.end(row.id, input.reason, input.note ?? null, now());
      await repo.audit({ actor, action: 'graduate.pairing.end', entity: 'graduate', entityId: graduateId, requestId });
      return view((await repo.find(row.id))!);
    },
  };
}

/** The matchmaker's work on a pairing: ranked jobs, contacts, referrals. */
function matchmakerMethods(
  { repo, matching, applications, now = () => new Date() }: PairingsDeps,
  { view, workable }: Helpers,
) {
  return {
    async mine(actor: SessionUser, open: boolean) {
      return Promise.all((await repo.mine(actor.id, open)).map(view));
    },

    async get(actor: SessionUser, id: string) {
      return view(await workable(actor, id, false));
    },

    /** The graduate's best jobs, ranked by matching with the field of study's occupations as wishes. */
    async jobs(actor: SessionUser, id: string, lang: Lang): Promise<RankedJob[]> {
      const row = await workable(actor, id, false);
      const [person] = await matching.people([row.graduate.labourerId]);
      if (!person || person.erasedAt) return [];
      const wishes = [...new Set([...row.graduate.occupations, ...person.desiredOccupations])];
      const at = matching.now();
      const [ranked] = await matching.rankJobsForPeople([{ ...person, desiredOccupations: wishes }], JOBS_SHOWN, {
        at,
        perRequest: 1,
        concurrency: 1,
      });
      const ids = (ranked?.matches ?? []).map((m) => m.item.id);
      if (!ids.length) return [];
      const details = new Map(
        ((await matching.rankVacanciesFor(row.graduate.labourerId, ids, lang, at)) ?? []).map((v) => [v.vacancy.id, v]),
      );
      const referred = new Set(row.referrals.map((r) => r.vacancyId));
      return (ranked?.matches ?? []).flatMap((m) => {
        const d = details.get(m.item.id);
        if (!d) return [];
        return [
          {
            vacancyId: d.vacancy.id,
            title: d.vacancy.title,
            employerName: d.vacancy.employerName,
            wageMin: d.vacancy.wageMin,
            wageMax: d.vacancy.wageMax,
            score: Math.round(m.score * 100) / 100,
            reasons: d.reasons.map((r) => r.text),
            referred: referred.has(d.vacancy.id),
          },
        ];
      });
    },

    async contact(actor: SessionUser, id: string, input: ContactInput) {
      const row = await workable(actor, id);
      const on = dayDate(input.on);
      // Days compared with today in Beijing: from 00:00 to 08:00 there, today is still yesterday in UTC.
      if (on > todayIn(now()))
        throw new ValidationError('The date lies in the future', [
          { field: 'on', code: 'in_future', message: 'must not be in the future' },
        ]);
      await repo.addContact(row.id, { on, channel: input.channel, note: input.note, byId: actor.id });
      return view((await repo.find(row.id))!);
    },

    /** Refers the graduate to a vacancy: an application on their behalf (or the one they have), recorded. */
    async refer(actor: SessionUser, id: string, input: ReferralInput) {
      const row = await workable(actor, id);
      // A volunteer has no standing in applications: its referral is made as the public employment
      // service of the graduate's county (the pairing above is the warrant), signed with its own id.
      const referrer: SessionUser =
        actor.role === 'volunteer' ? { ...actor, role: 'officer', regionCode: row.graduate.regionCode } : actor;
      let applicationId: string | null;
      try {
        applicationId = (await applications.applyFor(referrer, row.graduate.labourerId, input.vacancyId, input.note))
          .id;
      } catch (error) {
        const details = (error as { details?: { reason?: string; applicationId?: string } }).details;
        if (!(error instanceof ConflictError) || details?.reason !== 'duplicate') throw error;
        applicationId = details.applicationId ?? null;
      }
      const saved = await repo.addReferral(row.id, {
        vacancyId: input.vacancyId,
        applicationId,
        note: input.note ?? null,
        byId: actor.id,
      });
      if (!saved) throw new ConflictError('The graduate was already referred to this vacancy', { reason: 'referred' });
      return view((await repo.find(row.id))!);
    },
  };
}

export function createPairingsService(deps: PairingsDeps) {
  const helpers = pairingHelpers(deps);
  return { view: helpers.view, ...assignmentMethods(deps, helpers), ...matchmakerMethods(deps, helpers) };
}

export type PairingsService = ReturnType<typeof createPairingsService>;
