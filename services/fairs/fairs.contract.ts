import { z } from 'zod';
import { queryList } from '../platform/http/query-string.ts';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import {
  ApplyBodySchema,
  AttachBodySchema,
  BulkCheckInBodySchema,
  CheckInBodySchema,
  CheckInResultSchema,
  DecisionBodySchema,
  FairInputSchema,
  FairListQuerySchema,
  FairListSchema,
  FairPatchSchema,
  FairSchema,
  FairStatusSchema,
  id,
  InteractionBodySchema,
  InteractionSchema,
  ParticipationSchema,
  PublicFairSchema,
  RegisterBodySchema,
  RegistrationListSchema,
  RegistrationPatchSchema,
  RegistrationQuerySchema,
  RegistrationSchema,
  ResultsSchema,
  SlipSchema,
  WalkInBodySchema,
} from './fairs-schemas.contract.ts';

export * from './fairs-schemas.contract.ts';

const TAGS = ['fairs'];
const fairParams = z.object({ id: id('a fair') });
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const officer = auth.roles('officer', 'admin');

export const calendarRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/calendar',
  auth: auth.public,
  summary: 'Upcoming fairs (public calendar)',
  tags: TAGS,
  schema: {
    querystring: z.object({
      region: z
        .string()
        .regex(/^\d{2,12}$/)
        .optional(),
    }),
    response: { 200: FairListSchema, 400: ErrorResponseSchema },
  },
});
export const publicFairRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id/public',
  auth: auth.public,
  summary: 'A fair with its approved employers and their jobs',
  tags: TAGS,
  schema: {
    params: fairParams,
    response: { 200: PublicFairSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
  },
});
export const listFairsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs',
  auth: officer,
  summary: "Fairs of the officer's region",
  tags: TAGS,
  schema: { querystring: FairListQuerySchema, response: { 200: FairListSchema, ...commonErrors } },
});
export const createFairRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs',
  auth: officer,
  summary: 'Plan a fair',
  tags: TAGS,
  schema: { body: FairInputSchema, response: { 201: FairSchema, ...errors } },
});
export const getFairRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id',
  auth: officer,
  summary: 'One fair',
  tags: TAGS,
  schema: { params: fairParams, response: { 200: FairSchema, ...errors } },
});
export const patchFairRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/fairs/:id',
  auth: officer,
  summary: 'Edit a fair before it is held',
  tags: TAGS,
  schema: { params: fairParams, body: FairPatchSchema, response: { 200: FairSchema, ...errors } },
});
export const stateRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/state',
  auth: officer,
  summary: 'Move a fair: registration, ongoing, closed or cancelled (illegal moves are 409)',
  tags: TAGS,
  schema: { params: fairParams, body: z.object({ to: FairStatusSchema }), response: { 200: FairSchema, ...errors } },
});
export const applyRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/employers',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'An employer applies to take part, with vacancies',
  tags: TAGS,
  schema: { params: fairParams, body: ApplyBodySchema, response: { 201: ParticipationSchema, ...errors } },
});
export const listEmployersRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id/employers',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'Participating employers (an employer sees only its own)',
  tags: TAGS,
  schema: { params: fairParams, response: { 200: z.object({ items: z.array(ParticipationSchema) }), ...errors } },
});
export const decideRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/employers/:employerId/decision',
  auth: officer,
  summary: 'Approve (with a booth) or reject an employer',
  tags: TAGS,
  schema: {
    params: z.object({ id: id('a fair'), employerId: id('an employer') }),
    body: DecisionBodySchema,
    response: { 200: ParticipationSchema, ...errors },
  },
});
export const attachRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/vacancies',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'Attach open vacancies of a taking-part employer (employers: their own)',
  tags: TAGS,
  schema: { params: fairParams, body: AttachBodySchema, response: { 200: ParticipationSchema, ...errors } },
});
export const registerRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/registrations',
  auth: auth.roles('labourer', 'officer', 'admin'),
  summary: 'Register a person (themself, or by an officer)',
  tags: TAGS,
  schema: { params: fairParams, body: RegisterBodySchema, response: { 201: RegistrationSchema, ...errors } },
});
export const listRegistrationsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id/registrations',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'Registrations with filters (employers of the fair see names masked)',
  tags: TAGS,
  schema: {
    params: fairParams,
    querystring: RegistrationQuerySchema,
    response: { 200: RegistrationListSchema, ...errors },
  },
});
export const patchRegistrationRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/fairs/:id/registrations/:registrationId',
  auth: auth.roles('labourer', 'officer', 'admin'),
  summary: 'Set the "I will attend" mark',
  tags: TAGS,
  schema: {
    params: z.object({ id: id('a fair'), registrationId: id('a registration') }),
    body: RegistrationPatchSchema,
    response: { 200: RegistrationSchema, ...errors },
  },
});
export const slipRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id/registrations/:registrationId/slip',
  auth: auth.roles('labourer', 'officer', 'admin'),
  summary: "The person's ranked list of the fair's vacancies",
  tags: TAGS,
  schema: {
    params: z.object({ id: id('a fair'), registrationId: id('a registration') }),
    querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    response: { 200: SlipSchema, ...errors },
  },
});
export const inviteRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/invitations',
  auth: officer,
  summary: "Invite people whose matches include the fair's vacancies",
  tags: TAGS,
  schema: {
    params: fairParams,
    body: z.object({ perVacancy: z.number().int().min(1).max(200).default(50) }),
    response: { 200: z.object({ invited: z.number(), alreadyInvited: z.number() }), ...errors },
  },
});
export const checkInRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/check-ins',
  auth: officer,
  summary: 'Check a person in by the code on their ticket',
  tags: TAGS,
  schema: { params: fairParams, body: CheckInBodySchema, response: { 200: CheckInResultSchema, ...errors } },
});
export const bulkCheckInRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/check-ins/bulk',
  auth: officer,
  summary: 'Check in several registrations at once',
  tags: TAGS,
  schema: {
    params: fairParams,
    body: BulkCheckInBodySchema,
    response: { 200: z.object({ checkedIn: z.number(), already: z.number() }), ...errors },
  },
});
export const walkInRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/walk-ins',
  auth: officer,
  summary: 'Register and check in a registry person who came without registering',
  tags: TAGS,
  schema: { params: fairParams, body: WalkInBodySchema, response: { 201: CheckInResultSchema, ...errors } },
});
export const interactionRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/fairs/:id/interactions',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'Record an interview, intention or offer against an attendee',
  tags: TAGS,
  schema: { params: fairParams, body: InteractionBodySchema, response: { 201: InteractionSchema, ...errors } },
});
export const listInteractionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id/interactions',
  auth: auth.roles('employer', 'officer', 'admin'),
  summary: 'Interactions recorded (an employer sees only its own)',
  tags: TAGS,
  schema: { params: fairParams, response: { 200: z.object({ items: z.array(InteractionSchema) }), ...errors } },
});
export const resultsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/:id/results',
  auth: officer,
  summary: 'Results by county and target group',
  tags: TAGS,
  schema: { params: fairParams, response: { 200: ResultsSchema, ...errors } },
});
export const compareRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/fairs/compare',
  auth: officer,
  summary: 'Results of several fairs side by side',
  tags: TAGS,
  schema: {
    querystring: z.object({
      ids: queryList(id('a fair')).pipe(z.array(z.string()).min(2).max(6)),
    }),
    response: { 200: z.object({ items: z.array(ResultsSchema) }), ...errors },
  },
});
