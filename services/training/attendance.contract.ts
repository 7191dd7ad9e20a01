import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { EnrolmentSchema } from './courses.contract.ts';

const day = z.iso.date('must be a date like 2025-06-01');

export const SessionInputSchema = z.object({
  /** The class day, between the course's first and last day. */
  heldOn: day,
  topic: z.string().trim().max(100, 'must be at most 100 characters').optional(),
});
export type SessionInput = z.infer<typeof SessionInputSchema>;

export const SessionSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    heldOn: z.string(),
    topic: z.string().nullable(),
    /** People marked present; null before the sheet was saved. */
    present: z.number().int().nullable(),
  })
  .meta({ id: 'TrainingSession' });
export type SessionView = z.infer<typeof SessionSchema>;

export const AttendanceInputSchema = z.object({
  /** Enrolments present at the session; every other enrolled person is recorded absent. */
  present: z.array(z.uuid('must be enrolment ids')).max(1000),
});

export const AttendanceSheetSchema = z.object({
  session: SessionSchema,
  people: z.array(z.object({ enrolmentId: z.string(), maskedName: z.string(), present: z.boolean().nullable() })),
});

export const EnrolmentDetailSchema = z
  .object({
    enrolment: EnrolmentSchema,
    attendance: z.array(z.object({ sessionId: z.string(), heldOn: z.string(), present: z.boolean().nullable() })),
    certificate: z
      .object({
        id: z.string(),
        kind: z.string(),
        name: z.string(),
        level: z.string().nullable(),
        number: z.string().nullable(),
        issuer: z.string().nullable(),
        issuedOn: z.string().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'TrainingEnrolmentDetail' });
export type EnrolmentDetail = z.infer<typeof EnrolmentDetailSchema>;

// Officers of the course's region, and the account of the training provider that runs it.
const keepers = auth.roles('officer', 'admin', 'training_provider');
const tags = ['training'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const idParams = z.object({ id: z.uuid() });

export const listSessionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/courses/:id/sessions',
  auth: keepers,
  summary: "A course's class days, with how many were present",
  tags,
  schema: { params: idParams, response: { 200: z.object({ items: z.array(SessionSchema) }), ...errors } },
});
export const addSessionRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/courses/:id/sessions',
  auth: keepers,
  summary: 'Add a class day to a course (audited)',
  tags,
  schema: { params: idParams, body: SessionInputSchema, response: { 201: SessionSchema, ...errors } },
});
export const getAttendanceRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/sessions/:id/attendance',
  auth: keepers,
  summary: 'The attendance sheet of a class day: every enrolled person, present or not',
  tags,
  schema: { params: idParams, response: { 200: AttendanceSheetSchema, ...errors } },
});
export const saveAttendanceRoute = defineRoute({
  method: 'PUT',
  url: '/api/v1/training/sessions/:id/attendance',
  auth: keepers,
  summary: 'Save the sheet of a class day in one transaction (audited)',
  tags,
  schema: { params: idParams, body: AttendanceInputSchema, response: { 200: AttendanceSheetSchema, ...errors } },
});
export const getEnrolmentRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/enrolments/:id',
  auth: keepers,
  summary: "One person's course: attendance per class day, completion with result, score and certificate",
  tags,
  schema: { params: idParams, response: { 200: EnrolmentDetailSchema, ...errors } },
});
