/**
 * Runs one import job over its file: a first pass finds the header row, counts the rows and spots
 * ID numbers that occur more than once; the second pass checks the rows (both passes run in the
 * reader's worker thread, row-reader.ts) and writes them in batches, one transaction per batch,
 * moving the job's counters so the progress can be shown. A failure leaves the batches already
 * committed in place and the job `failed` with the error.
 */
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { DbLink } from '../platform/database-link.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import type { Survey } from './file-survey.ts';
import { processBatch } from './import-batch.ts';
import type { ImportsRepository, NewIssue } from './imports.repository.ts';
import type { LabourerWrites } from './labourer-writes.repository.ts';
import { type ColumnMapping, expectedHeader } from './mapping.ts';
import type { FileFormat, ImportFile } from './parse.ts';
import type { RowContextData, RowReader } from './row-reader.ts';
import { maskValue, type RowResult } from './row-validation.ts';

export interface RunDeps {
  repo: ImportsRepository;
  writes: LabourerWrites;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
  /** Reads and checks the file's rows in a worker thread. */
  reader: RowReader;
  /** Rows per transaction. */
  batchSize?: number;
  /**
   * A new link to the database for the reader's thread, which then writes the rows itself (the
   * app's thread only hears of each batch); absent, or none to give: the app's thread writes them.
   */
  link?: () => DbLink | undefined;
}

export interface JobSpec {
  id: string;
  regionCode: string;
  fileName: string;
  actorId: string | null;
  mapping: ColumnMapping;
  format: FileFormat;
  /** The first pass, when the upload already made it (to refuse a file over the limits at once). */
  surveyed?: { survey: Promise<Survey | undefined>; ms: number };
}

export interface RunControl {
  /** Asked between batches: a shutdown stops the job there. */
  stopped?: () => boolean;
  onProgress?: (progress: { processedRows: number; totalRows: number }) => void;
}

export interface RunOutcome {
  status: 'completed' | 'failed';
  error?: string;
  timings: { surveyMs: number; validateMs: number; writeMs: number };
}

/** Error text for the job record: no ID numbers or phone numbers, whatever the driver put in it. */
export function safeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lastLine = message.trim().split('\n').filter(Boolean).at(-1) ?? 'unknown error';
  return maskValue(undefined, lastLine).slice(0, 500);
}

const stopping = () => new Error('Stopped because the server is shutting down');

export async function runImport(
  deps: RunDeps,
  job: JobSpec,
  file: ImportFile,
  control: RunControl = {},
): Promise<RunOutcome> {
  const { repo } = deps;
  const batchSize = deps.batchSize ?? 1000;
  const timings = { surveyMs: 0, validateMs: 0, writeMs: 0 };
  try {
    if (control.stopped?.()) throw stopping();
    await repo.updateJob(job.id, { status: 'running' });
    const [ref, taxonomy] = await Promise.all([deps.reference(), repo.taxonomy()]);
    const started = performance.now();
    const survey = await (job.surveyed?.survey ?? deps.reader.survey(file, job.format, job.mapping));
    timings.surveyMs = job.surveyed?.ms ?? performance.now() - started;
    if (!survey) {
      await repo.addIssues(undefined, job.id, [{ rowNumber: 1, column: '', value: null, reason: 'no_rows' }]);
      throw new Error('The file has no rows');
    }
    const { columns, headerRow, totalRows } = survey;
    await repo.updateJob(job.id, { totalRows });
    const fileIssues: NewIssue[] = [
      ...columns.missing.map((field) => ({
        rowNumber: headerRow,
        column: expectedHeader(field, job.mapping),
        value: null,
        reason: 'missing_column',
      })),
      ...columns.absent.map(({ header }) => ({
        rowNumber: headerRow,
        column: header,
        value: null,
        reason: 'mapped_column_absent',
      })),
    ];
    await repo.addIssues(undefined, job.id, fileIssues);
    if (columns.missing.length) {
      throw new Error(
        `Required columns missing: ${columns.missing.map((f) => expectedHeader(f, job.mapping)).join(', ')}`,
      );
    }

    const context = { reference: ref.data(), taxonomy, pii: deps.pii.keys(), scope: job.regionCode };
    const writing: Writing = { deps, job, file, survey, context, batchSize, timings, control };
    await (deps.link ? writeInReader(writing, deps.link) : writeHere(writing));
    await repo.updateJob(job.id, { status: 'completed', finishedAt: new Date() });
    return { status: 'completed', timings };
  } catch (error) {
    const message = safeError(error);
    await repo.updateJob(job.id, { status: 'failed', error: message, finishedAt: new Date() });
    return { status: 'failed', error: message, timings };
  }
}

/** One job's rows to write, once its file has been surveyed. */
interface Writing {
  deps: RunDeps;
  job: JobSpec;
  file: ImportFile;
  survey: Survey;
  context: RowContextData;
  batchSize: number;
  timings: RunOutcome['timings'];
  control: RunControl;
}

/** The reader's thread checks and writes the rows; each committed batch moves the progress here. */
async function writeInReader(writing: Writing, makeLink: () => DbLink | undefined): Promise<void> {
  const { deps, job, file, survey, context, batchSize, timings, control } = writing;
  if (control.stopped?.()) throw stopping();
  const link = makeLink();
  if (!link) return writeHere(writing);
  const batchJob = { id: job.id, regionCode: job.regionCode, fileName: job.fileName, actorId: job.actorId };
  let processed = 0;
  for await (const batch of deps.reader.write(file, job.format, survey, context, { job: batchJob, link, batchSize })) {
    timings.validateMs += batch.validateMs;
    timings.writeMs += batch.writeMs;
    processed += batch.rows;
    control.onProgress?.({ processedRows: processed, totalRows: survey.totalRows });
    // Leaving the loop stops the reader after the batch it is writing (row-reader.ts).
    if (control.stopped?.()) throw stopping();
  }
}

/** The reader's thread checks the rows; this thread writes them, one batch per transaction. */
async function writeHere(writing: Writing): Promise<void> {
  const { deps, job, file, survey, context, batchSize, timings, control } = writing;
  const { columns, headerRow, totalRows } = survey;
  const batchContext = { ...deps, job, columns, repeated: survey.repeated, timings };
  let processed = 0;
  const write = async (results: RowResult[]) => {
    if (control.stopped?.()) throw stopping();
    await processBatch(batchContext, results);
    processed += results.length;
    control.onProgress?.({ processedRows: processed, totalRows });
  };
  const batch: RowResult[] = [];
  // The worker checks the next batch while this one is written.
  for await (const part of deps.reader.check(file, job.format, { headerRow, columns }, context, 2 * batchSize)) {
    timings.validateMs += part.validateMs;
    batch.push(...part.results);
    if (batch.length < batchSize) continue;
    await write(batch.splice(0, batchSize));
  }
  while (batch.length) await write(batch.splice(0, batchSize));
}
