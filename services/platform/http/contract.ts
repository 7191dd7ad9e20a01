import { z } from 'zod';
import type { Role } from '../database/generated/enums.ts';

/** Who may call a route. Officer region scope is enforced in the services, on the data. */
export type AuthRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'role'; roles: readonly Role[] };

export const auth = {
  public: { kind: 'public' } as AuthRule,
  signedIn: { kind: 'authenticated' } as AuthRule,
  roles: (...roles: Role[]): AuthRule => ({ kind: 'role', roles }),
};

export const ErrorResponseSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  })
  .meta({ id: 'ErrorResponse' });

export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** Error responses every authenticated API route may give, for the OpenAPI document. */
export const commonErrors = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
} as const;

interface ContractInput {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  auth: AuthRule;
  summary: string;
  tags: string[];
  /** The query string searches for a person: it is left out of logs. */
  personalData?: true;
  schema: {
    params?: z.ZodType;
    querystring?: z.ZodType;
    body?: z.ZodType;
    response: Record<number, z.ZodType>;
  };
}

/**
 * A route's contract: path, zod schemas (response included) and auth rule in one value, so the
 * routes file stays thin and the architecture test can check every route has both.
 */
export function defineRoute<const C extends ContractInput>(contract: C) {
  return {
    method: contract.method,
    url: contract.url,
    config: { auth: contract.auth, ...(contract.personalData ? { personalData: true } : {}) },
    schema: { ...contract.schema, summary: contract.summary, tags: contract.tags },
  } as {
    method: C['method'];
    url: C['url'];
    config: { auth: AuthRule; personalData?: boolean };
    schema: C['schema'] & { summary: string; tags: string[] };
  };
}

/** Page routes have no JSON schema, but they declare their auth rule all the same. */
export function page(method: 'GET' | 'POST', url: string, rule: AuthRule, options: { personalData?: true } = {}) {
  return { method, url, config: { auth: rule, ...options } } as const;
}
