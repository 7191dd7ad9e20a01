import type { Notifier } from '../notifications/index.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import { chinaDate } from '../platform/time/china-time.ts';
import {
  type Cycle,
  type CycleSettings,
  cycleKey,
  deadlineOf,
  filesTo,
  mayDecide,
  maySubmit,
  type ReportStatusCode,
} from './cycle.ts';
import type { ReportGroup } from './indicators.ts';
import { HOME_PROVINCE } from './indicators.service.ts';
import type { FilingsRepository } from './filings.repository.ts';
import type { ReportsRepository } from './reports.repository.ts';
import { noticeOfDecision, noticeToParents } from './filing-notices.ts';

type Actor = Pick<SessionUser, 'id' | 'role' | 'regionCode'>;
type StoredReport = NonNullable<Awaited<ReturnType<ReportsRepository['get']>>>;

const HELD: readonly string[] = ['submitted', 'accepted'];
const day = (d: Date) => d.toISOString().slice(0, 10);

/** The cycle a stored report belongs to (older reports carry it in their figures only). */
export function cycleOfReport(row: StoredReport): Cycle {
  const figures = row.figures as { year?: number; quarter?: number | null; groups?: ReportGroup[] };
  return {
    kind: row.kind,
    year: row.year ?? figures.year ?? Number(day(row.periodTo).slice(0, 4)),
    quarter: row.kind === 'quarterly' ? (row.quarter ?? figures.quarter ?? null) : null,
    group: row.kind === 'quarterly' ? ((row.group as ReportGroup | null) ?? figures.groups?.[0] ?? null) : null,
  };
}

export interface FilingsQuery {
  kind: 'quarterly' | 'yearly';
  year: number;
  quarter?: number | undefined;
  group?: ReportGroup | undefined;
  regionCode?: string | undefined;
  outstanding?: boolean | undefined;
}

/** Who has filed and who has not, for the regions at and under the caller's (or a chosen) region. */
export async function filingList(repo: FilingsRepository, settings: CycleSettings, actor: Actor, query: FilingsQuery) {
  const scope = scopePrefix(actor);
  const prefix = query.regionCode ?? (scope || HOME_PROVINCE);
  if (!prefix.startsWith(scope)) throw new ForbiddenError(`Region ${prefix} is outside your region`);
  const cycle: Cycle = {
    kind: query.kind,
    year: query.year,
    quarter: query.kind === 'quarterly' ? (query.quarter ?? 1) : null,
    group: query.kind === 'quarterly' ? (query.group ?? 'employment') : null,
  };
  const dueOn = deadlineOf(cycle, settings);
  const [regions, rows, region] = await Promise.all([
    repo.filingRegions(prefix),
    repo.cycleReports(cycle, prefix),
    repo.region(prefix),
  ]);
  if (!region) throw new NotFoundError(`Region ${prefix} not found`);
  const names = await repo.usernames([
    ...new Set(rows.flatMap((r) => [r.submittedById, r.decidedById]).filter((x): x is string => !!x)),
  ]);
  const today = chinaDate(new Date())!;
  const items = regions.map((r) => {
    const mine = rows.filter((x) => x.regionCode === r.code);
    const report = mine.find((x) => HELD.includes(x.status)) ?? mine[0] ?? null;
    const status: ReportStatusCode | 'none' = report?.status ?? 'none';
    const filed = HELD.includes(status);
    const submittedOn = report?.submittedAt ? chinaDate(report.submittedAt)! : null;
    return {
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      level: r.level as 'city' | 'county',
      filesTo: filesTo(r.code)!,
      status,
      outstanding: !filed,
      late: filed ? submittedOn! > dueOn : today > dueOn,
      reportId: report?.id ?? null,
      title: report?.title ?? null,
      submittedAt: report?.submittedAt?.toISOString() ?? null,
      submittedBy: report?.submittedById ? (names.get(report.submittedById) ?? null) : null,
      decidedAt: report?.decidedAt?.toISOString() ?? null,
      decidedBy: report?.decidedById ? (names.get(report.decidedById) ?? null) : null,
      returnReason: report?.returnReason ?? null,
    };
  });
  const count = (s: string) => items.filter((i) => i.status === s).length;
  return {
    cycle,
    dueOn,
    region: { code: region.code, name: region.name, nameEn: region.nameEn },
    counts: {
      expected: items.length,
      submitted: count('submitted'),
      accepted: count('accepted'),
      returned: count('returned'),
      outstanding: items.filter((i) => i.outstanding).length,
    },
    items: query.outstanding ? items.filter((i) => i.outstanding) : items,
  };
}

/** The report's place in the cycle, for its page and the API. */
export async function filingState(repo: FilingsRepository, settings: CycleSettings, actor: Actor, row: StoredReport) {
  const steps = await repo.steps(row.id);
  const names = await repo.usernames([...new Set(steps.map((s) => s.actorId))]);
  const cycle = cycleOfReport(row);
  return {
    id: row.id,
    status: row.status,
    filesTo: filesTo(row.regionCode),
    dueOn: row.dueOn ? day(row.dueOn) : deadlineOf(cycle, settings),
    returnReason: row.returnReason,
    canSubmit: maySubmit(actor, row.regionCode) && row.status === 'draft',
    canDecide: mayDecide(actor, row.regionCode) && row.status === 'submitted',
    steps: steps.map((s) => ({
      action: s.action as 'submit' | 'return' | 'accept',
      actor: names.get(s.actorId) ?? s.actorId,
      at: s.at.toISOString(),
      reason: s.reason,
    })),
  };
}
/** The filing list for download; the download is audited like every export. */
async function exportFilingList(
  repo: FilingsRepository,
  settings: CycleSettings,
  input: { actor: Actor; query: FilingsQuery; format: string; requestId?: string | undefined },
) {
  const list = await filingList(repo, settings, input.actor, input.query);
  await repo.audit({
    actor: input.actor,
    action: 'report.filings_export',
    entity: 'Region',
    entityId: list.region.code,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    details: { format: input.format, cycle: { ...list.cycle } },
  });
  return list;
}

export function createFilingsService(deps: {
  repo: FilingsRepository;
  reports: ReportsRepository;
  settings: CycleSettings;
  notifier?: Notifier | undefined;
}) {
  const { repo, reports, settings, notifier } = deps;

  async function readable(actor: Actor, id: string): Promise<StoredReport> {
    const row = await reports.get(id);
    if (!row) throw new NotFoundError(`Report ${id} not found`);
    if (!row.regionCode.startsWith(scopePrefix(actor))) throw new ForbiddenError(`Report ${id} is outside your region`);
    return row;
  }

  function expectStatus(row: StoredReport, ...allowed: ReportStatusCode[]) {
    if (!allowed.includes(row.status)) {
      throw new ConflictError(`Report ${row.id} is ${row.status}; this step needs it ${allowed.join(' or ')}`);
    }
  }

  const status = (actor: Actor, row: StoredReport) => filingState(repo, settings, actor, row);

  return {
    status,
    state: async (actor: Actor, id: string) => status(actor, await readable(actor, id)),

    /**
     * Files a draft with its region's level above. The figures stored when the report was made
     * are what is filed: they never change afterwards, and the step keeps a copy of them.
     */
    async submit(actor: Actor, id: string, requestId?: string) {
      const row = await readable(actor, id);
      if (!maySubmit(actor, row.regionCode)) {
        throw new ForbiddenError('Only the officers of the report’s own county or city submit it');
      }
      expectStatus(row, 'draft');
      const now = new Date();
      if (day(row.periodTo) >= (chinaDate(row.createdAt) ?? '')) {
        throw new ValidationError('The report was made before its period ended', [
          { field: 'report', message: 'was made before its period ended: generate it again', code: 'period_open' },
        ]);
      }
      const cycle = cycleOfReport(row);
      const key = cycleKey(cycle, row.regionCode);
      const holder = await repo.holderOf(key);
      if (holder) throw new ConflictError(`Report ${holder.id} of this period is already submitted`);
      const data = {
        status: 'submitted' as const,
        cycleKey: key,
        year: cycle.year,
        quarter: cycle.quarter,
        group: cycle.group,
        dueOn: new Date(`${deadlineOf(cycle, settings)}T00:00:00Z`),
        submittedAt: now,
        submittedById: actor.id,
      };
      const step = { action: 'submit' as const, actorId: actor.id, at: now, figures: row.figures as object };
      const audit = {
        actor,
        action: 'report.submit',
        entity: 'Report',
        entityId: id,
        ...(requestId ? { requestId } : {}),
        details: { regionCode: row.regionCode, cycle: key },
      };
      try {
        if (!(await repo.step(id, 'draft', data, step, audit)))
          throw new ConflictError(`Report ${id} changed meanwhile`);
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') {
          throw new ConflictError('Another report of this period was submitted meanwhile');
        }
        throw error;
      }
      await noticeToParents(repo, notifier, row);
      return status(actor, { ...row, ...data });
    },

    /** Accepts (接收) or returns (退回, with the reason) a submitted report: the level above's act. */
    async decide(actor: Actor, id: string, decision: 'accept' | 'return', reason?: string, requestId?: string) {
      const row = await readable(actor, id);
      if (!mayDecide(actor, row.regionCode)) {
        throw new ForbiddenError('Only the officers of the level the report goes to accept or return it');
      }
      expectStatus(row, 'submitted');
      const why = reason?.trim() ?? '';
      if (decision === 'return' && !why) {
        throw new ValidationError('A returned report needs a reason', [
          { field: 'reason', message: 'is required', code: 'required' },
        ]);
      }
      const now = new Date();
      const data =
        decision === 'accept'
          ? { status: 'accepted' as const, decidedAt: now, decidedById: actor.id }
          : // The cycle's place is freed: the region files a new report.
            { status: 'returned' as const, decidedAt: now, decidedById: actor.id, returnReason: why, cycleKey: null };
      const audit = {
        actor,
        action: `report.${decision}`,
        entity: 'Report',
        entityId: id,
        ...(requestId ? { requestId } : {}),
        details: { regionCode: row.regionCode, ...(why ? { reason: why } : {}) },
      };
      const step = { action: decision, actorId: actor.id, at: now, reason: why || null };
      if (!(await repo.step(id, 'submitted', data, step, audit)))
        throw new ConflictError(`Report ${id} changed meanwhile`);
      await noticeOfDecision(notifier, row, decision, why);
      return status(actor, { ...row, ...data });
    },

    filings: (actor: Actor, query: FilingsQuery) => filingList(repo, settings, actor, query),

    exportFilings: (actor: Actor, query: FilingsQuery, format: string, requestId?: string) =>
      exportFilingList(repo, settings, { actor, query, format, requestId }),
  };
}

export type FilingsService = ReturnType<typeof createFilingsService>;
export type Filings = Awaited<ReturnType<FilingsService['filings']>>;
