import type { Worker } from 'node:worker_threads';
import type { PiiKeys } from '../platform/crypto/pii.ts';
import type { DbLink } from '../platform/database-link.ts';
import { ValidationError, type FieldIssue } from '../platform/errors/domain-errors.ts';
import type { ReferenceData } from '../platform/reference/reference-data.ts';
import { BACKGROUND_NICE } from '../platform/thread-priority.ts';
import { startModuleWorker } from '../platform/worker-thread.ts';
import type { buildTaxonomy } from './cell-values.ts';
import type { Survey } from './file-survey.ts';
import type { BatchJob } from './import-batch.ts';
import type { ColumnMapping, ResolvedColumns } from './mapping.ts';
import type { FileFormat, ImportFile } from './parse.ts';
import type { RowResult } from './row-validation.ts';

/**
 * An import's reading and checking of rows — decoding the file, parsing CSV or XLSX, the cell
 * readers, zod, the ID-number checks and the encryption — is CPU work that allocates a great deal:
 * on the app's thread it took turns with the web and fed the garbage collector, whose pauses held
 * every request during a 100,000-row import. The reader does that work in a worker thread
 * (row-reader-worker.ts) at a lower priority. Where the database can be reached from another
 * thread (platform/database-link.ts), the worker writes the checked rows too, batch by batch
 * (`write`): the rows never cross into the app's thread, whose loop then only hears of each
 * batch's progress. Else (`PGLITE_THREAD=main`) the app's thread takes the checked rows (`check`)
 * and writes them.
 */

/** The file as it crosses to the worker: where it lies on disk, or its bytes (an upload). */
export type FileRef = { path: string } | { content: Uint8Array };

/** What checking a row needs, as plain data. */
export interface RowContextData {
  reference: ReferenceData;
  /** The skills and occupations as `buildTaxonomy` takes them (built again in the worker). */
  taxonomy: Parameters<typeof buildTaxonomy>[0];
  pii: PiiKeys;
  /** Region prefix the rows must lie in. */
  scope: string;
}

/** A file's rows to read after its header row. */
interface RowsRequest {
  id: number;
  file: FileRef;
  format: FileFormat;
  headerRow: number;
  columns: ResolvedColumns;
  context: RowContextData;
}

export type ToWorker =
  | { kind: 'survey'; id: number; file: FileRef; format: FileFormat; mapping: ColumnMapping }
  | (RowsRequest & {
      kind: 'check';
      /** Rows the worker may check ahead of what the app's thread has taken. */
      ahead: number;
    })
  | (RowsRequest & {
      kind: 'write';
      job: BatchJob;
      /** ID numbers found on more than one row of the file (the survey's). */
      repeated: Map<string, number[]>;
      /** Rows per transaction. */
      batchSize: number;
      link: DbLink;
    })
  | { kind: 'taken'; id: number; rows: number }
  | { kind: 'cancel'; id: number };

export type FromWorker =
  | { id: number; kind: 'survey'; survey: Survey | undefined }
  | { id: number; kind: 'rows'; results: RowResult[]; validateMs: number }
  | { id: number; kind: 'written'; batch: WrittenBatch }
  | { id: number; kind: 'end' }
  | { id: number; kind: 'error'; error: { message: string; issues?: FieldIssue[] | undefined } };

/** Rows per message: each message is copied into the app's thread in one go, so it stays small. */
export const PART = 100;

export interface CheckedRows {
  results: RowResult[];
  /** Time the worker spent checking these rows. */
  validateMs: number;
}

/** One batch written by the worker (`write`), in one transaction with the job's counters. */
export interface WrittenBatch {
  rows: number;
  validateMs: number;
  writeMs: number;
}

export interface RowReader {
  /** The first pass (file-survey.ts), in the worker. Throws the upload-limit errors it meets. */
  survey(file: ImportFile, format: FileFormat, mapping: ColumnMapping): Promise<Survey | undefined>;
  /** The rows after the header, checked, in file order and in parts of at most `PART`. */
  check(
    file: ImportFile,
    format: FileFormat,
    survey: Pick<Survey, 'headerRow' | 'columns'>,
    context: RowContextData,
    ahead: number,
  ): AsyncGenerator<CheckedRows>;
  /**
   * Reads, checks and writes the rows after the header in the worker, over `link`, batch by batch;
   * yields once each batch is committed. Stopping early (`return`, a throw in the caller) stops the
   * worker after the batch it is writing, and waits for it.
   */
  write(
    file: ImportFile,
    format: FileFormat,
    survey: Pick<Survey, 'headerRow' | 'columns' | 'repeated'>,
    context: RowContextData,
    options: { job: BatchJob; link: DbLink; batchSize: number },
  ): AsyncGenerator<WrittenBatch>;
  close(): Promise<void>;
}

function fileRef(file: ImportFile): FileRef {
  // A view into a larger buffer would carry all of it across: only the file's own bytes go.
  const { content } = file;
  if (content) return { content: content.byteLength === content.buffer.byteLength ? content : new Uint8Array(content) };
  if (file.path) return { path: file.path };
  throw new Error(`The import file ${file.name} is neither held in memory nor on disk`);
}

function rebuild(error: { message: string; issues?: FieldIssue[] | undefined }): Error {
  return error.issues ? new ValidationError(error.message, error.issues) : new Error(error.message);
}

/** Messages for one request, with a way to wait for the next. */
class Inbox {
  private readonly queue: FromWorker[] = [];
  private wake: (() => void) | undefined;
  failure: Error | undefined;

  push(message: FromWorker) {
    this.queue.push(message);
    this.wake?.();
  }

  fail(error: Error) {
    this.failure ??= error;
    this.wake?.();
  }

  async next(): Promise<FromWorker> {
    for (;;) {
      const message = this.queue.shift();
      if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/** A request sent to the worker: its id, its replies, and `done` once they are all in. */
interface Opened {
  id: number;
  inbox: Inbox;
  worker: Worker;
  done(): void;
}

/** The worker's batches as it commits them (RowReader.write). */
async function* writeThrough(
  request: Opened,
  message: Extract<ToWorker, { kind: 'write' }>,
): AsyncGenerator<WrittenBatch> {
  let finished = false;
  try {
    const { link } = message;
    request.worker.postMessage(
      { ...message, id: request.id } satisfies ToWorker,
      link.kind === 'pglite' ? [link.port] : [],
    );
    for (;;) {
      const reply = await request.inbox.next();
      if (reply.kind === 'end' || reply.kind === 'error') {
        finished = true;
        if (reply.kind === 'error') throw rebuild(reply.error);
        return;
      }
      if (reply.kind !== 'written') throw new Error(`import reader answered ${reply.kind} to a write`);
      yield reply.batch;
    }
  } finally {
    if (!finished) {
      // The batch being written commits or rolls back before the caller goes on (to mark the job
      // failed, or to close the database at shutdown).
      request.worker.postMessage({ kind: 'cancel', id: request.id } satisfies ToWorker);
      for (let reply; !finished;) {
        reply = await request.inbox.next().catch(() => undefined);
        finished = !reply || reply.kind === 'end' || reply.kind === 'error';
      }
    }
    request.done();
  }
}

/**
 * One worker thread for the process, started at the first import and kept (starting it costs more
 * than a small import): imports run one at a time, a survey of an upload may run beside one.
 */
export function createRowReader(options: { nice?: number } = {}): RowReader {
  let worker: Worker | undefined;
  const inboxes = new Map<number, Inbox>();
  let lastId = 0;

  const started = () => {
    if (worker) return worker;
    const w = startModuleWorker(new URL('./row-reader-worker.ts', import.meta.url), import.meta.url, {
      workerData: { nice: options.nice ?? BACKGROUND_NICE },
    });
    w.on('message', (message: FromWorker) => inboxes.get(message.id)?.push(message));
    const gone = (error: Error) => {
      if (worker === w) worker = undefined;
      for (const inbox of inboxes.values()) inbox.fail(error);
    };
    w.on('error', (error) => gone(new Error(`import reader failed: ${error.message}`, { cause: error })));
    w.on('exit', (code) => gone(new Error(`import reader stopped (exit code ${code})`)));
    w.unref();
    worker = w;
    return w;
  };

  // The worker keeps the process alive only while a request waits for it.
  const open = (): Opened => {
    const id = ++lastId;
    const inbox = new Inbox();
    inboxes.set(id, inbox);
    const w = started();
    w.ref();
    const done = () => {
      inboxes.delete(id);
      if (!inboxes.size) worker?.unref();
    };
    return { id, inbox, worker: w, done };
  };

  return {
    async survey(file, format, mapping) {
      const request = open();
      try {
        request.worker.postMessage({
          kind: 'survey',
          id: request.id,
          file: fileRef(file),
          format,
          mapping,
        } satisfies ToWorker);
        const reply = await request.inbox.next();
        if (reply.kind === 'error') throw rebuild(reply.error);
        if (reply.kind !== 'survey') throw new Error(`import reader answered ${reply.kind} to a survey`);
        return reply.survey;
      } finally {
        request.done();
      }
    },

    async *check(file, format, survey, context, ahead) {
      const request = open();
      let finished = false;
      try {
        request.worker.postMessage({
          kind: 'check',
          id: request.id,
          file: fileRef(file),
          format,
          headerRow: survey.headerRow,
          columns: survey.columns,
          context,
          ahead,
        } satisfies ToWorker);
        for (;;) {
          const reply = await request.inbox.next();
          if (reply.kind === 'end') {
            finished = true;
            return;
          }
          if (reply.kind === 'error') {
            finished = true;
            throw rebuild(reply.error);
          }
          if (reply.kind !== 'rows') throw new Error(`import reader answered ${reply.kind} to a check`);
          request.worker.postMessage({ kind: 'taken', id: request.id, rows: reply.results.length } satisfies ToWorker);
          yield { results: reply.results, validateMs: reply.validateMs };
        }
      } finally {
        // A caller that stops early (a failed write, a shutdown) lets the worker stop too.
        if (!finished) worker?.postMessage({ kind: 'cancel', id: request.id } satisfies ToWorker);
        request.done();
      }
    },

    write(file, format, survey, context, { job, link, batchSize }) {
      const message = {
        kind: 'write',
        id: 0,
        file: fileRef(file),
        format,
        headerRow: survey.headerRow,
        columns: survey.columns,
        repeated: survey.repeated,
        context,
        job,
        batchSize,
        link,
      } satisfies ToWorker;
      return writeThrough(open(), message);
    },

    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}
