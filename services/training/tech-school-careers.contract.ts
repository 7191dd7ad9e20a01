import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { PlaceSchema } from './tech-schools.contract.ts';
import { optional } from '../platform/validation/optional.ts';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
/** A calendar day; one issue per field, whether the shape or the date is wrong. */
const day = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), 'must be a date like 2026-09-01');

/**
 * An internship (实习) of an enrolled student: an employer of the platform (employerId, of the officer's
 * region) or, when the employer is not on the platform, its name in employerName.
 */
export const InternshipInputSchema = z.object({
  employerId: optional(z.uuid('must be an employer of the platform')),
  employerName: optional(text(80)),
  post: text(60),
  startOn: day,
  endOn: day,
});
export type InternshipInput = z.infer<typeof InternshipInputSchema>;

export const InternshipSchema = z
  .object({
    id: z.string(),
    placeId: z.string(),
    employerId: z.string().nullable(),
    employerName: z.string(),
    post: z.string(),
    startOn: z.string(),
    endOn: z.string(),
    recordedOn: z.string(),
  })
  .meta({ id: 'TechSchoolInternship' });
export type InternshipView = z.infer<typeof InternshipSchema>;

/**
 * Graduation (毕业) of an enrolled student, with the job they were placed in (推荐就业) when they have
 * one: employer (of the platform, or by name), job title, start date and, for a platform employer,
 * optionally the vacancy filled. A graduate without a job yet can have it recorded later by the same
 * call (graduatedOn is then ignored).
 */
export const GraduationInputSchema = z.object({
  graduatedOn: day,
  employerId: optional(z.uuid('must be an employer of the platform')),
  employerName: optional(text(80)),
  vacancyId: optional(z.uuid('must be a vacancy of the employer')),
  jobTitle: optional(text(60)),
  startOn: optional(day),
});
export type GraduationInput = z.infer<typeof GraduationInputSchema>;

export const PlacementSchema = z
  .object({
    id: z.string(),
    placeId: z.string(),
    employerId: z.string().nullable(),
    employerName: z.string(),
    vacancyId: z.string().nullable(),
    jobTitle: z.string(),
    startOn: z.string(),
    recordedOn: z.string(),
  })
  .meta({ id: 'TechSchoolPlacement' });
export type PlacementView = z.infer<typeof PlacementSchema>;

export const GraduationSchema = z
  .object({ student: PlaceSchema, placement: PlacementSchema.nullable() })
  .meta({ id: 'TechSchoolGraduation' });

const keepers = auth.roles('officer', 'admin');
const tags = ['technical-schools'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const studentId = z.object({ id: z.uuid('must be a student (a place) id') });

export const listInternshipsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/technical-schools/students/:id/internships',
  auth: keepers,
  summary: 'The internships (实习) recorded for a student',
  tags,
  schema: { params: studentId, response: { 200: z.object({ items: z.array(InternshipSchema) }), ...errors } },
});
export const recordInternshipRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/technical-schools/students/:id/internships',
  auth: keepers,
  summary:
    'Record an internship of an enrolled student: a platform employer of the region or a named one, post, dates (audited)',
  tags,
  schema: { params: studentId, body: InternshipInputSchema, response: { 201: InternshipSchema, ...errors } },
});
export const graduateRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/technical-schools/students/:id/graduation',
  auth: keepers,
  summary:
    'Graduate an enrolled student (毕业), with the job placed in when there is one; or record a graduate’s job later (audited; 409 when already placed)',
  tags,
  schema: { params: studentId, body: GraduationInputSchema, response: { 200: GraduationSchema, ...errors } },
});
