import type { RegistryLookup, RegistryPerson } from '../labourers/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import { breakdown, type FigureRow, graduateValues } from './graduate-figures.ts';
import { DEFAULT_GRADUATE_RULES } from './graduate-settings.ts';
import type {
  GraduateDetail,
  GraduateFigures,
  GraduateFilter,
  GraduateInput,
  GraduateListQuery,
  GraduateView,
  StatusPatch,
} from './graduates.contract.ts';
import type { GraduateListRow, GraduatesRepository, GraduateWrite, StatusWrite } from './graduates.repository.ts';
import type { Area } from '../platform/access/area.ts';

export interface GraduatesDeps {
  repo: GraduatesRepository;
  registry: RegistryLookup;
  /** Names of matchmakers (user id → display name). */
  userNames: (ids: string[]) => Promise<Map<string, string>>;
  /** The day of the year (MM-DD) graduates leave school when none is given (GRADUATE_LEAVING_DAY). */
  leavingDay?: string;
  now?: () => Date;
}

/** A calendar day as the database's DATE columns hold it. */
export const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const thisYear = (now: Date) => Number(chinaDate(now)!.slice(0, 4));
/** Today in Beijing as a DATE column holds it. */
export const todayIn = (now: Date) => dayDate(chinaDate(now)!);

const IN_WORK = new Set(['employed', 'started_business']);

/** What a status change does beside itself: the first day in work, the pairing that ends. */
export function statusEffects(
  to: StatusWrite['to'],
  on: Date,
  current: { workFoundOn: Date | null },
): Pick<StatusWrite, 'workFoundOn' | 'endPairing'> {
  const workFoundOn = IN_WORK.has(to) && !current.workFoundOn ? on : null;
  const endPairing =
    to === 'employed' || to === 'started_business' || to === 'further_study' ? { reason: to, at: new Date() } : null;
  return { workFoundOn, endPairing };
}

function toView(row: GraduateListRow, person: RegistryPerson | undefined, names: Map<string, string>): GraduateView {
  const open = row.pairings[0];
  return {
    id: row.id,
    labourerId: row.labourerId,
    maskedName: person ? maskName(person.name) : '—',
    idNumberMasked: person?.idNumberMasked ?? '—',
    regionCode: row.regionCode,
    schoolName: row.schoolName,
    schoolKind: row.schoolKind,
    major: row.major,
    graduationYear: row.graduationYear,
    leftSchoolOn: dayOf(row.leftSchoolOn),
    wish: row.wish,
    status: row.status,
    statusSince: dayOf(row.statusSince),
    workFoundOn: row.workFoundOn ? dayOf(row.workFoundOn) : null,
    occupations: row.occupations,
    registeredPoor: person?.registeredPoor ?? false,
    matchmaker: open ? { id: open.matchmakerId, name: names.get(open.matchmakerId) ?? open.matchmakerId } : null,
  };
}

export function figureRowsOf(rows: Awaited<ReturnType<GraduatesRepository['figuresRows']>>): FigureRow[] {
  return rows.map((r) => ({
    regionCode: r.regionCode,
    schoolName: r.schoolName,
    status: r.status,
    leftSchoolOn: r.leftSchoolOn,
    workFoundOn: r.workFoundOn,
    pairedAt: r.pairings[0] ? dayDate(chinaDate(r.pairings[0].startedAt)!) : null,
    workDays: r.history.map((h) => h.on),
  }));
}

/** The indicator values of an area (a region prefix or several) for the graduation year of the period's last day. */
export async function indicatorValuesOf(repo: GraduatesRepository, area: Area, periodTo: string) {
  const rows = await repo.figuresRows(area, Number(periodTo.slice(0, 4)));
  return graduateValues(figureRowsOf(rows), dayDate(periodTo));
}

/** Hires heard from applications, and the figures of pages, dashboard and reports. */
function figureMethods(repo: GraduatesRepository, now: () => Date) {
  return {
    /** A hire through the platform: the person's graduate records still seeking work become employed. */
    async hired(labourerId: string, hiredAt: Date) {
      for (const graduate of await repo.seekingFor(labourerId)) {
        const on = dayDate(chinaDate(hiredAt)!);
        await repo.changeStatus({
          graduateId: graduate.id,
          from: graduate.status,
          to: 'employed',
          on,
          note: 'hired',
          byId: null,
          ...statusEffects('employed', on, graduate),
        });
      }
    },

    async figures(actor: SessionUser, year: number | undefined): Promise<GraduateFigures> {
      const prefix = scopePrefix(actor);
      const y = year ?? thisYear(now());
      const split = breakdown(figureRowsOf(await repo.figuresRows(prefix, y)));
      const names = await repo.regionNames(split.byCounty.map((c) => c.regionCode));
      return {
        year: y,
        total: split.total,
        byCounty: split.byCounty.map((c) => ({ ...c, name: names.get(c.regionCode) ?? c.regionCode })),
        bySchool: split.bySchool,
      };
    },

    indicatorValues: (area: Area, periodTo: string) => indicatorValuesOf(repo, area, periodTo),
  };
}

/**
 * The day a graduate leaves school (the list's or officer's, else GRADUATE_LEAVING_DAY of the year) and
 * the status it gives: in school until that Beijing day, as the hourly move has it (graduates.jobs.ts).
 */
function leaving(input: GraduateInput, leavingDay: string | undefined, now: Date) {
  const day = input.leftSchoolOn ?? `${input.graduationYear}-${leavingDay ?? DEFAULT_GRADUATE_RULES.leavingDay}`;
  const leftSchoolOn = dayDate(day);
  return {
    leftSchoolOn,
    status: leftSchoolOn > todayIn(now) ? ('in_school' as const) : ('left_without_work' as const),
  };
}

export function createGraduatesService(deps: GraduatesDeps) {
  const { repo, registry, userNames, now = () => new Date() } = deps;
  async function views(rows: GraduateListRow[]) {
    const [people, names] = await Promise.all([
      registry.byIds(rows.map((r) => r.labourerId)),
      userNames(rows.flatMap((r) => r.pairings.map((p) => p.matchmakerId))),
    ]);
    return rows.map((row) => toView(row, people.get(row.labourerId), names));
  }

  /** Checks a registration against the registry and the officer's region; the write it makes, or why not. */
  async function linked(actor: SessionUser, input: GraduateInput) {
    const person = await registry.byIdNumber(input.idNumber);
    const refuse = (code: string, message: string) =>
      new ValidationError(message, [{ field: 'idNumber', code, message }]);
    if (!person) throw refuse('not_in_registry', 'is not in the registry: register the person first');
    if (!person.regionCode.startsWith(scopePrefix(actor)))
      throw refuse('outside_region', 'belongs to a person registered outside your region');
    if (!person.registeredPoor) throw refuse('not_registered_poor', 'is not of a registered poor family');
    const { leftSchoolOn, status } = leaving(input, deps.leavingDay, now());
    const write: GraduateWrite = {
      labourerId: person.id,
      regionCode: person.regionCode,
      schoolName: input.schoolName,
      schoolKind: input.schoolKind,
      major: input.major,
      graduationYear: input.graduationYear,
      leftSchoolOn,
      wish: input.wish,
      status: input.status ?? status,
      occupations: input.occupations,
      ...(input.status === undefined && status === 'in_school' ? { backInSchoolOn: todayIn(now()) } : {}),
    };
    return write;
  }

  async function load(actor: SessionUser, id: string) {
    const row = await repo.find(id);
    if (!row) throw new NotFoundError(`Graduate ${id} does not exist`);
    if (!row.regionCode.startsWith(scopePrefix(actor)))
      throw new ForbiddenError(`Graduate ${id} is outside your region`);
    return row;
  }

  return {
    linked,
    views,
    ...figureMethods(repo, now),

    async register(actor: SessionUser, input: GraduateInput, requestId?: string): Promise<GraduateDetail> {
      const write = await linked(actor, input);
      if (await repo.existing(write.labourerId, write.graduationYear))
        throw new ConflictError('This graduate is already registered for that year', { reason: 'duplicate' });
      const { created } = await repo.save([write], actor.id);
      await repo.audit({ actor, action: 'graduate.register', entity: 'graduate', entityId: created[0]!, requestId });
      return this.get(actor, created[0]!);
    },

    async get(actor: SessionUser, id: string): Promise<GraduateDetail> {
      const row = await load(actor, id);
      const [view] = await views([row]);
      return {
        ...view!,
        history: row.history.map((h) => ({
          fromStatus: h.fromStatus,
          toStatus: h.toStatus,
          on: dayOf(h.on),
          note: h.note,
          bySystem: h.byId === null,
        })),
      };
    },

    async list(actor: SessionUser, query: GraduateListQuery) {
      const prefix = scopePrefix(actor);
      if (query.regionCode && !query.regionCode.startsWith(prefix))
        throw new ForbiddenError(`Region ${query.regionCode} is outside your region`);
      const { page, pageSize, ...filter } = query;
      const { items, total } = await repo.list(prefix, filter, page, pageSize);
      return { items: await views(items), total, page, pageSize };
    },

    /** Every graduate the filter finds, a page at a time (exports); audited. */
    async *exportPages(actor: SessionUser, filter: GraduateFilter, requestId: string) {
      const prefix = scopePrefix(actor);
      await repo.audit({ actor, action: 'graduate.export', entity: 'graduate', requestId, details: { ...filter } });
      for (let page = 1; ; page += 1) {
        const { items } = await repo.list(prefix, filter, page, 500);
        if (!items.length) return;
        yield await views(items);
        if (items.length < 500) return;
      }
    },

    async patchStatus(actor: SessionUser, id: string, patch: StatusPatch, requestId?: string) {
      const row = await load(actor, id);
      if (row.status === patch.status)
        throw new ConflictError(`The graduate is already ${patch.status}`, { reason: 'same_status' });
      const on = dayDate(patch.on ?? chinaDate(now())!);
      // Days compared with today in Beijing: from 00:00 to 08:00 there, today is still yesterday in UTC.
      if (on > todayIn(now()))
        throw new ValidationError('The date lies in the future', [
          { field: 'on', code: 'in_future', message: 'must not be in the future' },
        ]);
      const moved = await repo.changeStatus({
        graduateId: id,
        from: row.status,
        to: patch.status,
        on,
        note: patch.note ?? null,
        byId: actor.id,
        ...statusEffects(patch.status, on, row),
      });
      if (!moved) throw new ConflictError('The graduate changed meanwhile: reload and try again', { reason: 'stale' });
      await repo.audit({ actor, action: 'graduate.status', entity: 'graduate', entityId: id, requestId });
      return this.get(actor, id);
    },
  };
}

export type GraduatesService = ReturnType<typeof createGraduatesService>;
