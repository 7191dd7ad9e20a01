import { RUN_STATUS_CLASS, timeLabel } from '../platform/http/run-labels.ts';
/** What the import pages show, shaped for the templates; and the upload form's reading. */
import type { FastifyRequest } from 'fastify';
import { translate } from '../platform/i18n/i18n.ts';
import { type JobView, UPLOAD_LIMIT_BYTES } from './imports.contract.ts';
import { DEFAULT_HEADERS, IMPORT_FIELDS } from './mapping.ts';

export interface Upload {
  sourceId?: string | undefined;
  kind?: string | undefined;
  file?: { name: string; content: Buffer };
  tooLarge?: boolean;
}

function fieldValue(field: unknown): string | undefined {
  const first = Array.isArray(field) ? (field[0] as unknown) : field;
  if (first && typeof first === 'object' && 'value' in first && typeof first.value === 'string') return first.value;
  return undefined;
}

/** The upload form (@fastify/multipart): its fields come before the file, so they arrive with it. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  const part = await request.file({ limits: { fileSize: UPLOAD_LIMIT_BYTES } });
  if (!part) return {};
  const upload: Upload = { sourceId: fieldValue(part.fields.sourceId), kind: fieldValue(part.fields.kind) };
  try {
    const content = await part.toBuffer();
    if (content.length && part.filename) upload.file = { name: part.filename, content };
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    upload.tooLarge = true;
  }
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
