import { scopePrefix } from '../platform/access/scope.ts';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import { ForbiddenError, NotFoundError } from '../platform/errors/domain-errors.ts';
import type { SessionUser } from '../platform/http/fastify-types.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import {
  type ComparisonRunSummary,
  type ComparisonRunView,
  type FindingsQuery,
  type FindingView,
  MAX_LISTED_PROBLEMS,
  type RunListQuery,
  type StoredTotals,
  StoredTotalsSchema,
} from './comparison.contract.ts';
import { CHECKS, type ComparisonKind, FINDING_KINDS, type FindingKind } from './comparison.kinds.ts';
import type { ComparisonRepository, NewRun, RegistryRow, StoredFinding } from './comparison.repository.ts';
import { compareLists, type Finding, type RegistryPerson } from './comparison.rules.ts';
import { proposalFor } from './finding-actions.ts';
import { readExternalList } from './external-list.ts';
import { collectPeople, UNMATCHED_REASONS } from './external-people.ts';

export interface ComparisonDeps {
  repo: ComparisonRepository;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
  now?: () => Date;
}

export interface RunInput {
  kind: ComparisonKind;
  fileName: string;
  content: Buffer;
}

type RunRow = NonNullable<Awaited<ReturnType<ComparisonRepository['findRun']>>>;
type FindingRow = Awaited<ReturnType<ComparisonRepository['findings']>>['items'][number];

const EMPTY_TOTALS: StoredTotals = {
  registryPeople: 0,
  externalPeople: 0,
  matched: 0,
  outsideScope: 0,
  unmatchedRows: 0,
  inputProblems: 0,
  dismissedEarlier: 0,
  byKind: Object.fromEntries(FINDING_KINDS.map((k) => [k, 0])) as Record<FindingKind, number>,
  headerRow: 1,
  columns: {},
  problems: [],
};

function storedTotals(value: unknown): StoredTotals {
  const parsed = StoredTotalsSchema.safeParse(value);
  return parsed.success ? parsed.data : EMPTY_TOTALS;
}

function summary(run: RunRow, names: Map<string, string>, ref: ReferenceNames): ComparisonRunSummary {
  const { headerRow: _h, columns: _c, problems: _p, ...counts } = storedTotals(run.totals);
  return {
    id: run.id,
    kind: run.kind,
    fileName: run.fileName,
    regionCode: run.regionCode,
    regionName: run.regionCode ? ref.regionName(run.regionCode) || run.regionCode : '',
    createdAt: run.createdAt.toISOString(),
    createdBy: run.createdById ? (names.get(run.createdById) ?? null) : null,
    externalRows: run.externalRows,
    totals: counts,
  };
}

async function loadInScope(repo: ComparisonDeps['repo'], actor: SessionUser, id: string): Promise<RunRow> {
  const prefix = scopePrefix(actor);
  const run = await repo.findRun(id);
  if (!run) throw new NotFoundError(`Comparison ${id} does not exist`);
  if (!run.regionCode.startsWith(prefix)) throw new ForbiddenError(`Comparison ${id} is outside your region`);
  return run;
}

async function registryPeople(
  repo: ComparisonDeps['repo'],
  reference: ComparisonDeps['reference'],
  prefix: string,
): Promise<RegistryPerson[]> {
  const ref = await reference();
  const people: RegistryPerson[] = [];
  for await (const page of repo.registryInScope(prefix)) {
    for (const row of page as RegistryRow[])
      people.push({ ...row, trainingWishes: ref.occupationNames(row.trainingWishes) });
  }
  return people;
}

function findingView(row: FindingRow, ref: ReferenceNames): FindingView {
  return {
    id: String(row.id),
    kind: row.kind,
    labourerId: row.labourerId,
    name: row.name,
    idNumberMasked: row.idNumberMasked,
    regionCode: row.regionCode,
    regionName: row.regionCode ? ref.regionName(row.regionCode) : '',
    registryValue: row.registryValue,
    externalValue: row.externalValue,
    status: row.status,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution,
    proposal: (row.status === 'open' && row.labourerId && proposalOf(row)) || null,
  };
}

/** Findings about a person and kind an officer dismissed before are stored dismissed, not new. */
async function rememberDismissals(
  repo: ComparisonDeps['repo'],
  findings: Finding[],
  byKind: Record<FindingKind, number>,
) {
  const earlier = await repo.dismissals(findings);
  let dismissedEarlier = 0;
  const stored: StoredFinding[] = findings.map((finding) => {
    const dismissal = earlier.get(`${finding.personKey}:${finding.kind}`);
    if (!dismissal) return finding;
    dismissedEarlier += 1;
    byKind[finding.kind] -= 1;
    return {
      ...finding,
      status: 'dismissed',
      resolvedAt: dismissal.dismissedAt,
      resolvedById: dismissal.dismissedById,
      resolution: dismissal.reason,
    };
  });
  return { stored, dismissedEarlier };
}

/** Data comparison (信息共享比对): runs, reports and exports, each within the officer's region prefix. */
export function createComparisonService({ repo, pii, reference, now = () => new Date() }: ComparisonDeps) {
  async function view(run: RunRow): Promise<ComparisonRunView> {
    const names = await repo.displayNames(run.createdById ? [run.createdById] : []);
    const totals = storedTotals(run.totals);
    return {
      ...summary(run, names, await reference()),
      checks: [...CHECKS[run.kind]],
      headerRow: totals.headerRow,
      columns: totals.columns,
      problems: totals.problems,
    };
  }

  return {
    async run(actor: SessionUser, input: RunInput, requestId: string): Promise<ComparisonRunView> {
      const prefix = scopePrefix(actor);
      const list = collectPeople(input.kind, await readExternalList(input.content), (id) => pii.hash(id));
      const registry = await registryPeople(repo, reference, prefix);
      const inScope = new Set(registry.map((p) => p.idNumberHash));
      const elsewhere = await repo.registeredOutside(
        prefix,
        [...list.people.keys()].filter((hash) => !inScope.has(hash)),
      );
      const { findings, counts } = compareLists({
        kind: input.kind,
        prefix,
        today: now(),
        registry,
        external: list.people,
        registeredElsewhere: elsewhere,
      });
      const { stored, dismissedEarlier } = await rememberDismissals(repo, findings, counts.byKind);
      const totals: StoredTotals = {
        ...counts,
        dismissedEarlier,
        unmatchedRows: list.problems.filter((p) => UNMATCHED_REASONS.has(p.reason)).length,
        inputProblems: list.problems.length,
        headerRow: list.headerRow,
        columns: list.columns as Record<string, string>,
        problems: list.problems.slice(0, MAX_LISTED_PROBLEMS),
      };
      const id = await repo.saveRun(
        {
          kind: input.kind,
          fileName: input.fileName,
          regionCode: prefix,
          createdById: actor.id,
          externalRows: list.dataRows,
          totals: totals as unknown as NewRun['totals'],
        },
        stored,
        { actorRole: actor.role === 'admin' ? 'admin' : 'officer', requestId },
      );
      return view(await loadInScope(repo, actor, id));
    },

    async list(actor: SessionUser, query: RunListQuery) {
      const prefix = scopePrefix(actor);
      const { items, total } = await repo.listRuns(prefix, query.page, query.pageSize);
      const names = await repo.displayNames([...new Set(items.flatMap((r) => (r.createdById ? [r.createdById] : [])))]);
      const ref = await reference();
      return { items: items.map((run) => summary(run, names, ref)), total, page: query.page, pageSize: query.pageSize };
    },

    /** One finding as the API shows it, after a check that its run is in the actor's region. */
    async finding(actor: SessionUser, runId: string, findingId: bigint): Promise<FindingView> {
      await loadInScope(repo, actor, runId);
      const row = await repo.finding(findingId);
      if (!row || row.runId !== runId) throw new NotFoundError(`Finding ${findingId} does not exist`);
      return findingView(row, await reference());
    },

    async get(actor: SessionUser, id: string): Promise<ComparisonRunView> {
      return view(await loadInScope(repo, actor, id));
    },

    async findings(actor: SessionUser, id: string, query: FindingsQuery) {
      await loadInScope(repo, actor, id);
      const [{ items, total }, ref] = await Promise.all([
        repo.findings(id, { kind: query.kind, status: query.status }, query.page, query.pageSize),
        reference(),
      ]);
      return { items: items.map((row) => findingView(row, ref)), total, page: query.page, pageSize: query.pageSize };
    },

    /**
     * Everything an export holds, after writing its audit record: findings page by page, then the
     * input problems (these only when the export is not narrowed to one kind of finding).
     */
    async export(
      actor: SessionUser,
      id: string,
      options: { format: 'csv' | 'xlsx'; kind?: FindingKind | undefined },
      requestId: string,
    ) {
      const run = await view(await loadInScope(repo, actor, id));
      const ref = await reference();
      await repo.audit({
        actor,
        action: 'comparison.export',
        entity: 'comparison_run',
        entityId: id,
        requestId,
        details: {
          format: options.format,
          kind: options.kind ?? null,
          findings: options.kind ? run.totals.byKind[options.kind] : sum(run.totals.byKind),
        },
      });
      async function* findings() {
        for await (const page of repo.allFindings(id, options.kind)) yield page.map((row) => findingView(row, ref));
      }
      return { run, findings: findings(), problems: options.kind ? [] : run.problems };
    },
  };
}

function proposalOf(row: Parameters<typeof proposalFor>[0]) {
  const proposal = proposalFor(row);
  return proposal && { ...proposal, choices: [...proposal.choices] };
}

function sum(byKind: Record<string, number>): number {
  return Object.values(byKind).reduce((a, b) => a + b, 0);
}

export type ComparisonService = ReturnType<typeof createComparisonService>;
