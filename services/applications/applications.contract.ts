import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { APPLICATION_STATUSES } from './application-states.ts';
import { ApplicationOrigin, PayBasis, Role, Sex } from '../platform/database/generated/enums.ts';

export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES);
const id = (what: string) => z.uuid(`must be ${what} id`);
/** 2025-06-01, 2025-06-01T14:30 (Beijing time) or any ISO date-time with an offset. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
  error: 'must be a date (2025-06-01) or a date-time (2025-06-01T14:30)',
});
const regionPrefix = z.string().regex(/^\d{2,12}$/, 'must be a region code prefix');

export const ApplicationCreateSchema = z.object({
  /** The person; a labourer may leave it out (or must send their own). */
  labourerId: id('a labourer').optional(),
  vacancyId: id('a vacancy'),
  note: z.string().trim().max(500).optional(),
});
export type ApplicationCreate = z.infer<typeof ApplicationCreateSchema>;

export const TransitionSchema = z.object({
  to: ApplicationStatusSchema,
  note: z.string().trim().max(500).optional(),
  interviewAt: moment.optional(),
  interviewPlace: z.string().trim().min(2).max(200).optional(),
  offeredWage: z.number().int().min(0).max(100_000).optional(),
  leftReason: z.string().trim().min(2).max(200).optional(),
  /** When a hire, start or leave happened, if not now (not in the future). */
  at: moment.optional(),
});
export type TransitionInput = z.infer<typeof TransitionSchema>;

const PersonSchema = z.object({
  /** In clear for the person and officers; masked (张**) for employers. */
  name: z.string(),
  /** Masked; null for employers, who never see it. */
  idNumberMasked: z.string().nullable(),
  sex: z.enum(Sex),
  age: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  skills: z.array(z.string()),
  expectedWage: z.number().nullable(),
});

const VacancyBriefSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  wageMin: z.number(),
  wageMax: z.number(),
  payBasis: z.enum(PayBasis),
});

export const ApplicationSchema = z
  .object({
    id: z.string(),
    status: ApplicationStatusSchema,
    origin: z.enum(ApplicationOrigin),
    labourerId: z.string(),
    labourer: PersonSchema,
    vacancy: VacancyBriefSchema,
    interviewAt: z.string().nullable(),
    interviewPlace: z.string().nullable(),
    offeredWage: z.number().nullable(),
    hiredAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    leftAt: z.string().nullable(),
    leftReason: z.string().nullable(),
    /** Left within three months of the start. */
    earlyLeave: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The steps the caller may take now. */
    next: z.array(ApplicationStatusSchema),
  })
  .meta({ id: 'Application' });
export type ApplicationView = z.infer<typeof ApplicationSchema>;

export const TransitionRecordSchema = z.object({
  fromStatus: ApplicationStatusSchema.nullable(),
  toStatus: ApplicationStatusSchema,
  at: z.string(),
  byRole: z.enum(Role).nullable(),
  /** The name of who took the step; employers see only the role. */
  byName: z.string().nullable(),
  note: z.string().nullable(),
});

export const ApplicationDetailSchema = ApplicationSchema.extend({ transitions: z.array(TransitionRecordSchema) }).meta({
  id: 'ApplicationDetail',
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export const ApplicationListQuerySchema = z.object({
  vacancyId: id('a vacancy').optional(),
  labourerId: id('a labourer').optional(),
  status: ApplicationStatusSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ApplicationListQuery = z.infer<typeof ApplicationListQuerySchema>;

const ApplicationListSchema = z.object({
  items: z.array(ApplicationSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const CandidateQuerySchema = z.object({
  vacancyId: id('a vacancy'),
  q: z.string().trim().max(60).optional(),
  skill: z
    .string()
    .regex(/^[A-Z0-9-]{1,40}$/, 'must be a skill code')
    .optional(),
  regionCode: regionPrefix.optional(),
  ageMin: z.coerce.number().int().min(16).max(80).optional(),
  ageMax: z.coerce.number().int().min(16).max(80).optional(),
  page: z.coerce.number().int().min(1).max(50).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type CandidateQuery = z.infer<typeof CandidateQuerySchema>;

/** A job seeker as an employer may see them: from the search index, with no personal data. */
export const CandidateSchema = z
  .object({
    labourerId: z.string(),
    maskedName: z.string(),
    sex: z.enum(Sex),
    age: z.number().int(),
    regionName: z.string(),
    skillNames: z.array(z.string()),
    desiredOccupationNames: z.array(z.string()),
    mobility: z.string(),
    expectedWage: z.number().nullable(),
    employmentStatus: z.string(),
    /** The status of this person's application to the vacancy, if they have one. */
    applicationStatus: ApplicationStatusSchema.nullable(),
  })
  .meta({ id: 'Candidate' });
export type Candidate = z.infer<typeof CandidateSchema>;

const RetentionFiguresSchema = z.object({
  hires: z.number(),
  stillInWork: z.number(),
  earlyLeaves: z.number(),
  decided: z.number(),
  retained: z.number(),
  retentionRate: z.number().nullable(),
});

export const RetentionSchema = RetentionFiguresSchema.extend({
  employerId: z.string(),
  employerName: z.string(),
  byVacancy: z.array(
    RetentionFiguresSchema.extend({
      vacancyId: z.string(),
      title: z.string(),
      status: z.string(),
      headcount: z.number(),
      applicants: z.number(),
    }),
  ),
}).meta({ id: 'Retention' });
export type Retention = z.infer<typeof RetentionSchema>;

const tags = ['applications'];
const anyRole = auth.roles('labourer', 'employer', 'officer', 'admin');
const IdParams = z.object({ id: id('an application') });
const notFound = { 404: ErrorResponseSchema };
const conflict = { 409: ErrorResponseSchema };

export const createApplicationRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/applications',
  auth: anyRole,
  summary:
    'Apply (a labourer for themselves, an officer on someone’s behalf) or invite (an employer): 409 for a duplicate',
  tags,
  schema: {
    body: ApplicationCreateSchema,
    response: { 201: ApplicationSchema, ...notFound, ...conflict, ...commonErrors },
  },
});

export const transitionRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/applications/:id/transitions',
  auth: anyRole,
  summary: 'Move an application to its next state; an illegal step is refused with 409',
  tags,
  schema: {
    params: IdParams,
    body: TransitionSchema,
    response: { 200: ApplicationDetailSchema, ...notFound, ...conflict, ...commonErrors },
  },
});

export const listApplicationsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/applications',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'Applications for a vacancy or a labourer, within the caller’s scope',
  tags,
  schema: { querystring: ApplicationListQuerySchema, response: { 200: ApplicationListSchema, ...commonErrors } },
});

export const myApplicationsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/applications/mine',
  auth: auth.roles('labourer'),
  summary: 'The signed-in labourer’s applications and invitations',
  tags,
  schema: { response: { 200: z.object({ items: z.array(ApplicationSchema) }), ...commonErrors } },
});

export const candidatesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/applications/candidates',
  auth: auth.roles('employer', 'admin'),
  summary: 'Job seekers to invite to a vacancy, from the labourer index, without personal data',
  tags,
  schema: {
    querystring: CandidateQuerySchema,
    response: {
      200: z.object({ items: z.array(CandidateSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...notFound,
      ...commonErrors,
    },
  },
});

export const retentionRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/applications/retention',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'An employer’s hires, people still in work, early leaves and three-month retention rate',
  tags,
  schema: {
    querystring: z.object({ employerId: id('an employer').optional() }),
    response: { 200: RetentionSchema, ...notFound, ...commonErrors },
  },
});

export const getApplicationRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/applications/:id',
  auth: anyRole,
  summary: 'One application with every transition, dated, with who took it',
  tags,
  schema: { params: IdParams, response: { 200: ApplicationDetailSchema, ...notFound, ...commonErrors } },
});
