import { RUN_STATUS_CLASS, timeLabel } from '../platform/http/run-labels.ts';
/** What the import pages show, shaped for the templates; and the upload form's reading. */
import type { FastifyRequest } from 'fastify';
import { readSingleUpload } from '../platform/http/upload.ts';
import { translate } from '../platform/i18n/i18n.ts';
import { type JobView, UPLOAD_LIMIT_BYTES } from './imports.contract.ts';
import { DEFAULT_HEADERS, IMPORT_FIELDS } from './mapping.ts';

export interface Upload {
  sourceId?: string | undefined;
  kind?: string | undefined;
  file?: { name: string; content: Buffer };
  tooLarge?: boolean;
}

/** The upload form (@fastify/multipart): its fields come before the file, so they arrive with it. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  const part = await readSingleUpload(request, { fileSize: UPLOAD_LIMIT_BYTES });
  if (!part) return {};
  const upload: Upload = { sourceId: part.fields.sourceId, kind: part.fields.kind };
  if (part.tooLarge) upload.tooLarge = true;
  else if (part.content?.length && part.filename) upload.file = { name: part.filename, content: part.content };
  return upload;
}

const pages = (total: number, size: number) => Math.max(1, Math.ceil(total / size));

export function pager(current: number, total: number, size: number, base: string) {
  const last = pages(total, size);
  return {
    page: current,
    pages: last,
    prev: current > 1 ? `${base}?page=${current - 1}` : null,
    next: current < last ? `${base}?page=${current + 1}` : null,
  };
}

export function jobForPage(job: JobView, locale: string) {
  return {
    ...job,
    statusClass: RUN_STATUS_CLASS[job.status],
    startedLabel: timeLabel(job.startedAt, locale),
    finishedLabel: timeLabel(job.finishedAt, locale),
    sameFileLabel: timeLabel(job.sameFileAs?.startedAt ?? null, locale),
  };
}

export function mappingRows(mapping: Record<string, string>, locale: string) {
  return IMPORT_FIELDS.map((field) => ({
    field,
    value: mapping[field] ?? '',
    usual: translate(locale, 'imports.sources.usual', { headers: DEFAULT_HEADERS[field].join('、') }),
  }));
}
