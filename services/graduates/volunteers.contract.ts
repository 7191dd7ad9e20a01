import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';

/** A 就业红娘 volunteer's account as an officer creates it for their region. */
export const VolunteerInputSchema = z.object({
  displayName: z.string().trim().min(2, 'is required').max(40),
  // Not a mobile number: those name job seekers' accounts and are stored hashed.
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, 'must be 3–32 letters, digits, dots or dashes, starting with a letter'),
  password: z.string().min(8, 'must be at least 8 characters').max(128),
  regionCode: z.string().regex(/^\d{2,12}$/, 'must be a region code'),
});
export type VolunteerInput = z.infer<typeof VolunteerInputSchema>;

export const VolunteerSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    regionCode: z.string(),
    active: z.boolean(),
    openPairings: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Volunteer' });
export type Volunteer = z.infer<typeof VolunteerSchema>;

export const VolunteerStateSchema = z.object({ active: z.boolean() });

const officers = auth.roles('officer', 'admin');
const tags = ['matchmaker'];
const params = z.object({ id: z.uuid('must be an id') });
const errors = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };

export const volunteersListRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/matchmaker/volunteers',
  auth: officers,
  summary: '就业红娘 volunteers of the caller’s region, with their open pairings',
  tags,
  schema: { response: { 200: z.array(VolunteerSchema), ...commonErrors } },
});

export const volunteerCreateRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/matchmaker/volunteers',
  auth: officers,
  summary: 'Create a volunteer matchmaker account for a region within the caller’s',
  tags,
  schema: { body: VolunteerInputSchema, response: { 201: VolunteerSchema, ...errors } },
});

export const volunteerStateRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/matchmaker/volunteers/:id',
  auth: officers,
  summary: 'Stop a volunteer account (refused while it has open pairings) or allow it again',
  tags,
  schema: { params, body: VolunteerStateSchema, response: { 200: VolunteerSchema, ...errors } },
});
