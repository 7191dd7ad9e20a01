import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auth } from '../platform/http/contract.ts';

/** Who keeps courses, class days, schools and certificates: officers (within their region) and admins. */
export const officers = auth.roles('officer', 'admin');

/**
 * Who runs a course's sheet (class days, attendance, completions): its officers, and the account of the
 * training provider the course is given to (issue 19); the services say which courses each keeps.
 */
export const keepers = auth.roles('officer', 'admin', 'training_provider');

/** How the training pages word a refused form; a page adds its own labels or explanations. */
export const TEXTS = {
  fixErrors: 'training.fixErrors',
  labelPrefix: 'training.fields',
  refusals: 'training.refusals',
  fallbackReason: 'illegal',
} as const;

/** The `:id` of the route, a UUID (anything else is refused before the service is asked). */
export const idOf = (request: FastifyRequest) => z.uuid().parse((request.params as { id: string }).id);

/** Scripts can not be inline (CSP): a chart's data rides in a JSON block, `<` escaped. */
export const jsonBlock = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c');
