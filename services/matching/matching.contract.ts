import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { Sex } from '../platform/database/generated/enums.ts';

export const ReasonSchema = z.object({
  code: z.string().meta({ description: 'Stable code of the feature that moved the match, e.g. skills_all' }),
  text: z.string().meta({ description: 'The reason in plain words, in the language asked for' }),
});

export const MatchSchema = z
  .object({
    vacancyId: z.string(),
    title: z.string(),
    employerName: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    wageMin: z.number().int(),
    wageMax: z.number().int(),
    distanceKm: z.number().nullable(),
    score: z.number().min(0).max(1),
    reasons: z.array(ReasonSchema),
  })
  .meta({ id: 'Match' });

export const CandidateSchema = z
  .object({
    labourerId: z.string(),
    name: z
      .string()
      .meta({ description: 'Masked (林**) unless the caller is an officer whose region covers the person' }),
    age: z.number().int(),
    sex: z.enum(Sex),
    regionCode: z.string().meta({ description: 'County code only, unless the name is shown' }),
    regionName: z.string(),
    expectedWage: z.number().int().nullable(),
    distanceKm: z.number().nullable(),
    score: z.number().min(0).max(1),
    reasons: z.array(ReasonSchema),
  })
  .meta({ id: 'MatchCandidate' });

export const FeedbackSchema = z.object({
  labourerId: z.string(),
  vacancyId: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

const lang = z.enum(['zh-CN', 'en']).default('zh-CN').meta({ description: 'Language of the reasons' });
export const MatchQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10), lang });
export const CandidateQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), lang });
export const FeedbackBodySchema = z.object({
  vacancyId: z.uuid('must be a vacancy id'),
  reason: z.string().trim().max(200).optional(),
});

export type Match = z.infer<typeof MatchSchema>;
export type Candidate = z.infer<typeof CandidateSchema>;
export type MatchQuery = z.infer<typeof MatchQuerySchema>;
export type FeedbackBody = z.infer<typeof FeedbackBodySchema>;

const tags = ['matching'];
const notFound = { 404: ErrorResponseSchema };
const unavailable = { 503: ErrorResponseSchema };
const LabourerParams = z.object({ id: z.uuid('must be a labourer id') });

export const labourerMatchesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/labourers/:id/matches',
  auth: auth.roles('labourer', 'officer', 'admin'),
  summary: 'The jobs that suit a person best, with reasons (the person, officers of their region, admins)',
  tags,
  schema: {
    params: LabourerParams,
    querystring: MatchQuerySchema,
    response: { 200: z.object({ items: z.array(MatchSchema) }), ...notFound, ...unavailable, ...commonErrors },
  },
});

export const vacancyCandidatesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/vacancies/:id/candidates',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'The people who suit a vacancy best, with reasons; personal data stripped for employers',
  tags,
  schema: {
    params: z.object({ id: z.uuid('must be a vacancy id') }),
    querystring: CandidateQuerySchema,
    response: { 200: z.object({ items: z.array(CandidateSchema) }), ...notFound, ...unavailable, ...commonErrors },
  },
});

export const feedbackRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/labourers/:id/feedback',
  auth: auth.roles('labourer', 'officer', 'admin'),
  summary: '"Not interested" in a job: it sinks to the end of the person’s matches',
  tags,
  schema: {
    params: LabourerParams,
    body: FeedbackBodySchema,
    response: { 201: FeedbackSchema, ...notFound, ...commonErrors },
  },
});

export const deleteFeedbackRoute = defineRoute({
  method: 'DELETE',
  url: '/api/v1/labourers/:id/feedback/:vacancyId',
  auth: auth.roles('labourer', 'officer', 'admin'),
  summary: 'Take back a "not interested"',
  tags,
  schema: {
    params: LabourerParams.extend({ vacancyId: z.uuid('must be a vacancy id') }),
    response: { 204: z.null(), ...notFound, ...commonErrors },
  },
});
