import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { ImportKind } from '../platform/database/generated/enums.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors/domain-errors.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { createDuplicatesService } from './duplicates.service.ts';
import { type ImportActor, scopeOf } from './import-actor.ts';
import { errorReportTable } from './error-report.ts';
import type { DbLink } from '../platform/database-link.ts';
import { type RunControl, type RunOutcome, runImport } from './import-run.ts';
import type { JobView, SourceCreate, SourcePatch, SourceView } from './imports.contract.ts';
import type { ImportsRepository } from './imports.repository.ts';
import { ImportQueue } from './job-queue.ts';
import { createLabourerWrites } from './labourer-writes.repository.ts';
import { type ColumnMapping, DEFAULT_HEADERS, IMPORT_FIELDS, REQUIRED_FIELDS } from './mapping.ts';
import { type ImportFile, inspectFile } from './parse.ts';
import { createRowReader } from './row-reader.ts';
import { isUploadLimitError } from '../platform/upload-limits.ts';

export interface ImportLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ImportsDeps {
  repo: ImportsRepository;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
  log?: ImportLog;
  /** Rows per transaction (1,000 by default; see platform/database/write-batches.ts). */
  batchSize?: number;
  /** Links to the database for the reader's thread, which then writes the rows (import-run.ts). */
  link?: () => DbLink | undefined;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type JobRow = NonNullable<Awaited<ReturnType<ImportsRepository['findJob']>>>;
type SourceRow = NonNullable<Awaited<ReturnType<ImportsRepository['findSource']>>>;

function sourceView(row: SourceRow): SourceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    regionCode: row.regionCode,
    mapping: row.mapping as Record<string, string>,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A job as shown: its progress, counters, duplicates left to decide and an earlier import of the same file. */
async function jobView(repo: ImportsRepository, row: JobRow, counted?: Map<string, number>): Promise<JobView> {
  const [pending, previous] = await Promise.all([
    counted ?? repo.pendingFlagCounts([row.id]),
    repo.previousJobOfFile(row.fileHash, row.regionCode, row.startedAt),
  ]);
  const progress =
    row.status === 'completed'
      ? 100
      : row.totalRows > 0
        ? Math.min(100, Math.floor((row.processedRows * 100) / row.totalRows))
        : 0;
  return {
    id: row.id,
    sourceId: row.sourceId,
    sourceName: row.source?.name ?? null,
    kind: row.kind,
    fileName: row.fileName,
    regionCode: row.regionCode,
    status: row.status,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    progress,
    createdCount: row.createdCount,
    updatedCount: row.updatedCount,
    unchangedCount: row.unchangedCount,
    errorCount: row.errorCount,
    duplicateCount: row.duplicateCount,
    pendingDuplicates: pending.get(row.id) ?? 0,
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    error: row.error,
    sameFileAs: previous ? { id: previous.id, startedAt: previous.startedAt.toISOString() } : null,
  };
}

async function jobInScope(repo: ImportsRepository, actor: ImportActor, id: string): Promise<JobRow> {
  const job = await repo.findJob(id);
  if (!job) throw new NotFoundError(`Import job ${id} does not exist`);
  if (!job.regionCode.startsWith(scopeOf(actor))) throw new ForbiddenError(`Import job ${id} is outside your region`);
  return job;
}

async function sourceInScope(repo: ImportsRepository, actor: ImportActor, id: string): Promise<SourceRow> {
  const source = await repo.findSource(id);
  if (!source) throw new NotFoundError(`Import source ${id} does not exist`);
  if (!source.regionCode.startsWith(scopeOf(actor)))
    throw new ForbiddenError(`Import source ${id} is outside your region`);
  return source;
}

/** A second source of the same name in a region is a conflict. */
const uniqueName = (error: unknown) => {
  if ((error as { code?: string }).code === 'P2002')
    return new ConflictError('A source with this name already exists in this region');
  return error;
};

export type { ImportActor };

export function createImportsService(deps: ImportsDeps) {
  const { repo } = deps;
  const writes = createLabourerWrites();
  const queue = new ImportQueue();
  const reader = createRowReader();
  const runDeps = {
    repo,
    writes,
    pii: deps.pii,
    reference: deps.reference,
    reader,
    batchSize: deps.batchSize,
    ...(deps.link ? { link: deps.link } : {}),
  };
  const duplicates = createDuplicatesService({ repo, writes, pii: deps.pii, reference: deps.reference });

  const view = (row: JobRow, counted?: Map<string, number>) => jobView(repo, row, counted);
  const context: ImportsContext = { deps, view };
  return {
    duplicates,

    fields: () =>
      IMPORT_FIELDS.map((field) => ({
        field,
        required: REQUIRED_FIELDS.includes(field),
        headers: DEFAULT_HEADERS[field],
      })),

    ...sourceUseCases(repo),
    ...jobUseCases(context, queue, runDeps),

    /**
     * Jobs live in this process's memory: after a restart, those left queued or running can never
     * finish. Call at start only where one process owns the database (the embedded PGlite).
     */
    failInterruptedJobs: () => repo.failInterruptedJobs(),

    /** Jobs queued or running in this process. */
    busy: () => queue.size,
    async close() {
      await queue.close();
      await reader.close();
    },
  };
}

/** Sources: each office's column mapping. */
function sourceUseCases(repo: ImportsRepository) {
  return {
    listSources: async (actor: ImportActor) => (await repo.listSources(scopeOf(actor))).map(sourceView),

    async findSourceByName(actor: ImportActor, name: string): Promise<SourceView> {
      const matches = (await repo.listSources(scopeOf(actor))).filter((s) => s.name === name);
      if (matches.length !== 1)
        throw new NotFoundError(
          matches.length
            ? `Several sources are named ${name}: ${matches.map((s) => s.regionCode).join(', ')}`
            : `No source named ${name} in your region`,
        );
      return sourceView(matches[0]!);
    },

    async createSource(actor: ImportActor, input: SourceCreate): Promise<SourceView> {
      const scope = scopeOf(actor);
      const regionCode = input.regionCode ?? actor.regionCode ?? '';
      if (!regionCode)
        throw new ValidationError('Name the region of the source', [
          { field: 'regionCode', code: 'required', message: 'is required' },
        ]);
      if (!regionCode.startsWith(scope)) throw new ForbiddenError(`Region ${regionCode} is outside your region`);
      try {
        return sourceView(
          await repo.createSource({
            name: input.name,
            kind: input.kind,
            regionCode,
            mapping: input.mapping,
            createdById: actor.id,
          }),
        );
      } catch (error) {
        throw uniqueName(error);
      }
    },

    getSource: async (actor: ImportActor, id: string) => sourceView(await sourceInScope(repo, actor, id)),

    async updateSource(actor: ImportActor, id: string, patch: SourcePatch): Promise<SourceView> {
      await sourceInScope(repo, actor, id);
      try {
        return sourceView(await repo.updateSource(id, patch));
      } catch (error) {
        throw uniqueName(error);
      }
    },
  };
}

interface ImportsContext {
  deps: ImportsDeps;
  view: (row: JobRow, counted?: Map<string, number>) => Promise<JobView>;
}

/** Import jobs: starting one, reading them, their problems and error report. */
function jobUseCases({ deps, view }: ImportsContext, queue: ImportQueue, runDeps: Parameters<typeof runImport>[0]) {
  const { repo } = deps;
  return {
    /**
     * Records the job and queues it; `done` settles when the job has run. A job never rejects
     * `done`: a failure is written on the job.
     */
    async startImport(
      actor: ImportActor,
      request: { file: ImportFile; sourceId?: string | undefined; kind?: ImportKind | undefined },
      control: Pick<RunControl, 'onProgress'> = {},
    ): Promise<{ job: JobView; done: Promise<{ job: JobView; outcome: RunOutcome }> }> {
      const scope = scopeOf(actor);
      const source = request.sourceId ? await sourceInScope(repo, actor, request.sourceId) : undefined;
      const facts = await inspectFile(request.file);
      const mapping = (source?.mapping ?? {}) as ColumnMapping;
      // The first pass runs now, so that a file over the upload limits is refused with the reason
      // rather than accepted and failed later; other faults still fail the job, where they are shown.
      const started = performance.now();
      const survey = runDeps.reader.survey(request.file, facts.format, mapping);
      await survey.catch((error: unknown) => {
        if (isUploadLimitError(error)) throw error;
      });
      const surveyed = { survey, ms: performance.now() - started };
      const created = await repo.createJob({
        sourceId: source?.id ?? null,
        kind: source?.kind ?? request.kind ?? 'poverty_office',
        fileName: request.file.name.slice(0, 200),
        fileHash: facts.sha256,
        regionCode: scope,
        startedById: actor.id,
      });
      const spec = {
        id: created.id,
        regionCode: scope,
        fileName: created.fileName,
        actorId: actor.id,
        mapping,
        format: facts.format,
        surveyed,
      };
      const done = queue
        .enqueue((stopping) => runImport(runDeps, spec, request.file, { ...control, stopped: stopping }))
        .then(async (outcome) => {
          const log = outcome.status === 'failed' ? deps.log?.error : deps.log?.info;
          log?.call(deps.log, { jobId: created.id, ...outcome }, `import ${outcome.status}`);
          return { job: await view((await repo.findJob(created.id))!), outcome };
        });
      // Nobody may wait for a job started in the background: its errors are logged, never unhandled.
      done.catch((error: unknown) => deps.log?.error({ err: error, jobId: created.id }, 'import job crashed'));
      return { job: await view((await repo.findJob(created.id))!), done };
    },

    getJob: async (actor: ImportActor, id: string) => view(await jobInScope(repo, actor, id)),

    async listJobs(actor: ImportActor, page: number, pageSize: number) {
      const { items, total } = await repo.listJobs(scopeOf(actor), page, pageSize);
      const pending = await repo.pendingFlagCounts(items.map((job) => job.id));
      return { items: await Promise.all(items.map((job) => view(job, pending))), total, page, pageSize };
    },

    async listIssues(actor: ImportActor, id: string, page: number, pageSize: number) {
      await jobInScope(repo, actor, id);
      const { items, total } = await repo.listIssues(id, page, pageSize);
      return {
        items: items.map((i) => ({ rowNumber: i.rowNumber, column: i.column, value: i.value, code: i.reason })),
        total,
        page,
        pageSize,
      };
    },

    /** The error report as a table to send or write; reading it is an export of personal data. */
    async errorReport(actor: ImportActor, id: string, format: 'csv' | 'xlsx', requestId?: string) {
      const job = await jobInScope(repo, actor, id);
      await repo.audit({
        actor: actor.id ? { id: actor.id, role: actor.role } : null,
        action: 'import.error_report',
        entity: 'import_job',
        entityId: id,
        ...(requestId ? { requestId } : {}),
        details: { format, fileName: job.fileName, errorRows: job.errorCount },
      });
      return errorReportTable(job.fileName, repo.allIssues(id));
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
