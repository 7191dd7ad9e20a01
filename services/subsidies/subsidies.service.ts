import { addMonths, chinaDate } from '../platform/time/china-time.ts';
import { scopePrefix } from '../platform/access/scope.ts';
import { maskName } from '../platform/crypto/pii.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type {
  Decision,
  DecisionInput,
  DecisionListQuery,
  EligibleHire,
  Eligibility,
  EligibilityQuery,
} from './subsidies.contract.ts';
import type { ClaimCheck } from './claim-rules.ts';
import type { ClaimsRepository, ClaimWrite } from './claims.repository.ts';
import { PROVINCE_CODE } from './programme-catalogue.ts';
import type { SettingRow } from './programmes.repository.ts';
import { settingFor, type ProgrammesService } from './programmes.service.ts';
import {
  HIRING,
  hiringKey,
  type DecisionFilter,
  type DecisionRow,
  type HireRow,
  type SubsidiesRepository,
} from './subsidies.repository.ts';
import { ineligibility, monthsInWork, subsidyAmount } from './subsidy-eligibility.ts';
import type { SubsidyRules } from './subsidy-settings.ts';

export interface SubsidiesDeps {
  repo: SubsidiesRepository;
  claims: ClaimsRepository;
  programmes: ProgrammesService;
  /** Fixed rules (tests); by default each region's row of the hiring programme (a county's over its city's over the province's). */
  rules?: SubsidyRules;
  now?: () => Date;
}

// Calendar clamping (31 Aug + 6 months = 28 Feb) lets a start a few days after the naive cut-off qualify.
const CLAMP_SLACK_MS = 4 * 86_400_000;

function toDecision(row: DecisionRow, names: Map<string, string>): Decision {
  const step = row.transitions[0];
  const months = (row.checks as unknown as ClaimCheck[]).find((c) => c.rule === 'kept_qualifying_months')?.detail;
  return {
    id: row.id,
    applicationId: row.application.id,
    employerId: row.employerId ?? '',
    employerName: row.application.vacancy.employer.name,
    maskedName: maskName(row.application.labourer.name),
    idNumberMasked: row.application.labourer.idNumberMasked,
    vacancyTitle: row.application.vacancy.title,
    status: row.status === 'rejected' ? 'rejected' : 'approved',
    amount: row.status === 'rejected' ? 0 : row.amount,
    qualifyingMonths: Number(months ?? 0),
    note: row.rejectionReason ?? step?.note ?? null,
    decidedBy: names.get(step?.byId ?? row.createdById ?? '') ?? null,
    decidedAt: (row.decidedAt ?? row.createdAt).toISOString(),
  };
}

const rulesOf = (setting: SettingRow): SubsidyRules => ({
  qualifyingMonths: setting.qualifyingMonths ?? 6,
  amountPerPerson: setting.amount,
  workshopBonus: setting.bonus ?? 0,
  onlyRegisteredPoor: true,
});

const judge = (rules: SubsidyRules, hire: HireRow, today: Date) =>
  ineligibility(
    {
      status: hire.status,
      startedAt: hire.startedAt,
      leftAt: hire.leftAt,
      povertyStatus: hire.labourer.povertyStatus,
      povertyYear: hire.labourer.povertyYear,
      publicWelfarePost: hire.vacancy.publicWelfarePost,
      erased: hire.labourer.erasedAt !== null,
      decided: false,
    },
    rules,
    today,
  );

/** The checks a decided hire passed (the eligibility list shows only hires that pass them all). */
const hiringChecks = (rules: SubsidyRules): ClaimCheck[] => [
  { rule: 'not_erased', passed: true },
  { rule: 'registered_poor', passed: true },
  { rule: 'not_public_welfare_post', passed: true },
  { rule: 'started', passed: true },
  { rule: 'kept_qualifying_months', passed: true, detail: `${rules.qualifyingMonths}` },
];

const toEligible = (rules: SubsidyRules, hire: HireRow, today: Date): EligibleHire => ({
  applicationId: hire.id,
  employerId: hire.vacancy.employer.id,
  employerName: hire.vacancy.employer.name,
  employerKind: hire.vacancy.employer.kind,
  maskedName: maskName(hire.labourer.name),
  idNumberMasked: hire.labourer.idNumberMasked,
  vacancyTitle: hire.vacancy.title,
  startedOn: chinaDate(hire.startedAt)!,
  leftOn: chinaDate(hire.leftAt),
  monthsInWork: monthsInWork(hire, today),
  amount: subsidyAmount(rules, hire.vacancy.employer.kind),
});

function decisionFilter(actor: SessionUser, query: Omit<DecisionListQuery, 'page' | 'pageSize'>): DecisionFilter {
  return { regionPrefix: scopePrefix(actor), employerId: query.employerId, status: query.status };
}

/** The eligible hires summed per employer. */
function employerTotals(items: EligibleHire[]) {
  const byEmployer = new Map<string, Eligibility['byEmployer'][number]>();
  for (const item of items) {
    const group = byEmployer.get(item.employerId) ?? {
      employerId: item.employerId,
      employerName: item.employerName,
      employerKind: item.employerKind,
      people: 0,
      amount: 0,
    };
    group.people += 1;
    group.amount += item.amount;
    byEmployer.set(item.employerId, group);
  }
  return byEmployer;
}

/** The list with its totals per employer, sorted as Chinese readers sort (by pinyin). */
function eligibilityOf(rules: SubsidyRules, items: EligibleHire[]): Eligibility {
  const byEmployer = employerTotals(items);
  items.sort((a, b) => a.employerName.localeCompare(b.employerName, 'zh-CN') || a.startedOn.localeCompare(b.startedOn));
  return {
    rules,
    items,
    byEmployer: [...byEmployer.values()].sort((a, b) => a.employerName.localeCompare(b.employerName, 'zh-CN')),
    totals: { people: items.length, amount: items.reduce((sum, item) => sum + item.amount, 0) },
  };
}

/** A decided hire as a claim on the hiring programme: submitted, checked and decided at once by the officer. */
function hiringClaim(c: {
  programmeId: string;
  setting: SettingRow;
  hire: HireRow;
  input: DecisionInput;
  amount: number;
  rules: SubsidyRules;
  today: Date;
  by: string;
}): ClaimWrite {
  const { programmeId, setting, hire, input, amount, rules, today, by } = c;
  const region = hire.vacancy.employer.regionCode;
  const checks = hiringChecks(rules);
  return {
    programmeId,
    kind: 'hiring',
    subjectKey: hiringKey(hire.id),
    regionCode: region,
    ruleRegionCode: setting.regionCode,
    labourerId: hire.labourerId,
    employerId: hire.vacancy.employer.id,
    applicationId: hire.id,
    claimant: 'employer',
    claimantName: hire.vacancy.employer.name,
    people: 1,
    // A rejection grants nothing: the sum of approved amounts is the money granted.
    amount: input.decision === 'approved' ? amount : 0,
    checks: checks,
    status: input.decision,
    rejectionReason: input.decision === 'rejected' ? input.note! : null,
    decidedAt: today,
    createdById: by,
  };
}

/** The hiring subsidy (吸纳就业补贴) on the claim engine: eligibility per employer, decisions, exports. */
export function createSubsidiesService({
  repo,
  claims,
  programmes,
  rules: fixed,
  now = () => new Date(),
}: SubsidiesDeps) {
  async function withNames(rows: DecisionRow[]) {
    const names = await repo.userNames(rows.flatMap((r) => [r.transitions[0]?.byId ?? null, r.createdById]));
    return rows.map((row) => toDecision(row, names));
  }

  /** The rules in a region, and the setting row they come from. */
  async function rulesIn(regionCode: string) {
    const programme = await programmes.byCode(HIRING);
    const setting = settingFor(programme.settings, regionCode);
    if (!setting)
      throw new ConflictError(`The hiring subsidy has no setting for ${regionCode}`, { reason: 'no_setting' });
    return { programme, setting, rules: fixed ?? rulesOf(setting) };
  }

  async function eligible(actor: SessionUser, query: EligibilityQuery): Promise<Eligibility> {
    const today = now();
    const prefix = scopePrefix(actor);
    const latestStart = new Date(addMonths(today, -1).getTime() + CLAMP_SLACK_MS);
    const hires = await repo.openHires(prefix, latestStart, query.employerId);
    const cache = new Map<string, SubsidyRules>();
    const items: EligibleHire[] = [];
    for (const hire of hires) {
      const region = hire.vacancy.employer.regionCode;
      const rules = cache.get(region) ?? (await rulesIn(region)).rules;
      cache.set(region, rules);
      if (judge(rules, hire, today) === null) items.push(toEligible(rules, hire, today));
    }
    return eligibilityOf((await rulesIn(prefix || PROVINCE_CODE)).rules, items);
  }

  return {
    /** The rules in force in the officer's region. */
    rules: async (actor: SessionUser) => (await rulesIn(scopePrefix(actor) || PROVINCE_CODE)).rules,
    eligible,

    /** Approves or rejects one eligible hire as a claim on the hiring programme, with the amount and rules of the employer's region. */
    async decide(actor: SessionUser, input: DecisionInput, requestId: string): Promise<Decision> {
      const prefix = scopePrefix(actor);
      const hire = await repo.hire(input.applicationId);
      if (!hire) throw new NotFoundError(`Application ${input.applicationId} does not exist`);
      const region = hire.vacancy.employer.regionCode;
      if (!region.startsWith(prefix)) throw new ForbiddenError('The employer is outside your region');
      const { programme, setting, rules } = await rulesIn(region);
      const today = now();
      const problem = (await repo.claimed(hire.id)) ? 'decided' : judge(rules, hire, today);
      if (problem === 'decided') throw new ConflictError('This hire’s subsidy is already decided', { reason: problem });
      if (problem) throw new ConflictError(`This hire does not earn the subsidy (${problem})`, { reason: problem });
      if (input.decision === 'rejected' && !input.note)
        throw new ValidationError('Give the reason for a rejection', [
          { field: 'note', code: 'required', message: 'is required for a rejection' },
        ]);
      const amount = subsidyAmount(rules, hire.vacancy.employer.kind);
      const by = actor.id;
      const claim = await claims.create(
        hiringClaim({ programmeId: programme.id, setting, hire, input, amount, rules, today, by }),
        [
          { from: null, to: 'draft', byId: by },
          { from: 'draft', to: 'submitted', byId: by },
          { from: 'submitted', to: 'checked', byId: by },
          { from: 'checked', to: input.decision, byId: by, note: input.note ?? null },
        ],
        {
          actor,
          action: `subsidy.${input.decision === 'approved' ? 'approve' : 'reject'}`,
          requestId,
          details: { applicationId: hire.id, amount: input.decision === 'approved' ? amount : 0, rules: { ...rules } },
        },
      );
      if (!claim) throw new ConflictError('This hire’s subsidy is already decided', { reason: 'decided' });
      return (await withNames([await repo.decision(claim.id)]))[0]!;
    },

    async decisions(actor: SessionUser, query: DecisionListQuery) {
      const filter = decisionFilter(actor, query);
      const { items, total } = await repo.decisions(filter, query.page, query.pageSize);
      return { items: await withNames(items), total, page: query.page, pageSize: query.pageSize };
    },

    /** The eligibility list for a download; the export is audited with its filter. */
    async exportEligible(actor: SessionUser, query: EligibilityQuery, format: string, requestId: string) {
      const list = await eligible(actor, query);
      await repo.audit({
        actor,
        action: 'subsidy.eligibility.export',
        entity: 'subsidy',
        requestId,
        details: { format, employerId: query.employerId ?? null, rows: list.items.length },
      });
      return list.items;
    },

    /** Every decision in scope, page by page, for a download (audited). */
    async exportDecisions(
      actor: SessionUser,
      query: Omit<DecisionListQuery, 'page' | 'pageSize'>,
      format: string,
      requestId: string,
    ) {
      const filter = decisionFilter(actor, query);
      await repo.audit({
        actor,
        action: 'subsidy.decisions.export',
        entity: 'subsidy_decision',
        requestId,
        details: { format, employerId: query.employerId ?? null, status: query.status ?? null },
      });
      return (async function* () {
        for await (const page of repo.allDecisions(filter)) yield await withNames(page);
      })();
    },
  };
}

export type SubsidiesService = ReturnType<typeof createSubsidiesService>;
