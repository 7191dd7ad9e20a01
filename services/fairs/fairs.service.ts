import { scopePrefix } from '../platform/access/scope.ts';
import { parseChinaTime } from '../platform/time/china-time.ts';
import type { FairStatus } from '../platform/database/generated/enums.ts';
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { assertManages, toFairView } from './fairs.presenter.ts';
import { FAIR_ALLOWS, mayMove } from './fair-states.ts';
import type { FairInput, FairListQuery, FairPatch, FairView } from './fairs.contract.ts';
import type { FairFilter, FairRow, FairsRepository } from './fairs.repository.ts';

export interface FairsDeps {
  repo: FairsRepository;
  reference: () => Promise<ReferenceNames>;
  now?: () => Date;
}

type FairFields = Omit<FairInput, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date };

/** Rules that span fields: zod checks each field, this checks them together. */
function fairIssues(value: FairFields, ref: ReferenceNames): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: string, message: string) => issues.push({ field, code, message });
  if (value.endsAt < value.startsAt) add('endsAt', 'before_start', 'must not be before the start');
  const cooperation = value.kind === 'cooperation';
  // A cooperation fair is held in the partner area, which the province's reference data may not hold.
  if (!cooperation && !ref.hasRegion(value.regionCode)) add('regionCode', 'unknown_region', 'is not a known region');
  if (!value.online && value.kind !== 'online' && !value.address)
    add('address', 'required', 'is required for a fair held on site');
  if ((value.lat === undefined) !== (value.lng === undefined)) add('lng', 'invalid', 'give both coordinates or none');
  if (cooperation && !value.partnerRegionCode)
    add('partnerRegionCode', 'required', 'is required for a cooperation fair');
  if (cooperation && !value.homeRegionCode) add('homeRegionCode', 'required', 'is required for a cooperation fair');
  if (value.homeRegionCode && !ref.hasRegion(value.homeRegionCode))
    add('homeRegionCode', 'unknown_region', 'is not a known region');
  return issues;
}

function toData(value: FairFields) {
  return {
    kind: value.kind,
    name: value.name,
    startsAt: value.startsAt,
    endsAt: value.endsAt,
    online: value.online || value.kind === 'online',
    regionCode: value.regionCode,
    address: value.address ?? null,
    lat: value.lat ?? null,
    lng: value.lng ?? null,
    organiser: value.organiser,
    homeRegionCode: value.homeRegionCode ?? null,
    partnerRegionCode: value.partnerRegionCode ?? null,
    agreementId: value.agreementId ?? null,
    targetGroups: value.targetGroups,
    capacity: value.capacity ?? null,
    description: value.description ?? null,
  };
}

function fieldsOf(row: FairRow): FairFields {
  const opt = <T>(v: T | null) => v ?? undefined;
  return {
    kind: row.kind,
    name: row.name,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    online: row.online,
    regionCode: row.regionCode,
    address: opt(row.address),
    lat: opt(row.lat),
    lng: opt(row.lng),
    organiser: row.organiser,
    homeRegionCode: opt(row.homeRegionCode),
    partnerRegionCode: opt(row.partnerRegionCode),
    agreementId: opt(row.agreementId),
    targetGroups: row.targetGroups,
    capacity: opt(row.capacity),
    description: opt(row.description),
  };
}

/** Planning fairs, moving them through their states, and the lists each role reads. */
export function createFairsService({ repo, reference, now = () => new Date() }: FairsDeps) {
  async function load(id: string): Promise<FairRow> {
    const row = await repo.fair(id);
    if (!row) throw new NotFoundError(`Fair ${id} does not exist`);
    return row;
  }

  async function managed(actor: SessionUser, id: string): Promise<FairRow> {
    const row = await load(id);
    assertManages(actor, row);
    return row;
  }

  async function checked(actor: SessionUser, value: FairFields) {
    const ref = await reference();
    const issues = fairIssues(value, ref);
    if (issues.length)
      throw new ValidationError(`The fair is not valid: ${issues.map((i) => i.field).join(', ')}`, issues);
    assertManages(actor, { regionCode: value.regionCode, homeRegionCode: value.homeRegionCode ?? null });
    return ref;
  }

  const visibleStatuses: FairStatus[] = ['planned', 'registration', 'ongoing'];

  return {
    load,
    managed,
    reference,

    async create(actor: SessionUser, input: FairInput): Promise<FairView> {
      const value = { ...input, startsAt: parseChinaTime(input.startsAt), endsAt: parseChinaTime(input.endsAt) };
      const ref = await checked(actor, value);
      return toFairView(await repo.createFair({ ...toData(value), createdById: actor.id }), ref);
    },

    async get(actor: SessionUser, id: string): Promise<FairView> {
      return toFairView(await managed(actor, id), await reference());
    },

    async patch(actor: SessionUser, id: string, input: FairPatch): Promise<FairView> {
      const row = await managed(actor, id);
      if (!FAIR_ALLOWS.edit.includes(row.status))
        throw new ConflictError(`A ${row.status} fair cannot be edited`, { reason: 'not_editable' });
      const value: FairFields = {
        ...fieldsOf(row),
        ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
        startsAt: input.startsAt ? parseChinaTime(input.startsAt) : row.startsAt,
        endsAt: input.endsAt ? parseChinaTime(input.endsAt) : row.endsAt,
      };
      const ref = await checked(actor, value);
      return toFairView(await repo.updateFair(id, toData(value)), ref);
    },

    async move(actor: SessionUser, id: string, to: FairStatus): Promise<FairView> {
      const row = await managed(actor, id);
      if (!mayMove(row.status, to))
        throw new ConflictError(`A fair cannot move from ${row.status} to ${to}`, {
          reason: 'illegal_move',
          from: row.status,
          to,
        });
      const { count } = await repo.moveFair(id, row.status, to);
      if (count === 0) throw new ConflictError('The fair was moved by someone else meanwhile', { reason: 'stale' });
      return toFairView(await load(id), await reference());
    },

    async list(actor: SessionUser, query: FairListQuery) {
      const prefix = scopePrefix(actor);
      const filter: FairFilter = {
        region: prefix,
        status: query.status,
        kind: query.kind,
        ...(query.from ? { endsFrom: parseChinaTime(query.from) } : {}),
      };
      const [{ items, total }, ref] = await Promise.all([
        repo.listFairs(filter, query.page, query.pageSize),
        reference(),
      ]);
      return { items: items.map((r) => toFairView(r, ref)), total };
    },

    /** The public calendar: fairs not yet over, soonest first. */
    async calendar(region?: string) {
      const filter: FairFilter = { status: visibleStatuses, endsFrom: now(), ...(region ? { region } : {}) };
      const [rows, ref] = await Promise.all([repo.upcoming(filter), reference()]);
      return { items: rows.map((r) => toFairView(r, ref)), total: rows.length };
    },

    /** A fair as anyone may see it: approved employers with the vacancies they brought. */
    async publicView(id: string) {
      const row = await load(id);
      const ref = await reference();
      const approved = (await repo.participations(id)).filter((p) => p.status === 'approved');
      const links = await repo.fairVacancies(
        id,
        approved.map((p) => p.employerId),
      );
      const briefs = await repo.vacancyBriefs(links.map((l) => l.vacancyId));
      return {
        ...toFairView(row, ref),
        employers: approved.map((p) => ({
          employerId: p.employerId,
          name: p.employer.name,
          booth: p.booth,
          vacancies: briefs
            .filter((v) => v.employerId === p.employerId)
            .map(({ id: vid, title, wageMin, wageMax, headcount }) => ({
              id: vid,
              title,
              wageMin,
              wageMax,
              headcount,
            })),
        })),
      };
    },
  };
}

export type FairsService = ReturnType<typeof createFairsService>;
