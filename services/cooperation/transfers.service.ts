import { chinaDate, parseChinaTime } from '../platform/time/china-time.ts';
import type { Notifier } from '../notifications/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { AgreementsService } from './agreements.service.ts';
import type {
  ArrivalInput,
  BatchInput,
  BatchView,
  DueFollowUp,
  FollowUpRecord,
  MemberInput,
} from './cooperation-schemas.contract.ts';
import type { BatchRow, CooperationRepository } from './cooperation.repository.ts';
import { assertHomeInScope } from './agreements.service.ts';
import { calendarDay, checkFollowUpRecord, followUpPlan } from './follow-ups.ts';

export interface TransfersDeps {
  repo: CooperationRepository;
  agreements: AgreementsService;
  reference: () => Promise<ReferenceNames>;
  notifier: Notifier;
  now?: () => Date;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const issue = (field: string, message: string, code = 'invalid') => ({ field, message, code });
type FollowUpRow = BatchRow['members'][number]['followUps'][number];
type LoadedBatch = NonNullable<Awaited<ReturnType<CooperationRepository['batch']>>>;

function followUpView(f: FollowUpRow) {
  return {
    id: f.id,
    month: f.month,
    dueOn: day(f.dueOn),
    state: f.state,
    reason: f.reason,
    recordedAt: f.recordedAt?.toISOString() ?? null,
    remindedAt: f.remindedAt?.toISOString() ?? null,
  };
}

/** A batch as shown: its regions, employers and members by name, each member's follow-ups. */
async function batchView(
  repo: CooperationRepository,
  reference: () => Promise<ReferenceNames>,
  row: BatchRow,
): Promise<BatchView> {
  const ref = await reference();
  const employerIds = [...new Set([...row.employerIds, ...row.members.map((m) => m.employerId).filter((e) => !!e)])];
  const [people, employers] = await Promise.all([
    repo.labourers(row.members.map((m) => m.labourerId)),
    repo.employers(employerIds as string[]),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const employer = new Map(employers.map((e) => [e.id, e]));
  return {
    id: row.id,
    agreementId: row.agreementId,
    departureDate: day(row.departureDate),
    fromRegionCode: row.fromRegionCode,
    fromRegionName: ref.regionName(row.fromRegionCode),
    toRegionCode: row.toRegionCode,
    toRegionName: ref.regionName(row.toRegionCode),
    employers: row.employerIds
      .map((id) => employer.get(id))
      .filter((e) => e !== undefined)
      .map((e) => ({ id: e.id, name: e.name, kind: e.kind })),
    escortName: row.escortName,
    escortPhone: row.escortPhone,
    transport: row.transport,
    travelSubsidyPerHead: row.travelSubsidyPerHead,
    status: row.status,
    note: row.note,
    members: row.members.map((m) => {
      const p = person.get(m.labourerId);
      return {
        id: m.id,
        labourerId: m.labourerId,
        name: p?.name ?? '',
        idNumberMasked: p?.idNumberMasked ?? '',
        regionName: p ? ref.regionName(p.regionCode) : '',
        employerId: m.employerId,
        employerName: m.employerId ? (employer.get(m.employerId)?.name ?? null) : null,
        vacancyId: m.vacancyId,
        arrivedAt: m.arrivedAt?.toISOString() ?? null,
        noShowReason: m.noShowReason,
        followUps: m.followUps.map(followUpView),
      };
    }),
  };
}

/** The departure notice to each member: date, route, transport and escort. */
function departureNotices(shown: BatchView, members: Array<{ labourerId: string }>) {
  const escort = shown.escortName
    ? `，带队：${shown.escortName}${shown.escortPhone ? ` ${shown.escortPhone}` : ''}`
    : '';
  return members.map((m) => ({
    labourerId: m.labourerId,
    kind: 'transfer_departure' as const,
    title: '劳务输出出发通知',
    body: `您将于${shown.departureDate}从${shown.fromRegionName}出发前往${shown.toRegionName}${shown.transport ? `（${shown.transport}）` : ''}${escort}。请带好身份证，准时集合。`,
    data: {
      batchId: shown.id,
      departureDate: shown.departureDate,
      from: shown.fromRegionName,
      to: shown.toRegionName,
      en: `You leave ${shown.fromRegionName} for ${shown.toRegionName} on ${shown.departureDate}.`,
    },
    dedupeKey: `transfer_departure:${shown.id}:${m.labourerId}`,
  }));
}

/** Organised transfers (有组织劳务输出): batches, members, arrival and the 1/3/6-month follow-ups. */
export function createTransfersService(deps: TransfersDeps) {
  const { repo, reference } = deps;
  const now = deps.now ?? (() => new Date());
  const view = (row: BatchRow) => batchView(repo, reference, row);

  /** A batch within the officer's region: its agreement's home side, or its destination. */
  async function loadBatch(actor: SessionUser, id: string) {
    const row = await repo.batch(id);
    if (!row) throw new NotFoundError(`Transfer batch ${id} does not exist`);
    assertHomeInScope(actor, row.agreement?.homeRegionCode ?? row.toRegionCode);
    return row;
  }

  async function checkEmployers(ids: string[], field: string) {
    const found = await repo.employers(ids);
    if (found.length !== new Set(ids).size)
      throw new ValidationError('Unknown employer', [issue(field, 'unknown employer')]);
    return found;
  }

  const context: TransfersContext = { deps, now, view, loadBatch, checkEmployers };
  return { loadBatch, view, ...batchUseCases(context), ...arrivalUseCases(context) };
}

interface TransfersContext {
  deps: TransfersDeps;
  now: () => Date;
  view: (row: BatchRow) => Promise<BatchView>;
  loadBatch: (actor: SessionUser, id: string) => Promise<LoadedBatch>;
  checkEmployers: (ids: string[], field: string) => Promise<unknown>;
}

/** Making a batch, adding people to it, its departure. */
function batchUseCases({ deps, view, loadBatch, checkEmployers }: TransfersContext) {
  const { repo, reference, notifier } = deps;
  return {
    async list(actor: SessionUser, agreementId: string) {
      await deps.agreements.load(actor, agreementId);
      return Promise.all((await repo.batches(agreementId)).map(view));
    },

    /** Partner-area people who may join a batch of the agreement. */
    async partnerCandidates(actor: SessionUser, agreementId: string) {
      return (await deps.agreements.partnerLabourers(actor, agreementId, { page: 1, pageSize: 200 })).items;
    },

    async get(actor: SessionUser, id: string) {
      return view(await loadBatch(actor, id));
    },

    async create(actor: SessionUser, agreementId: string, input: BatchInput) {
      const agreement = await deps.agreements.load(actor, agreementId);
      const ref = await reference();
      const issues = [];
      if (!ref.isKnownPlace(input.fromRegionCode) || !input.fromRegionCode.startsWith(agreement.partnerRegionCode))
        issues.push(
          issue('fromRegionCode', `must be a region within ${agreement.partnerRegionCode}`, 'outside_partner_area'),
        );
      if (!ref.isKnownPlace(input.toRegionCode) || !input.toRegionCode.startsWith(agreement.homeRegionCode))
        issues.push(issue('toRegionCode', `must be a region within ${agreement.homeRegionCode}`, 'outside_home_area'));
      if (issues.length) throw new ValidationError('The transfer batch is not valid', issues);
      await checkEmployers(input.employerIds, 'employerIds');
      const created = await repo.createBatch({
        agreementId,
        departureDate: new Date(`${input.departureDate}T00:00:00.000Z`),
        fromRegionCode: input.fromRegionCode,
        toRegionCode: input.toRegionCode,
        employerIds: [...new Set(input.employerIds)],
        escortName: input.escortName ?? null,
        escortPhone: input.escortPhone ?? null,
        transport: input.transport ?? null,
        travelSubsidyPerHead: input.travelSubsidyPerHead,
        note: input.note ?? null,
        createdById: actor.id,
      });
      return this.get(actor, created.id);
    },

    async addMember(actor: SessionUser, batchId: string, input: MemberInput) {
      const batch = await loadBatch(actor, batchId);
      if (batch.status !== 'planned')
        throw new ConflictError('People join a batch before it departs', { reason: 'departed' });
      const person = await repo.labourer(input.labourerId);
      if (!person || person.erasedAt) throw new NotFoundError(`Labourer ${input.labourerId} does not exist`);
      const area = batch.agreement?.partnerRegionCode ?? batch.fromRegionCode;
      if (!person.regionCode.startsWith(area)) {
        throw new ValidationError('The person does not live in the partner area', [
          issue('labourerId', `must live within ${area}`, 'outside_partner_area'),
        ]);
      }
      let employerId = input.employerId ?? null;
      if (input.vacancyId) {
        const vacancy = await repo.vacancy(input.vacancyId);
        if (!vacancy) throw new ValidationError('Unknown vacancy', [issue('vacancyId', 'unknown vacancy')]);
        employerId ??= vacancy.employerId;
      }
      if (employerId) await checkEmployers([employerId], 'employerId');
      try {
        await repo.addMember({ batchId, labourerId: input.labourerId, employerId, vacancyId: input.vacancyId ?? null });
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002')
          throw new ConflictError('The person is already in this batch');
        throw error;
      }
      return this.get(actor, batchId);
    },

    /** The batch sets off: each member is told the date, escort and transport. */
    async depart(actor: SessionUser, batchId: string) {
      const batch = await loadBatch(actor, batchId);
      if (batch.status !== 'planned') throw new ConflictError(`The batch is ${batch.status}`, { reason: batch.status });
      if (!batch.members.length) throw new ConflictError('The batch has nobody in it', { reason: 'empty' });
      await repo.setBatchStatus(batchId, 'departed');
      const shown = await view({ ...batch, status: 'departed' });
      await notifier.notify(departureNotices(shown, batch.members));
      return shown;
    },
  };
}

/** Arrivals and the follow-ups they open. */
function arrivalUseCases({ deps, now, view, loadBatch }: TransfersContext) {
  const { repo, reference } = deps;
  return {
    /** Confirms one person's arrival (or that they did not come) and opens the follow-ups. */
    async confirmArrival(actor: SessionUser, batchId: string, memberId: string, input: ArrivalInput) {
      const batch = await loadBatch(actor, batchId);
      if (batch.status === 'planned' || batch.status === 'cancelled') {
        throw new ConflictError('Arrival is confirmed after departure', { reason: batch.status });
      }
      const member = batch.members.find((m) => m.id === memberId);
      if (!member) throw new NotFoundError(`Member ${memberId} is not in this batch`);
      if (member.followUps.some((f) => f.state !== null)) {
        throw new ConflictError('Follow-ups were already recorded for this arrival', { reason: 'followed_up' });
      }
      if (!input.arrived) {
        if (!input.noShowReason) {
          throw new ValidationError('Say why the person did not arrive', [
            issue('noShowReason', 'is required', 'required'),
          ]);
        }
        await repo.confirmArrival(
          memberId,
          { arrivedAt: null, noShowReason: input.noShowReason, confirmedById: actor.id },
          [],
        );
      } else {
        const arrivedAt = input.arrivedOn ? parseChinaTime(input.arrivedOn) : now();
        if (arrivedAt > now() || chinaDate(arrivedAt)! < day(batch.departureDate)) {
          throw new ValidationError('The arrival day lies between departure and today', [
            issue('arrivedOn', 'must be between the departure day and today', 'out_of_range'),
          ]);
        }
        await repo.confirmArrival(
          memberId,
          { arrivedAt, noShowReason: null, confirmedById: actor.id },
          followUpPlan(arrivedAt),
        );
      }
      const after = (await repo.batch(batchId))!;
      if (after.members.every((m) => m.arrivedAt || m.noShowReason)) await repo.setBatchStatus(batchId, 'arrived');
      return view(await loadBatch(actor, batchId));
    },

    /** Follow-ups due and not yet recorded, in the officer's region. */
    async dueFollowUps(actor: SessionUser): Promise<DueFollowUp[]> {
      const rows = await repo.dueFollowUps(calendarDay(now()), scopePrefix(actor));
      const ref = await reference();
      const people = new Map((await repo.labourers(rows.map((r) => r.member.labourerId))).map((p) => [p.id, p]));
      const employers = new Map(
        (await repo.employers(rows.map((r) => r.member.employerId).filter((e) => e !== null))).map((e) => [e.id, e]),
      );
      return rows.map((r) => ({
        ...followUpView(r),
        memberId: r.memberId,
        batchId: r.member.batchId,
        agreementId: r.member.batch.agreementId,
        labourerId: r.member.labourerId,
        name: people.get(r.member.labourerId)?.name ?? '',
        phoneMasked: people.get(r.member.labourerId)?.phoneMasked ?? null,
        employerName: r.member.employerId ? (employers.get(r.member.employerId)?.name ?? null) : null,
        toRegionName: ref.regionName(r.member.batch.toRegionCode),
      }));
    },

    async recordFollowUp(actor: SessionUser, id: string, input: FollowUpRecord) {
      const row = await repo.followUp(id);
      if (!row) throw new NotFoundError(`Follow-up ${id} does not exist`);
      assertHomeInScope(actor, row.member.batch.agreement?.homeRegionCode ?? row.member.batch.toRegionCode);
      if (row.dueOn > calendarDay(now())) {
        throw new ConflictError(`This follow-up is due on ${day(row.dueOn)}`, { reason: 'not_due' });
      }
      const record = checkFollowUpRecord(input);
      const saved = await repo.recordFollowUp(id, { ...record, recordedById: actor.id });
      return followUpView(saved);
    },
  };
}

export type TransfersService = ReturnType<typeof createTransfersService>;
