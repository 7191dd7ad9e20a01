import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import {
  TrainingEligibility,
  TrainingEnrolmentStatus,
  TrainingProgramme,
  TrainingProviderKind,
} from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';
import { GRADES } from './claim-kinds.ts';

export const PROGRAMMES = enumValues(TrainingProgramme);
export const PROVIDER_KINDS = enumValues(TrainingProviderKind);
export const ELIGIBILITIES = enumValues(TrainingEligibility);
export const ENROLMENT_STATUSES = enumValues(TrainingEnrolmentStatus);

const day = z.iso.date('must be a date like 2025-06-01');
const text = (max: number) => z.string().trim().min(2, 'must be at least 2 characters').max(max);

const CourseFields = z.object({
  title: text(100),
  programme: z.enum(PROGRAMMES),
  occupationCode: z.string().trim().max(20).optional(),
  skillCodes: z.array(z.string().trim().max(20)).max(20).optional(),
  /** A code from the certificate kinds a passed course earns, if any. */
  certificateKind: z.string().trim().max(40).optional(),
  /** Who teaches, for a course officers manage themselves; a provider's course takes its record's. */
  providerName: text(100).optional(),
  providerKind: z.enum(PROVIDER_KINDS).optional(),
  /** A training provider of the region with accounts of its own: they then see and run the course. */
  providerId: z.uuid('must be a provider id').optional(),
  /** Where it is held: a county, township or village code inside the officer's region. */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, 'must be a region code'),
  place: text(200),
  inVillage: z.boolean().optional(),
  startsOn: day,
  endsOn: day,
  seats: z.number().int().min(1, 'must be at least 1').max(1000),
  cost: z.number().int().min(0).max(100_000).optional(),
  subsidised: z.boolean().optional(),
  eligibility: z.enum(ELIGIBILITIES).optional(),
});
export const CourseInputSchema = CourseFields.refine((c) => c.endsOn >= c.startsOn, {
  path: ['endsOn'],
  message: 'must not be before the start',
})
  .refine((c) => c.providerId || c.providerName, { path: ['providerName'], message: 'is required without a provider' })
  .refine((c) => c.providerId || c.providerKind, { path: ['providerKind'], message: 'is required without a provider' });
export type CourseInput = z.infer<typeof CourseInputSchema>;
/** A change; `providerId: null` takes the course back from its provider (officers manage it again). */
export const CoursePatchSchema = CourseFields.partial().extend({
  providerId: z.uuid('must be a provider id').nullable().optional(),
});
export type CoursePatch = z.infer<typeof CoursePatchSchema>;

export const CourseSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    programme: z.enum(PROGRAMMES),
    occupationCode: z.string().nullable(),
    occupationName: z.string().nullable(),
    skillCodes: z.array(z.string()),
    certificateKind: z.string().nullable(),
    certificateName: z.string().nullable(),
    providerName: z.string(),
    providerKind: z.enum(PROVIDER_KINDS),
    /** The training provider whose accounts run the course; null when officers manage it. */
    providerId: z.string().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
    place: z.string(),
    inVillage: z.boolean(),
    startsOn: z.string(),
    endsOn: z.string(),
    seats: z.number().int(),
    enrolled: z.number().int(),
    waiting: z.number().int(),
    cost: z.number().int(),
    subsidised: z.boolean(),
    eligibility: z.enum(ELIGIBILITIES),
  })
  .meta({ id: 'TrainingCourse' });
export type CourseView = z.infer<typeof CourseSchema>;

export const CourseListQuerySchema = z.object({
  /** Only courses that have not ended yet. */
  upcoming: z.enum(['true', 'false']).optional(),
  programme: z.enum(PROGRAMMES).optional(),
});

export const EnrolmentSchema = z
  .object({
    id: z.string(),
    courseId: z.string(),
    courseTitle: z.string(),
    labourerId: z.string(),
    /** 张**: the registry has the person in full. */
    maskedName: z.string(),
    status: z.enum(ENROLMENT_STATUSES),
    offerReason: z.string().nullable(),
    attendedSessions: z.number().int(),
    passed: z.boolean().nullable(),
    /** The exam score (0-100), when there was one. */
    score: z.number().int().nullable(),
    completedOn: z.string().nullable(),
    certificateNumber: z.string().nullable(),
    certificateId: z.string().nullable(),
  })
  .meta({ id: 'TrainingEnrolment' });
export type EnrolmentView = z.infer<typeof EnrolmentSchema>;

export const EnrolInputSchema = z.object({ labourerId: z.uuid('must be a labourer id') });
export const EnrolmentPatchSchema = z
  .object({
    attendedSessions: z.number().int().min(0).max(1000).optional(),
    /** Completion: the exam result; a pass on a course with a certificate kind needs its number. */
    result: z.enum(['passed', 'failed']).optional(),
    score: z.number().int().min(0, 'must be 0 to 100').max(100, 'must be 0 to 100').optional(),
    certificateNumber: z.string().trim().min(2).max(60).optional(),
    /** The grade a passed skill-level or qualification certificate carries (初级 … 高级技师), when graded. */
    certificateLevel: z.enum(GRADES, `must be a grade: ${GRADES.join(', ')}`).optional(),
    completedOn: day.optional(),
  })
  .refine((p) => p.result !== 'failed' || !p.certificateNumber, {
    path: ['certificateNumber'],
    message: 'a failed result has no certificate',
  })
  .refine((p) => p.result === 'passed' || !p.certificateLevel, {
    path: ['certificateLevel'],
    message: 'a grade comes with a pass',
  })
  .refine((p) => p.score === undefined || p.result !== undefined, {
    path: ['result'],
    message: 'a score comes with a result',
  });
export type EnrolmentPatch = z.infer<typeof EnrolmentPatchSchema>;

export const OffersInputSchema = z.object({
  /** A county (or narrower) inside the officer's region; defaults to the officer's region. */
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/, 'must be a region code')
    .optional(),
});
export const OffersResultSchema = z.object({
  considered: z.number().int(),
  offered: z.number().int(),
  alreadyOffered: z.number().int(),
  offers: z.array(EnrolmentSchema),
});

const officers = auth.roles('officer', 'admin');
/** Officers of the course's region, and the account of the provider that runs it (course-scope.ts). */
const keepers = auth.roles('officer', 'admin', 'training_provider');
const tags = ['training'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const idParams = z.object({ id: z.uuid() });

export const listCoursesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/courses',
  auth: keepers,
  summary: "The courses held in the officer's region, or those the caller's training provider runs",
  tags,
  schema: { querystring: CourseListQuerySchema, response: { 200: z.object({ items: z.array(CourseSchema) }) } },
});
export const createCourseRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/courses',
  auth: officers,
  summary: 'Plan a course in the region (audited)',
  tags,
  schema: { body: CourseInputSchema, response: { 201: CourseSchema, ...errors } },
});
export const patchCourseRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/training/courses/:id',
  auth: keepers,
  summary:
    "Change a course of the region (audited); a provider's account changes its own courses' title, skills, place, dates and seats",
  tags,
  schema: { params: idParams, body: CoursePatchSchema, response: { 200: CourseSchema, ...errors } },
});
export const listEnrolmentsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/courses/:id/enrolments',
  auth: keepers,
  summary:
    "Who was offered, enrolled, waits or completed a course (a provider's account sees its enrolees, not offers)",
  tags,
  schema: { params: idParams, response: { 200: z.object({ items: z.array(EnrolmentSchema) }), ...errors } },
});
export const enrolRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/courses/:id/enrolments',
  auth: officers,
  summary: 'Enrol a person of the region on their behalf (waiting list when full; audited)',
  tags,
  schema: { params: idParams, body: EnrolInputSchema, response: { 201: EnrolmentSchema, ...errors } },
});
export const patchEnrolmentRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/training/enrolments/:id',
  auth: keepers,
  summary: 'Attendance and completion; a pass with a certificate kind records the certificate (audited)',
  tags,
  schema: { params: idParams, body: EnrolmentPatchSchema, response: { 200: EnrolmentSchema, ...errors } },
});
export const withdrawRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/enrolments/:id/withdrawal',
  auth: officers,
  summary: 'Withdraw a person from a course; the first on the waiting list takes the seat (audited)',
  tags,
  schema: {
    params: idParams,
    response: { 200: z.object({ withdrawn: EnrolmentSchema, promoted: EnrolmentSchema.nullable() }), ...errors },
  },
});
export const runOffersRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/offers',
  auth: officers,
  summary: 'Offer upcoming courses to people whose training wishes they answer (idempotent)',
  tags,
  schema: { body: OffersInputSchema, response: { 200: OffersResultSchema, ...errors } },
});
