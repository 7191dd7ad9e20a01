import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type FieldIssue, ValidationError } from '../errors/domain-errors.ts';

/** Where a field came from, as the validation errors of the schemas name it. */
type Place = 'params' | 'querystring' | 'body';

const NUL = '\u0000';
const MAX_DEPTH = 32;

/** Every path under `value` whose string (or key) holds a NUL character. */
export function nulFields(value: unknown, path: string[] = [], out: string[] = [], depth = 0): string[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) out.push(path.join('.'));
  } else if (value && typeof value === 'object' && depth < MAX_DEPTH && !Buffer.isBuffer(value)) {
    for (const [key, child] of Object.entries(value)) {
      const here = [...path, key.replaceAll(NUL, '\\0')];
      if (key.includes(NUL)) out.push(here.join('.'));
      else nulFields(child, here, out, depth + 1);
    }
  }
  return out;
}

function issuesOf(request: FastifyRequest): Array<FieldIssue & { in: Place }> {
  const places: Array<[Place, unknown]> = [
    ['params', request.params],
    ['querystring', request.query],
    ['body', request.body],
  ];
  return places.flatMap(([place, value]) =>
    nulFields(value).map((field) => ({
      field: field || place,
      in: place,
      code: 'nul_character',
      message: 'must not contain the NUL character (\\u0000)',
    })),
  );
}

/**
 * PostgreSQL cannot store a NUL in text (error 22021), so one that reached a query became a 500.
 * Refused here, for every route at once, before schemas, handlers and the database see it.
 * (Multipart fields arrive with the file stream: platform/http/upload.ts checks them.)
 */
async function inputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const issues = issuesOf(request);
    if (issues.length === 0) return;
    throw new ValidationError(`Invalid input: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`, issues);
  });
}

export default fp(inputGuard, { name: 'input-guard', dependencies: ['error-handler'] });
