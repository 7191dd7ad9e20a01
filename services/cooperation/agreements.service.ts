import { type LabourersService } from '../labourers/index.ts';
import { ageOn } from '../platform/time/age.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import type { LabourerCreate } from '../labourers/index.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type {
  AgreementInput,
  AgreementPatch,
  AgreementView,
  PartnerLabourer,
  StationInput,
} from './cooperation-schemas.contract.ts';
import type { CooperationAgreement, CooperationRepository, LabourerBrief } from './cooperation.repository.ts';
import { calendarDay } from './follow-ups.ts';
import type { PairingCache } from './partner-regions.ts';
import { computeProgress, type Progress } from './progress.ts';

/** The occupation category of household services and elderly care (家政服务与养老护理). */
export const HOUSEHOLD_CATEGORY = 'C05';

export interface AgreementsDeps {
  repo: CooperationRepository;
  reference: () => Promise<ReferenceNames>;
  labourers: LabourersService;
  pairings: PairingCache;
  now?: () => Date;
}

/** An officer works on an agreement when its home side lies within their region. */
export function assertHomeInScope(actor: SessionUser, homeRegionCode: string) {
  const scope = scopePrefix(actor);
  if (!homeRegionCode.startsWith(scope)) {
    throw new ForbiddenError(`The agreement's home region ${homeRegionCode} is outside your region ${scope}`);
  }
}

export function agreementView(row: CooperationAgreement, ref: ReferenceNames): AgreementView {
  return {
    id: row.id,
    homeRegionCode: row.homeRegionCode,
    homeRegionName: ref.regionName(row.homeRegionCode),
    partnerRegionCode: row.partnerRegionCode,
    partnerRegionName: ref.regionName(row.partnerRegionCode),
    year: row.year,
    title: row.title,
    homeContactName: row.homeContactName,
    homeContactPhone: row.homeContactPhone,
    partnerContactName: row.partnerContactName,
    partnerContactPhone: row.partnerContactPhone,
    targetFairs: row.targetFairs,
    targetTransfers: row.targetTransfers,
    targetHouseholdPlacements: row.targetHouseholdPlacements,
    targetTrainings: row.targetTrainings,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function partnerLabourerView(row: LabourerBrief, ref: ReferenceNames): PartnerLabourer {
  return {
    id: row.id,
    name: row.name,
    idNumberMasked: row.idNumberMasked,
    sex: row.sex,
    age: ageOn(row.birthDate),
    phoneMasked: row.phoneMasked,
    regionCode: row.regionCode,
    regionName: ref.regionName(row.regionCode),
    mobility: row.mobility,
    desiredOccupations: row.desiredOccupations,
    employmentStatus: row.employmentStatus,
    wantsJob: row.wantsJob,
  };
}

const issue = (field: string, message: string, code = 'invalid') => ({ field, message, code });

/** Both regions known, in different provinces, the home side within the officer's region. */
async function checkRegions(
  reference: () => Promise<ReferenceNames>,
  actor: SessionUser,
  input: { homeRegionCode: string; partnerRegionCode: string },
) {
  const ref = await reference();
  const issues = [];
  if (!ref.hasRegion(input.homeRegionCode)) issues.push(issue('homeRegionCode', 'is not a known region'));
  if (!ref.hasRegion(input.partnerRegionCode)) issues.push(issue('partnerRegionCode', 'is not a known region'));
  else if (input.partnerRegionCode.slice(0, 2) === input.homeRegionCode.slice(0, 2))
    issues.push(issue('partnerRegionCode', 'must lie in another province', 'same_province'));
  if (issues.length) throw new ValidationError('The agreement is not valid', issues);
  assertHomeInScope(actor, input.homeRegionCode);
}

/** Each agreement's progress against its targets, from its fairs, arrivals, placements and trainings. */
async function progressOf(
  repo: CooperationRepository,
  rows: CooperationAgreement[],
  today: Date,
): Promise<Map<string, Progress>> {
  const ids = rows.map((r) => r.id);
  const [fairs, arrived, placed, trainings] = await Promise.all([
    Promise.all(rows.map((r) => repo.fairsHeld(r))),
    repo.arrivedMembers(ids),
    repo.placedReferrals(ids),
    repo.trainingCounts(ids),
  ]);
  const employerKinds = new Map(
    (await repo.employers([...new Set(arrived.map((m) => m.employerId).filter((e) => e !== null))])).map((e) => [
      e.id,
      e.kind,
    ]),
  );
  return new Map(
    rows.map((row, i) => [
      row.id,
      computeProgress({
        targets: {
          fairs: row.targetFairs,
          transfers: row.targetTransfers,
          householdPlacements: row.targetHouseholdPlacements,
          trainings: row.targetTrainings,
        },
        fairsHeld: fairs[i]!,
        arrived: arrived
          .filter((m) => m.batch.agreementId === row.id)
          .map((m) => ({
            labourerId: m.labourerId,
            employerKind: m.employerId ? (employerKinds.get(m.employerId) ?? null) : null,
            followUps: m.followUps,
          })),
        placedReferrals: placed.filter((p) => p.agreementId === row.id).map((p) => p.labourerId),
        trainings: trainings.find((t) => t.agreementId === row.id)?._count._all ?? 0,
        today,
      }),
    ]),
  );
}

/** A second agreement of the same pair and year is a conflict, not a crash. */
async function writeConflict<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new ConflictError('An agreement between these two regions already exists for that year');
    }
    throw error;
  }
}

/** Agreements (东西部劳务协作协议), their stations, partner-area labourers and progress. */
export function createAgreementsService(deps: AgreementsDeps) {
  const { repo, reference, pairings } = deps;
  const now = deps.now ?? (() => new Date());

  async function load(actor: SessionUser, id: string) {
    const row = await repo.agreement(id);
    if (!row) throw new NotFoundError(`Agreement ${id} does not exist`);
    assertHomeInScope(actor, row.homeRegionCode);
    return row;
  }

  const progress = (rows: CooperationAgreement[]) => progressOf(repo, rows, calendarDay(now()));
  const regionsChecked = (actor: SessionUser, input: { homeRegionCode: string; partnerRegionCode: string }) =>
    checkRegions(reference, actor, input);

  return {
    load,
    progressOf: progress,

    async list(actor: SessionUser, query: { year?: number | undefined }) {
      const rows = await repo.agreements({ homeRegion: scopePrefix(actor), year: query.year });
      const [ref, figures] = await Promise.all([reference(), progress(rows)]);
      return rows.map((row) => ({ ...agreementView(row, ref), progress: figures.get(row.id)! }));
    },

    async get(actor: SessionUser, id: string) {
      const row = await load(actor, id);
      return agreementView(row, await reference());
    },

    async progress(actor: SessionUser, id: string): Promise<Progress> {
      const row = await load(actor, id);
      return (await progress([row])).get(row.id)!;
    },

    async create(actor: SessionUser, input: AgreementInput) {
      await regionsChecked(actor, input);
      const row = await writeConflict(() =>
        repo.createAgreement({ ...input, note: input.note ?? null, createdById: actor.id }),
      );
      await pairings.refresh();
      return agreementView(row, await reference());
    },

    async update(actor: SessionUser, id: string, patch: AgreementPatch) {
      const current = await load(actor, id);
      await regionsChecked(actor, {
        homeRegionCode: patch.homeRegionCode ?? current.homeRegionCode,
        partnerRegionCode: patch.partnerRegionCode ?? current.partnerRegionCode,
      });
      const row = await writeConflict(() => repo.updateAgreement(id, patch));
      await pairings.refresh();
      return agreementView(row, await reference());
    },

    async remove(actor: SessionUser, id: string) {
      await load(actor, id);
      if (await repo.countBatches(id)) {
        throw new ConflictError('The agreement has transfer batches: it is part of the record and stays');
      }
      await repo.deleteAgreement(id);
      await pairings.refresh();
    },

    ...partnerAreaUseCases(deps, load),
  };
}

/** The partner side of an agreement: its labour stations and the labourers registered there. */
function partnerAreaUseCases(
  deps: AgreementsDeps,
  load: (actor: SessionUser, id: string) => Promise<CooperationAgreement>,
) {
  const { repo, reference } = deps;
  return {
    async stations(actor: SessionUser, id: string) {
      await load(actor, id);
      const ref = await reference();
      return (await repo.stations(id)).map((s) => ({ ...s, regionName: ref.regionName(s.regionCode) }));
    },

    async addStation(actor: SessionUser, id: string, input: StationInput) {
      const agreement = await load(actor, id);
      const ref = await reference();
      if (!ref.isKnownPlace(input.regionCode) || !input.regionCode.startsWith(agreement.partnerRegionCode)) {
        throw new ValidationError('A labour station lies in the partner area', [
          issue('regionCode', `must be a region within ${agreement.partnerRegionCode}`, 'outside_partner_area'),
        ]);
      }
      const row = await repo.createStation({
        ...input,
        address: input.address ?? null,
        agreementId: id,
      });
      return { ...row, regionName: ref.regionName(row.regionCode) };
    },

    async partnerLabourers(
      actor: SessionUser,
      id: string,
      query: { household?: boolean | undefined; page: number; pageSize: number },
    ) {
      const agreement = await load(actor, id);
      const codes = query.household ? (await repo.occupationsIn(HOUSEHOLD_CATEGORY)).map((o) => o.code) : undefined;
      const { items, total } = await repo.partnerLabourers(
        agreement.partnerRegionCode,
        query.page,
        query.pageSize,
        codes,
      );
      const ref = await reference();
      return {
        items: items.map((row) => partnerLabourerView(row, ref)),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /**
     * Registers a partner-area labourer with the registry's own rules. The officer's region is the
     * home side, so the registry's scope check is taken on the agreement's partner area instead.
     */
    async registerPartnerLabourer(actor: SessionUser, id: string, input: LabourerCreate) {
      const agreement = await load(actor, id);
      if (!input.regionCode.startsWith(agreement.partnerRegionCode)) {
        throw new ValidationError('A partner-area labourer lives in the partner area', [
          issue('regionCode', `must be a region within ${agreement.partnerRegionCode}`, 'outside_partner_area'),
        ]);
      }
      const onBehalf: SessionUser =
        actor.role === 'admin' ? actor : { ...actor, regionCode: agreement.partnerRegionCode };
      return deps.labourers.create(onBehalf, input);
    },
  };
}

export type AgreementsService = ReturnType<typeof createAgreementsService>;
