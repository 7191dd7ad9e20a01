import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ImportKind } from '../platform/database/generated/enums.ts';
import { tableStream } from '../platform/export/tabular.ts';
import type { ImportActor } from './import-actor.ts';
import type { RunControl } from './import-run.ts';
import type { ImportsService } from './imports.service.ts';
import { fileFromPath } from './parse.ts';

/**
 * Imports a file from disk and waits for the job to finish: the command line and the benchmark
 * run imports this way, through the same service as the pages and the API.
 */
export async function runImportFile(
  imports: ImportsService,
  actor: ImportActor,
  filePath: string,
  options: { sourceName?: string; kind?: ImportKind } & Pick<RunControl, 'onProgress'> = {},
) {
  const source = options.sourceName ? await imports.findSourceByName(actor, options.sourceName) : undefined;
  const { done } = await imports.startImport(
    actor,
    { file: fileFromPath(filePath), sourceId: source?.id, kind: options.kind },
    { ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
  );
  return done;
}

/** Writes a job's error report to a file (audited like a download). */
export async function writeErrorReport(
  imports: ImportsService,
  actor: ImportActor,
  jobId: string,
  filePath: string,
): Promise<void> {
  const format = filePath.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
  const table = await imports.errorReport(actor, jobId, format);
  await pipeline(tableStream(format, table), fs.createWriteStream(filePath));
}
