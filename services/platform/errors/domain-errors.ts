/** Errors the services throw. They carry no HTTP knowledge; errors/error-handler.ts maps them. */
export interface FieldIssue {
  field: string;
  message: string;
  /** A stable code pages translate (validation.<code> in the locale files). */
  code?: string;
  /** Figures the translated message names (a minimum, a maximum, a phrase). */
  params?: Record<string, string | number>;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message, issues);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** The caller tried too often (sign-in); it may try again after the given number of seconds. */
export class TooManyAttemptsError extends DomainError {
  readonly code = 'TOO_MANY_ATTEMPTS';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}

/** A dependency (search, a remote service) is down; the client may retry later. */
export class UnavailableError extends DomainError {
  readonly code = 'UNAVAILABLE';
}

export const STATUS_BY_ERROR = new Map<new (...args: never[]) => DomainError, number>([
  [ValidationError, 400],
  [UnauthenticatedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [TooManyAttemptsError, 429],
  [UnavailableError, 503],
]);

export function statusOf(error: DomainError): number {
  for (const [type, status] of STATUS_BY_ERROR) if (error instanceof type) return status;
  return 500;
}
