import { scopePrefix } from '../platform/access/scope.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { SubsidyClaimStatus } from '../platform/database/generated/enums.ts';
import { type FactSources, readSubject, type Subject, type SubjectIds } from './claim-facts.ts';
import type { ProgrammeRow, SettingRow } from './programmes.repository.ts';
import {
  claimAmount,
  ELIGIBILITY_RULES,
  runChecks,
  subjectKey,
  type ClaimCheck,
  type EligibilityRule,
} from './claim-rules.ts';
import type { Claim, ClaimCreate, ClaimFilterQuery, ClaimListQuery, TransitionInput } from './claims.contract.ts';
import type { ClaimFilter, ClaimRow, ClaimsRepository, ClaimWrite, StepWrite } from './claims.repository.ts';
import type { ProgrammesService } from './programmes.service.ts';
import { planStep } from './claim-steps.ts';
import { amountForLevel, levelAmountsOf } from './certificate-levels.ts';
import { ruleSetting, settingFor } from './programmes.service.ts';

/** Who acts: an officer, a claimant on their own claim (see self-claims), or the platform (a job, another module). */
export type ClaimActor = SessionUser | null;

/** `own`: the claimant acts on a claim self-claims has found to be theirs, so no officer's region applies. */
export interface ActOptions {
  own?: boolean;
}

type Names = Map<string, string>;

export function toClaim(
  row: ClaimRow & {
    transitions?: {
      fromStatus: SubsidyClaimStatus | null;
      toStatus: SubsidyClaimStatus;
      at: Date;
      byId: string | null;
      note: string | null;
    }[];
  },
  names: Names = new Map(),
): Claim {
  return {
    id: row.id,
    programmeCode: row.programme.code,
    programmeName: row.programme.name,
    programmeNameEn: row.programme.nameEn,
    kind: row.kind,
    status: row.status,
    regionCode: row.regionCode,
    ruleRegionCode: row.ruleRegionCode,
    labourerId: row.labourerId,
    employerId: row.employerId,
    applicationId: row.applicationId,
    fairId: row.fairId,
    reference: row.reference,
    month: row.month,
    level: (row.level as Claim['level']) ?? null,
    levelPriced: row.levelPriced,
    claimant: row.claimant,
    claimantName: row.claimantName,
    people: row.people,
    amount: row.amount,
    evidence: (row.evidence ?? {}) as Record<string, unknown>,
    checks: (row.checks ?? []) as unknown as ClaimCheck[],
    rejectionReason: row.rejectionReason,
    paidAmount: row.paidAmount,
    paidOn: row.paidOn ? row.paidOn.toISOString().slice(0, 10) : null,
    paymentReference: row.paymentReference,
    createdAt: row.createdAt.toISOString(),
    ...(row.transitions
      ? {
          steps: row.transitions.map((t) => ({
            from: t.fromStatus,
            to: t.toStatus,
            at: t.at.toISOString(),
            by: t.byId ? (names.get(t.byId) ?? t.byId) : null,
            note: t.note,
          })),
        }
      : {}),
  };
}

const conflict = (message: string, reason: string, extra: object = {}) =>
  new ConflictError(message, { reason, ...extra });
const failed = (checks: ClaimCheck[]) => checks.filter((c) => !c.passed);

function filterOf(scope: string, query: ClaimFilterQuery & Pick<ClaimFilter, 'employerId' | 'claimant'>): ClaimFilter {
  const asked = query.regionCode && query.regionCode.startsWith(scope) ? query.regionCode : scope;
  return {
    regionPrefix: asked,
    programmeCode: query.programme,
    status: query.status,
    labourerId: query.labourerId,
    employerId: query.employerId,
    claimant: query.claimant,
    applicationId: query.applicationId,
    month: query.month,
  };
}

/**
 * The new claim's row: its subject, the rule that priced it (the region's amount for the
 * certificate's level when it set one, its base amount otherwise), the checks it passed.
 */
function claimWrite(c: {
  programme: ProgrammeRow;
  subject: Subject;
  setting: SettingRow;
  input: ClaimCreate;
  checks: ClaimCheck[];
  key: string;
  by: string | null;
  status: SubsidyClaimStatus;
}): ClaimWrite {
  const { programme, subject, setting, input, checks, key, by } = c;
  const start = amountForLevel(
    { amount: setting.amount, levelAmounts: levelAmountsOf(setting.levelAmounts) },
    input.level,
  );
  return {
    programmeId: programme.id,
    kind: programme.kind,
    subjectKey: key,
    regionCode: subject.regionCode,
    ruleRegionCode: setting.regionCode,
    labourerId: subject.labourerId,
    employerId: subject.employerId,
    applicationId: subject.applicationId,
    fairId: subject.fairId,
    reference: input.reference ?? null,
    month: input.month ?? null,
    level: input.level ?? null,
    levelPriced: start.byLevel,
    claimant: programme.claimant,
    claimantName: subject.claimantName,
    people: subject.people,
    amount: claimAmount(
      programme.amountBasis,
      { ...setting, amount: start.amount },
      subject.people,
      subject.employerKind,
    ),
    evidence: input.evidence,
    checks: checks,
    status: c.status,
    createdById: by,
  };
}

/** Budget left for the rule's region, checked before an approval commits money. */
async function assertBudget(repo: ClaimsRepository, programmes: ProgrammesService, row: ClaimRow) {
  const programme = await programmes.byCode(row.programme.code);
  const setting = programme.settings.find((s) => s.regionCode === row.ruleRegionCode);
  if (!setting || setting.budget === null) return;
  const spent = (await repo.spend(programme.id, setting.regionCode)).total;
  if (spent + row.amount > setting.budget)
    throw conflict(`The region’s budget has ${setting.budget - spent} yuan left`, 'over_budget');
}

export interface ClaimsDeps {
  repo: ClaimsRepository;
  programmes: ProgrammesService;
  now?: () => Date;
  /** Facts kept by other modules (the graduates' records). */
  sources?: FactSources;
}

/** The claim engine: every subsidy claim from draft to paid, checked against the platform's records. */
export function createClaimsService({ repo, programmes, now = () => new Date(), sources = {} }: ClaimsDeps) {
  const prefixOf = (actor: ClaimActor, opts: ActOptions = {}) => (actor && !opts.own ? scopePrefix(actor) : '');

  /** The subject, the rule in force in its region and the checks' results today. */
  async function assess(code: string, ids: SubjectIds, actor: ClaimActor, opts: ActOptions = {}) {
    const programme = await programmes.byCode(code);
    const rule = programme.eligibilityRule as EligibilityRule;
    const subject = await readSubject(repo, rule, ids, sources);
    if (!subject.regionCode.startsWith(prefixOf(actor, opts)))
      throw new ForbiddenError('The claim’s subject is outside your region');
    const setting = settingFor(programme.settings, subject.regionCode);
    if (!setting) throw conflict(`Programme ${code} has no setting for region ${subject.regionCode}`, 'no_setting');
    const checks = runChecks(
      rule,
      { ...subject.facts, month: ids.month ?? null, reference: ids.reference ?? null },
      ruleSetting(setting),
      now(),
    );
    return { programme, rule, subject, setting, checks };
  }

  async function create(
    actor: ClaimActor,
    input: ClaimCreate,
    requestId?: string,
    opts: ActOptions = {},
  ): Promise<Claim> {
    const { programme, rule, subject, setting, checks } = await assess(input.programmeCode, input, actor, opts);
    if (failed(checks).length) throw conflict('The claim fails its checks', 'not_eligible', { checks: failed(checks) });
    const key = subjectKey(programme.code, ELIGIBILITY_RULES[rule], {
      ...input,
      labourerId: subject.labourerId ?? input.labourerId,
    });
    if (!key)
      throw new ValidationError('The claim’s subject is incomplete', [
        { field: 'programmeCode', code: 'subject', message: 'needs its subject' },
      ]);
    const by = actor?.id ?? null;
    const steps: StepWrite[] = [{ from: null, to: 'draft', byId: by }];
    if (input.submit) steps.push({ from: 'draft', to: 'submitted', byId: by });
    const row = await repo.create(
      claimWrite({ programme, subject, setting, input, checks, key, by, status: steps.at(-1)!.to }),
      steps,
      {
        actor,
        action: 'subsidy.claim.create',
        ...(requestId ? { requestId } : {}),
        details: { subjectKey: key, programme: programme.code },
      },
    );
    if (!row) throw conflict(`This subject was claimed already on ${programme.code}`, 'duplicate', { subjectKey: key });
    return toClaim(row);
  }

  async function claimInScope(actor: ClaimActor, id: string, opts: ActOptions = {}) {
    const row = await repo.claim(id);
    if (!row || !row.regionCode.startsWith(prefixOf(actor, opts)))
      throw new NotFoundError(`Claim ${id} does not exist`);
    return row;
  }

  async function transition(
    actor: ClaimActor,
    id: string,
    input: TransitionInput,
    requestId?: string,
    opts: ActOptions = {},
  ) {
    const row = await claimInScope(actor, id, opts);
    const next = await planStep(row, input, {
      recheck: async () => (await assess(row.programme.code, row, actor, opts)).checks,
      assertBudget: () => assertBudget(repo, programmes, row),
      now: now(),
    });
    const moved = await repo.step(
      id,
      { from: row.status, to: next.to, byId: actor?.id ?? null, note: next.note },
      next.data,
      { actor, action: `subsidy.claim.${input.action}`, ...(requestId ? { requestId } : {}), details: { ...input } },
    );
    if (!moved) throw conflict('The claim was changed meanwhile', 'changed');
    return get(actor, id, opts);
  }

  async function get(actor: ClaimActor, id: string, opts: ActOptions = {}) {
    const row = await claimInScope(actor, id, opts);
    return toClaim(row, await repo.userNames(row.transitions.map((t) => t.byId)));
  }

  return {
    create,
    transition,
    get,
    async list(
      actor: ClaimActor,
      query: ClaimListQuery & Pick<ClaimFilter, 'employerId' | 'claimant'>,
      opts: ActOptions = {},
    ) {
      const { items, total } = await repo.list(filterOf(prefixOf(actor, opts), query), query.page, query.pageSize);
      return { items: items.map((r) => toClaim(r)), total, page: query.page, pageSize: query.pageSize };
    },
    /** Every claim in scope for a download, audited with its filter. */
    async export(actor: SessionUser, query: ClaimFilterQuery, format: string, requestId: string) {
      const filter = filterOf(prefixOf(actor), query);
      await repo.audit({
        actor,
        action: 'subsidy.claims.export',
        entity: 'subsidy_claim',
        requestId,
        details: { format, ...filter },
      });
      return (async function* () {
        for await (const page of repo.all(filter)) yield page.map((r) => toClaim(r));
      })();
    },
  };
}

export type ClaimsService = ReturnType<typeof createClaimsService>;
