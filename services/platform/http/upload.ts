import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../errors/domain-errors.ts';
import { nulFields } from './input-guard.plugin.ts';

/** One uploaded file with the form fields sent before it. */
export interface SingleUpload {
  fields: Record<string, string | undefined>;
  filename: string;
  /** Undefined when the file was over the size limit. */
  content: Buffer | undefined;
  tooLarge: boolean;
}

interface MultipartPart {
  filename: string;
  fields: Record<string, unknown>;
  toBuffer(): Promise<Buffer>;
}
interface MultipartRequest {
  file(options?: { limits?: { fileSize?: number } }): Promise<MultipartPart | undefined>;
}

const malformed = () =>
  new ValidationError('The upload is not a complete multipart/form-data body', [
    { field: 'file', code: 'malformed_upload', message: 'is not a complete multipart/form-data body' },
  ]);

function fieldValues(fields: Record<string, unknown>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, entry] of Object.entries(fields)) {
    const value = ((Array.isArray(entry) ? entry[0] : entry) as { value?: unknown } | undefined)?.value;
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/**
 * Reads a page's upload form (@fastify/multipart, which the app registers). A body the parser
 * cannot read (no boundary, cut short) is the sender's mistake: a ValidationError, not a 500.
 * Its fields get the NUL check the other inputs get from the input guard.
 */
export async function readSingleUpload(
  request: FastifyRequest,
  limits: { fileSize: number },
): Promise<SingleUpload | undefined> {
  const reading = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status !== undefined && status < 500) throw error;
      throw malformed();
    }
  };
  const part = await reading(() => (request as unknown as MultipartRequest).file({ limits }));
  if (!part) return undefined;
  const fields = fieldValues(part.fields);
  const bad = nulFields(fields);
  if (bad.length) {
    throw new ValidationError(
      `Invalid input: ${bad.join(', ')} must not contain the NUL character`,
      bad.map((field) => ({ field, code: 'nul_character', message: 'must not contain the NUL character (\\u0000)' })),
    );
  }
  try {
    const content = await reading(() => part.toBuffer());
    return { fields, filename: part.filename, content, tooLarge: false };
  } catch (error) {
    if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
    return { fields, filename: part.filename, content: undefined, tooLarge: true };
  }
}
