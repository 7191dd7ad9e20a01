/**
 * The import reader's thread (row-reader.ts): surveys a file, then reads and checks its rows and
 * sends them to the app's thread in parts, a bounded number ahead of what was taken. Not imported
 * by the app: started as a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PiiCipher } from '../platform/crypto/pii.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import { ReferenceNames } from '../platform/reference/reference-data.ts';
import { lowerThreadPriority } from '../platform/thread-priority.ts';
import { buildTaxonomy } from './cell-values.ts';
import { surveyFile } from './file-survey.ts';
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

async function check(request: Extract<ToWorker, { kind: 'check' }>) {
  const state: Check = { ahead: Math.max(PART, request.ahead), outstanding: 0, cancelled: false, resume: undefined };
  checks.set(request.id, state);
  const { context, columns } = request;
  const rowContext = {
    ref: ReferenceNames.fromData(context.reference),
    taxonomy: buildTaxonomy(context.taxonomy),
    pii: new PiiCipher(context.pii),
    scope: context.scope,
  };
  let part: RowResult[] = [];
  let validateMs = 0;
  const flush = async () => {
    send({ id: request.id, kind: 'rows', results: part, validateMs });
    state.outstanding += part.length;
    part = [];
    validateMs = 0;
    while (state.outstanding >= state.ahead && !state.cancelled) {
      await new Promise<void>((resolve) => (state.resume = resolve));
      state.resume = undefined;
    }
  };
  try {
    for await (const row of readRows(openFile(request), request.format)) {
      if (state.cancelled) return;
      if (row.rowNumber <= request.headerRow) continue;
      const started = performance.now();
      part.push(validateRow(row, columns, rowContext));
      validateMs += performance.now() - started;
      if (part.length === PART) await flush();
    }
    if (state.cancelled) return;
    if (part.length) await flush();
    send({ id: request.id, kind: 'end' });
  } catch (error) {
    sendError(request.id, error);
  } finally {
    checks.delete(request.id);
  }
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
