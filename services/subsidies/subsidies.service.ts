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
import type { DecisionFilter, DecisionRow, HireRow, SubsidiesRepository } from './subsidies.repository.ts';
import { ineligibility, monthsInWork, subsidyAmount } from './subsidy-eligibility.ts';
import type { SubsidyRules } from './subsidy-settings.ts';

export interface SubsidiesDeps {
  repo: SubsidiesRepository;
  rules: SubsidyRules;
  now?: () => Date;
}

// Calendar clamping (31 Aug + 6 months = 28 Feb) lets a start a few days after the naive cut-off qualify.
const CLAMP_SLACK_MS = 4 * 86_400_000;

function toDecision(row: DecisionRow, names: Map<string, string>): Decision {
  return {
    id: row.id,
    applicationId: row.applicationId,
    employerId: row.employerId,
    employerName: row.application.vacancy.employer.name,
    maskedName: maskName(row.application.labourer.name),
    idNumberMasked: row.application.labourer.idNumberMasked,
    vacancyTitle: row.application.vacancy.title,
    status: row.status,
    amount: row.amount,
    qualifyingMonths: row.qualifyingMonths,
    note: row.note,
    decidedBy: names.get(row.decidedById) ?? null,
    decidedAt: row.decidedAt.toISOString(),
  };
}

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
      decided: hire.subsidy !== null,
    },
    rules,
    today,
  );

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

/** The hiring subsidy (吸纳就业补贴): eligibility per employer, decisions and their exports. */
export function createSubsidiesService({ repo, rules, now = () => new Date() }: SubsidiesDeps) {
  async function withNames(rows: DecisionRow[]) {
    const names = await repo.userNames(rows.map((r) => r.decidedById));
    return rows.map((row) => toDecision(row, names));
  }

  return {
    rules: () => rules,

    async eligible(actor: SessionUser, query: EligibilityQuery): Promise<Eligibility> {
      const today = now();
      const latestStart = new Date(addMonths(today, -rules.qualifyingMonths).getTime() + CLAMP_SLACK_MS);
      const hires = await repo.openHires(scopePrefix(actor), latestStart, query.employerId);
      const items = hires
        .filter((hire) => judge(rules, hire, today) === null)
        .map((hire) => toEligible(rules, hire, today));
      const byEmployer = employerTotals(items);
      items.sort(
        (a, b) => a.employerName.localeCompare(b.employerName, 'zh-CN') || a.startedOn.localeCompare(b.startedOn),
      );
      return {
        rules,
        items,
        byEmployer: [...byEmployer.values()].sort((a, b) => a.employerName.localeCompare(b.employerName, 'zh-CN')),
        totals: { people: items.length, amount: items.reduce((sum, item) => sum + item.amount, 0) },
      };
    },

    /** Approves or rejects one eligible hire, with the amount and the rules then in force. */
    async decide(actor: SessionUser, input: DecisionInput, requestId: string): Promise<Decision> {
      const prefix = scopePrefix(actor);
      const hire = await repo.hire(input.applicationId);
      if (!hire) throw new NotFoundError(`Application ${input.applicationId} does not exist`);
      if (!hire.vacancy.employer.regionCode.startsWith(prefix))
        throw new ForbiddenError('The employer is outside your region');
      const problem = judge(rules, hire, now());
      if (problem === 'decided') throw new ConflictError('This hire’s subsidy is already decided', { reason: problem });
      if (problem) throw new ConflictError(`This hire does not earn the subsidy (${problem})`, { reason: problem });
      if (input.decision === 'rejected' && !input.note)
        throw new ValidationError('Give the reason for a rejection', [
          { field: 'note', code: 'required', message: 'is required for a rejection' },
        ]);
      // A rejection grants nothing: the sum of amounts is the money granted.
      const amount = input.decision === 'approved' ? subsidyAmount(rules, hire.vacancy.employer.kind) : 0;
      const decision = await repo.decide(
        {
          applicationId: hire.id,
          employerId: hire.vacancy.employer.id,
          labourerId: hire.labourerId,
          status: input.decision,
          amount,
          qualifyingMonths: rules.qualifyingMonths,
          note: input.note ?? null,
          decidedById: actor.id,
        },
        {
          actor,
          action: `subsidy.${input.decision === 'approved' ? 'approve' : 'reject'}`,
          requestId,
          details: { applicationId: hire.id, amount, rules: { ...rules } },
        },
      );
      if (!decision) throw new ConflictError('This hire’s subsidy is already decided', { reason: 'decided' });
      return (await withNames([decision]))[0]!;
    },

    async decisions(actor: SessionUser, query: DecisionListQuery) {
      const filter = decisionFilter(actor, query);
      const { items, total } = await repo.decisions(filter, query.page, query.pageSize);
      return { items: await withNames(items), total, page: query.page, pageSize: query.pageSize };
    },

    /** The eligibility list for a download; the export is audited with its filter. */
    async exportEligible(actor: SessionUser, query: EligibilityQuery, format: string, requestId: string) {
      const list = await this.eligible(actor, query);
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
