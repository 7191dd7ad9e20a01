import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ZodError } from 'zod';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorResponse } from '../http/contract.ts';
import { noteErrorCode } from '../http/request-log.ts';
import { isApiRoute } from '../http/route-kind.ts';
import { DomainError, statusOf, TooManyAttemptsError, ValidationError } from './domain-errors.ts';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function isApiRequest(request: FastifyRequest): boolean {
  return isApiRoute(request) || !(request.headers.accept ?? '').includes('text/html');
}

/** Turns any thrown error into the one JSON shape `{ statusCode, error, code, message, details? }`. */
export function toErrorResponse(error: unknown, request: FastifyRequest): ErrorResponse {
  if (error instanceof DomainError) {
    const statusCode = statusOf(error);
    const details = error instanceof ValidationError ? error.issues : error.details;
    return {
      statusCode,
      error: REASON[statusCode] ?? 'Error',
      code: error.code,
      message: error.message,
      ...(details === undefined ? {} : { details }),
    };
  }
  if (error instanceof ZodError) {
    const details = error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message }));
    return {
      statusCode: 400,
      error: REASON[400] ?? 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: `Invalid input: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
      details,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const details = error.validation.map((issue) => ({
      field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || where,
      in: where,
      message: issue.message ?? 'is invalid',
    }));
    return {
      statusCode: 400,
      error: REASON[400] ?? 'Bad Request',
      code: 'VALIDATION_FAILED',
      message: `Invalid ${where}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`,
      details,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    return {
      statusCode,
      error: REASON[statusCode] ?? 'Client Error',
      code: fastifyError.code ?? 'CLIENT_ERROR',
      message: fastifyError.message ?? 'Bad request',
    };
  }
  // Server faults are masked: the client gets the request id to quote, the log gets the detail.
  return {
    statusCode: statusCode >= 500 ? statusCode : 500,
    error: REASON[statusCode] ?? 'Internal Server Error',
    code: 'INTERNAL_ERROR',
    message: `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
  };
}

export type PageErrorRenderer = (request: FastifyRequest, reply: FastifyReply, body: ErrorResponse) => unknown;

async function errorHandlerPlugin(app: FastifyInstance, opts: { renderPage?: PageErrorRenderer }) {
  app.setErrorHandler((error, request, reply) => {
    const body = toErrorResponse(error, request);
    // The request is logged through its serializer, which redacts personal data from the URL.
    if (body.statusCode >= 500) request.log.error({ err: error, req: request, reqId: request.id }, 'request failed');
    else request.log.debug({ code: body.code, statusCode: body.statusCode }, body.message);
    noteErrorCode(reply, body.code);
    if (error instanceof TooManyAttemptsError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (opts.renderPage && !isApiRequest(request)) return opts.renderPage(request, reply, body);
    return reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler({}, (request, reply) => {
    const body: ErrorResponse = {
      statusCode: 404,
      error: 'Not Found',
      code: 'ROUTE_NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
    };
    if (opts.renderPage && !isApiRequest(request)) return opts.renderPage(request, reply, body);
    return reply.status(404).send(body);
  });
}

export default fp(errorHandlerPlugin, { name: 'error-handler' });
