/**
 * The import reader's thread (row-reader.ts): surveys a file, then reads and checks its rows and
 * either sends them to the app's thread in parts, a bounded number ahead of what was taken
 * (`check`), or writes them itself, batch by batch, over a link to the database (`write`). Not
 * imported by the app: started as a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PiiCipher } from '../platform/crypto/pii.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { ReferenceNames } from '../platform/reference/reference-data.ts';
import { lowerThreadPriority } from '../platform/thread-priority.ts';
import { buildTaxonomy } from './cell-values.ts';
import { surveyFile } from './file-survey.ts';
import { processBatch } from './import-batch.ts';
import { openBatchWriter } from './import-writer.repository.ts';
import { fileFromBuffer, fileFromPath, type ImportFile, readRows } from './parse.ts';
import { type FileRef, type FromWorker, PART, type ToWorker } from './row-reader.ts';
import { type RowResult, validateRow } from './row-validation.ts';

const port = parentPort!;
const { nice } = (workerData ?? {}) as { nice?: number };
if (nice) lowerThreadPriority(nice);

const send = (message: FromWorker) => port.postMessage(message);

function openFile({ file }: { file: FileRef }): ImportFile {
  if ('path' in file) return fileFromPath(file.path);
  return fileFromBuffer('upload', Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength));
}

function sendError(id: number, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  send({
    id,
    kind: 'error',
    error: { message, ...(error instanceof ValidationError ? { issues: error.issues } : {}) },
  });
}

/** A check under way: how far ahead of the app's thread it is, and a way to wait until it may go on. */
interface Check {
  ahead: number;
  outstanding: number;
  cancelled: boolean;
  resume: (() => void) | undefined;
}
const checks = new Map<number, Check>();

type CheckRequest = Extract<ToWorker, { kind: 'check' | 'write' }>;

/** The file's rows after the header, checked, in parts of at most PART; stops when `state` is cancelled. */
async function* checkedParts(
  request: CheckRequest,
  state: Check,
): AsyncGenerator<{ results: RowResult[]; validateMs: number }> {
  const { context, columns } = request;
  const rowContext = {
    ref: ReferenceNames.fromData(context.reference),
    taxonomy: buildTaxonomy(context.taxonomy),
    pii: new PiiCipher(context.pii),
    scope: context.scope,
  };
  let part: RowResult[] = [];
  let validateMs = 0;
  for await (const row of readRows(openFile(request), request.format)) {
    if (state.cancelled) return;
    if (row.rowNumber <= request.headerRow) continue;
    const started = performance.now();
    part.push(validateRow(row, columns, rowContext));
    validateMs += performance.now() - started;
    if (part.length === PART) {
      yield { results: part, validateMs };
      part = [];
      validateMs = 0;
    }
  }
  if (part.length && !state.cancelled) yield { results: part, validateMs };
}

/** Runs one request of checking or writing rows; its state answers `taken` and `cancel`. */
async function track(request: CheckRequest, state: Check, work: () => Promise<void>) {
  checks.set(request.id, state);
  try {
    await work();
    send({ id: request.id, kind: 'end' });
  } catch (error) {
    sendError(request.id, error);
  } finally {
    checks.delete(request.id);
  }
}

function check(request: Extract<ToWorker, { kind: 'check' }>) {
  const state: Check = { ahead: Math.max(PART, request.ahead), outstanding: 0, cancelled: false, resume: undefined };
  return track(request, state, async () => {
    for await (const { results, validateMs } of checkedParts(request, state)) {
      send({ id: request.id, kind: 'rows', results, validateMs });
      state.outstanding += results.length;
      while (state.outstanding >= state.ahead && !state.cancelled) {
        await new Promise<void>((resolve) => (state.resume = resolve));
        state.resume = undefined;
      }
    }
  });
}

/**
 * Checks the rows and writes them, one transaction per batch, in this thread: the app's thread
 * hears only of each batch's progress. A cancel stops it after the batch under way (the one being
 * written; the one being checked is dropped).
 */
function write(request: Extract<ToWorker, { kind: 'write' }>) {
  const state: Check = { ahead: Infinity, outstanding: 0, cancelled: false, resume: undefined };
  return track(request, state, async () => {
    const writer = openBatchWriter(request.link);
    try {
      const timings = { writeMs: 0 };
      const context = {
        repo: writer.repo,
        writes: writer.writes,
        pii: new PiiCipher(request.context.pii),
        job: request.job,
        columns: request.columns,
        repeated: request.repeated,
        timings,
      };
      const batch: RowResult[] = [];
      let validateMs = 0;
      // One batch is written (its statements run in the database's thread) while the next is checked here.
      let writing: Promise<void> | undefined;
      const flush = async () => {
        const rows = batch.splice(0, request.batchSize);
        const checkedMs = validateMs;
        validateMs = 0;
        await writing;
        if (state.cancelled) return;
        writing = (async () => {
          const before = timings.writeMs;
          await processBatch(context, rows);
          const written = { rows: rows.length, validateMs: checkedMs, writeMs: timings.writeMs - before };
          send({ id: request.id, kind: 'written', batch: written });
        })();
        writing.catch(() => undefined);
      };
      for await (const part of checkedParts(request, state)) {
        batch.push(...part.results);
        validateMs += part.validateMs;
        while (batch.length >= request.batchSize && !state.cancelled) await flush();
        if (state.cancelled) break;
      }
      while (batch.length && !state.cancelled) await flush();
      await writing;
    } finally {
      await writer.close();
    }
  });
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'survey':
      surveyFile(openFile(message), message.format, message.mapping).then(
        (survey) => send({ id: message.id, kind: 'survey', survey }),
        (error: unknown) => sendError(message.id, error),
      );
      return;
    case 'check':
      void check(message);
      return;
    case 'write':
      void write(message);
      return;
    case 'taken':
    case 'cancel': {
      const state = checks.get(message.id);
      if (!state) return;
      if (message.kind === 'cancel') state.cancelled = true;
      else state.outstanding -= message.rows;
      state.resume?.();
      return;
    }
  }
});
