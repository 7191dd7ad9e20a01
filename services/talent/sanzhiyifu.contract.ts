import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { pastDay } from '../platform/validation/dates.ts';
import { SZYF_OUTCOMES, SZYF_STATES } from './sanzhiyifu-states.ts';
import { optional } from '../platform/validation/optional.ts';

/** Kinds of 三支一扶 posts (支农、支教、支医、扶贫、水利…). */
export const POST_KINDS = [
  'agriculture',
  'education',
  'health',
  'poverty_alleviation',
  'water',
  'youth',
  'other',
] as const;

const county = z.string().regex(/^\d{6}$/, 'must be a 6-digit county code');

export const PlanInputSchema = z.object({
  year: z.coerce.number().int().min(2018, 'must be 2018 or later').max(2100, 'must be 2100 or earlier'),
  targetTotal: z.coerce.number().int().min(1, 'must be at least 1').max(100_000),
  targetKeyCounty: z.coerce.number().int().min(0, 'must be 0 or more').max(100_000),
  note: optional(z.string().trim().max(500)),
});
export type PlanInput = z.infer<typeof PlanInputSchema>;

export const PlanSchema = z
  .object({
    id: z.string(),
    year: z.number().int(),
    targetTotal: z.number().int(),
    targetKeyCounty: z.number().int(),
    note: z.string().nullable(),
    posts: z.number().int(),
  })
  .meta({ id: 'SanzhiyifuPlan' });

export const PostInputSchema = z.object({
  planId: z.uuid('must be a plan id'),
  countyCode: county,
  kind: z.enum(POST_KINDS),
  title: z.string().trim().min(1, 'is required').max(100),
  count: z.coerce.number().int().min(1, 'must be at least 1').max(1000),
});
export type PostInput = z.infer<typeof PostInputSchema>;

export const PostSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    year: z.number().int(),
    countyCode: z.string(),
    countyName: z.string(),
    keyCounty: z.boolean(),
    kind: z.enum(POST_KINDS),
    title: z.string(),
    count: z.number().int(),
    placed: z.number().int(),
  })
  .meta({ id: 'SanzhiyifuPost' });

export const ParticipantInputSchema = z.object({
  planId: z.uuid('must be a plan id'),
  name: z.string().trim().min(1, 'is required').max(50),
  idNumber: z.string().trim().min(1, 'is required').max(30),
  homeRegionCode: z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a county, township or village code'),
  school: optional(z.string().trim().max(100)),
  major: optional(z.string().trim().max(100)),
  appliedOn: pastDay(),
});
export type ParticipantInput = z.infer<typeof ParticipantInputSchema>;

export const ParticipantSchema = z
  .object({
    id: z.string(),
    planId: z.string(),
    year: z.number().int(),
    name: z.string(),
    idNumberMasked: z.string(),
    school: z.string().nullable(),
    major: z.string().nullable(),
    homeRegionCode: z.string(),
    state: z.enum(SZYF_STATES),
    stateOn: z.string(),
    postId: z.string().nullable(),
    postTitle: z.string().nullable(),
    countyCode: z.string().nullable(),
    outcome: z.enum(SZYF_OUTCOMES).nullable(),
    trainings: z.number().int(),
    /** The two-year service: begun on placement, due to end two years later (completion refused before). */
    serviceStartOn: z.string().nullable(),
    serviceDueOn: z.string().nullable(),
  })
  .meta({ id: 'SanzhiyifuParticipant' });
export type ParticipantView = z.infer<typeof ParticipantSchema>;

export const TransitionInputSchema = z.object({
  to: z.enum(SZYF_STATES),
  on: pastDay(),
  postId: optional(z.uuid('must be a post id')),
  outcome: optional(z.enum(SZYF_OUTCOMES)),
  note: optional(z.string().trim().max(500)),
});
export type TransitionInput = z.infer<typeof TransitionInputSchema>;

export const TransitionSchema = z.object({
  fromState: z.string(),
  toState: z.string(),
  on: z.string(),
  byUserId: z.string(),
  note: z.string().nullable(),
});

export const TrainingInputSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(100),
  attendedOn: pastDay(),
  hours: optional(z.coerce.number().int().min(1).max(1000)),
});

export const ParticipantDetailSchema = ParticipantSchema.extend({
  transitions: z.array(TransitionSchema),
  trainingList: z.array(
    z.object({ id: z.string(), title: z.string(), attendedOn: z.string(), hours: z.number().nullable() }),
  ),
  next: z.array(z.enum(SZYF_STATES)),
}).meta({ id: 'SanzhiyifuParticipantDetail' });

export const ListQuerySchema = z.object({
  planId: optional(z.uuid('must be a plan id')),
  state: optional(z.enum(SZYF_STATES)),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

const tags = ['sanzhiyifu'];
const officers = auth.roles('officer', 'admin');
const idParam = z.object({ id: z.uuid('must be an id') });
const list = <T extends z.ZodType>(item: T) => ({ 200: z.object({ items: z.array(item) }), ...commonErrors });
const created = <T extends z.ZodType>(item: T) => ({
  201: item,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
  ...commonErrors,
});

export const listPlansRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/sanzhiyifu/plans',
  auth: officers,
  tags,
  summary: 'The yearly 三支一扶 recruitment plans',
  schema: { response: list(PlanSchema) },
});
export const createPlanRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/sanzhiyifu/plans',
  auth: officers,
  tags,
  summary: 'Create a year’s plan (province officers; 409 when the year has one)',
  schema: { body: PlanInputSchema, response: created(PlanSchema) },
});
export const listPostsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/sanzhiyifu/posts',
  auth: officers,
  tags,
  summary: 'Posts by county and kind in the officer’s region',
  schema: { querystring: ListQuerySchema.pick({ planId: true }), response: list(PostSchema) },
});
export const createPostRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/sanzhiyifu/posts',
  auth: officers,
  tags,
  summary: 'Add posts of a plan in a county (province officers)',
  schema: { body: PostInputSchema, response: created(PostSchema) },
});
export const listParticipantsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/sanzhiyifu/participants',
  auth: officers,
  tags,
  summary: 'Participants in the officer’s region (ID numbers masked)',
  schema: { querystring: ListQuerySchema, response: list(ParticipantSchema) },
});
export const createParticipantRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/sanzhiyifu/participants',
  auth: officers,
  tags,
  summary: 'Record an application (409 when the person already applied to the plan)',
  schema: { body: ParticipantInputSchema, response: created(ParticipantSchema) },
});
export const participantRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/sanzhiyifu/participants/:id',
  auth: officers,
  tags,
  summary: 'One participant with their dated, signed steps and trainings',
  schema: { params: idParam, response: { 200: ParticipantDetailSchema, 404: ErrorResponseSchema, ...commonErrors } },
});
export const transitionRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/sanzhiyifu/participants/:id/transitions',
  auth: officers,
  tags,
  summary:
    'Take the next step (select, place on a post with a free place: 409 post_full, start service, complete with an outcome once the two-year service is over: 409 service_not_over, withdraw)',
  schema: { params: idParam, body: TransitionInputSchema, response: created(ParticipantDetailSchema) },
});
export const trainingRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/sanzhiyifu/participants/:id/trainings',
  auth: officers,
  tags,
  summary: 'Record a 能力提升示范培训 the participant attended',
  schema: { params: idParam, body: TrainingInputSchema, response: created(ParticipantDetailSchema) },
});
