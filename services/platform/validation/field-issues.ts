import type { z } from 'zod';
import type { FieldIssue } from '../errors/domain-errors.ts';

type Issue = z.core.$ZodIssue;

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The code (and its figures) the locale files explain, for one zod problem with the value it was about. */
function describe(issue: Issue, value: unknown, known: boolean): Pick<FieldIssue, 'code' | 'params'> {
  switch (issue.code) {
    case 'invalid_type': {
      // Without the input, zod's own wording is the only trace of a missing value.
      const missing = known ? isBlank(value) : /received (undefined|null)/.test(issue.message);
      if (missing) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'not_integer' };
      if (issue.expected === 'number') return { code: 'not_a_number' };
      return { code: 'invalid' };
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string')
        return minimum <= 1 || (known && isBlank(value))
          ? { code: 'required' }
          : { code: 'too_short', params: { minimum } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return minimum <= 1 ? { code: 'choose_one' } : { code: 'too_few', params: { minimum } };
      if (issue.origin === 'date') return { code: 'too_early' };
      return { code: 'too_small', params: { minimum } };
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return { code: 'too_long', params: { maximum } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { maximum } };
      if (issue.origin === 'date') return { code: 'too_late' };
      return { code: 'too_large', params: { maximum } };
    }
    case 'invalid_value':
      return isBlank(value) && known ? { code: 'required' } : { code: 'invalid_choice' };
    case 'invalid_format':
      if (known && isBlank(value)) return { code: 'required' };
      return { code: issue.format === 'date' ? 'invalid_date' : 'invalid' };
    case 'not_multiple_of':
      return { code: 'not_integer' };
    case 'custom': {
      if (known && isBlank(value)) return { code: 'required' };
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return { code: typeof code === 'string' ? code : 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

/**
 * zod problems as field issues with codes the locale files translate (required, too short, too
 * long, not a number, out of range, not one of the choices...). Pass the parsed input so a field
 * left empty reads as "required" whatever message the schema gave.
 */
export function zodIssues(error: z.ZodError, input?: unknown): FieldIssue[] {
  const known = input !== undefined;
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
    ...describe(issue, valueAt(input, issue.path), known),
  }));
}
