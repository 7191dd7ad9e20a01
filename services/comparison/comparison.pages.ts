import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { sendTable } from '../platform/export/tabular.ts';
import { auth, page } from '../platform/http/contract.ts';
import { translate } from '../platform/i18n/i18n.ts';
import {
  ComparisonKindSchema,
  ExportQuerySchema,
  FindingKindSchema,
  MAX_UPLOAD_BYTES,
  type ComparisonRunView,
} from './comparison.contract.ts';
import { COMPARISON_KINDS, FINDING_KINDS, type FindingKind } from './comparison.kinds.ts';
import { exportTable, problemText, registryValueText } from './comparison.presenter.ts';
import type { ComparisonService } from './comparison.service.ts';
import { readSingleUpload } from '../platform/http/upload.ts';

const RUNS_PER_PAGE = 20;
const FINDINGS_PER_PAGE = 50;

function positiveInt(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

function pager(page: number, total: number, perPage: number, href: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages === 1) return null;
  return {
    page,
    pages,
    prev: page > 1 ? href(page - 1) : null,
    next: page < pages ? href(page + 1) : null,
  };
}

/** 2025-06-01T02:30:00Z → 2025-06-01 10:30: officers read China Standard Time. */
function localTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
}

/** employmentStatus=employed_local → 就业状态：本地就业; a dismissal's reason as written. */
function resolutionText(locale: string, resolution: string | null): string {
  const applied = resolution ? /^(employmentStatus|povertyStatus|pensionInsurance)=(\w+)$/.exec(resolution) : null;
  if (!applied) return resolution ?? '';
  return `${translate(locale, `comparison.fields.${applied[1]}`)}：${registryValueText(locale, applied[2]!)}`;
}

const sumOf = (byKind: Record<string, number>) => Object.values(byKind).reduce((a, b) => a + b, 0);

export async function comparisonPages(app: FastifyInstance, opts: { comparison: ComparisonService }) {
  const { comparison } = opts;
  const officer = auth.roles('officer', 'admin');

  async function renderIndex(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { kind?: string | undefined; errors?: Record<string, string> },
    status = 200,
  ) {
    const pageNo = positiveInt((request.query as { page?: unknown }).page);
    const runs = await comparison.list(request.user!, { page: pageNo, pageSize: RUNS_PER_PAGE });
    return reply.page(
      'comparison/index',
      {
        title: translate(request.locale, 'comparison.title'),
        kinds: COMPARISON_KINDS.map((value) => ({ value, selected: value === form.kind })),
        runs: runs.items.map((run) => ({
          ...run,
          when: localTime(run.createdAt),
          findingsTotal: sumOf(run.totals.byKind),
        })),
        pager: pager(pageNo, runs.total, RUNS_PER_PAGE, (p) => `/comparisons?page=${p}`),
        errors: form.errors ?? {},
      },
      status,
    );
  }

  app.route({
    ...page('GET', '/comparisons', officer),
    handler: (request, reply) => renderIndex(request, reply, {}),
  });

  app.route({
    ...page('POST', '/comparisons', officer),
    // The form carries its CSRF token in the action URL, so it is checked before the file is read.
    preValidation: app.csrfProtection,
    handler: async (request, reply) => {
      const t = (key: string) => translate(request.locale, `comparison.errors.${key}`);
      const part = await readSingleUpload(request, { fileSize: MAX_UPLOAD_BYTES });
      if (!part) return renderIndex(request, reply, { errors: { file: t('file') } }, 422);

      const kindField = part.fields.kind;
      const errors: Record<string, string> = {};
      const content = part.content;
      if (part.tooLarge) errors.file = t('too_large');
      const kind = ComparisonKindSchema.safeParse(kindField);
      if (!kind.success) errors.kind = t('kind');
      if (!errors.file && (!part.filename || !content?.length)) errors.file = t('file');
      if (!kind.success || Object.keys(errors).length)
        return renderIndex(request, reply, { kind: kindField, errors }, 422);

      try {
        const run = await comparison.run(
          request.user!,
          { kind: kind.data, fileName: part.filename.slice(0, 200), content: content! },
          request.id,
        );
        return reply.redirect(`/comparisons/${run.id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const code = error.issues[0]?.code;
        const text = code ? t(code) : error.message;
        return renderIndex(request, reply, { kind: kind.data, errors: { file: text } }, 422);
      }
    },
  });

  app.route({
    ...page('GET', '/comparisons/:id', officer),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      return renderReport(comparison, request, reply, id, request.query as ReportQuery);
    },
  });

  app.route({
    ...page('GET', '/comparisons/:id/export', officer),
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = ExportQuerySchema.safeParse(request.query);
      const { format, kind } = query.success ? query.data : { format: 'csv' as const, kind: undefined };
      const report = await comparison.export(request.user!, id, { format, kind }, request.id);
      return sendTable(reply, format, exportTable(request.locale, report.run, report.findings, report.problems));
    },
  });
}

export interface ReportQuery {
  kind?: unknown;
  page?: unknown;
  done?: unknown;
}

/** A finding's form refused, shown on that finding's row. */
export interface FindingProblem {
  findingId: string;
  message: string;
  fields: Record<string, string>;
  reason?: string;
}

/** The report page; also re-rendered (422/409) when an answer to a finding is refused. */
export async function renderReport(
  comparison: ComparisonService,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  query: ReportQuery,
  problem?: FindingProblem & { status: number },
) {
  const run = await comparison.get(request.user!, id);
  const filter = FindingKindSchema.safeParse(query.kind).data;
  const pageNo = positiveInt(query.page);
  const findings = await comparison.findings(request.user!, id, {
    kind: filter,
    page: pageNo,
    pageSize: FINDINGS_PER_PAGE,
  });
  const data = reportData(request.locale, run, filter, pageNo, findings, problem);
  const done = query.done === 'applied' || query.done === 'dismissed' ? query.done : undefined;
  return reply.page('comparison/report', { ...data, done }, problem?.status ?? 200);
}

function reportData(
  locale: string,
  run: ComparisonRunView,
  filter: FindingKind | undefined,
  pageNo: number,
  findings: Awaited<ReturnType<ComparisonService['findings']>>,
  problem?: FindingProblem,
) {
  const base = `/comparisons/${run.id}`;
  const kindQuery = filter ? `&kind=${filter}` : '';
  // People only on the list are a share of the list; every other finding, of the registry.
  const share = (kind: FindingKind) => {
    const base = kind === 'only_in_external' ? run.totals.externalPeople : run.totals.registryPeople;
    return base ? Math.round((run.totals.byKind[kind] / base) * 1000) / 10 : 0;
  };
  const kindLabel = translate(locale, `comparison.kinds.${run.kind}`);
  return {
    title: translate(locale, 'comparison.report.title', { kind: kindLabel }),
    kindLabel,
    run: { ...run, createdBy: run.createdBy ?? '—', when: localTime(run.createdAt) },
    regionName: run.regionName || translate(locale, 'comparison.runs.allRegions'),
    filter,
    bars: run.checks.map((kind) => ({
      kind,
      count: run.totals.byKind[kind],
      percent: Math.min(100, share(kind)),
      href: `${base}?kind=${kind}#findings`,
      active: kind === filter,
    })),
    findingsBase: `${base}?page=${pageNo}${kindQuery}`,
    findings: {
      total: findings.total,
      items: findings.items.map((f) => ({
        ...f,
        registryText: registryValueText(locale, f.registryValue) || '—',
        externalText: f.externalValue ?? '—',
        statusText: translate(locale, `comparison.status.${f.status}`),
        resolutionText: resolutionText(locale, f.resolution),
        choices: f.proposal?.choices.map((value) => ({
          value,
          label: registryValueText(locale, value),
          selected: value === f.proposal!.value,
        })),
        fieldLabel: f.proposal ? translate(locale, `comparison.fields.${f.proposal.field}`) : '',
        problem: problem?.findingId === f.id ? problem : undefined,
      })),
    },
    pager: pager(pageNo, findings.total, FINDINGS_PER_PAGE, (p) => `${base}?page=${p}${kindQuery}#findings`),
    exportCsv: `${base}/export?format=csv${kindQuery}`,
    exportXlsx: `${base}/export?format=xlsx${kindQuery}`,
    problems: run.problems.map((p) => ({ ...p, reasonText: problemText(locale, p) })),
    problemsTruncated: run.totals.inputProblems > run.problems.length,
    rules: FINDING_KINDS.map((kind) => ({ kind, checked: run.checks.includes(kind) })),
  };
}
