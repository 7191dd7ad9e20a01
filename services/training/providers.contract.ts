import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { PROVIDER_KINDS } from './courses.contract.ts';

/** A provider account's sign-in: not a mobile number (those name job seekers' accounts, stored hashed). */
export const ProviderAccountInputSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9._-]{2,31}$/, 'must be 3–32 letters, digits, dots or dashes, starting with a letter'),
  password: z.string().min(8, 'must be at least 8 characters').max(128),
  /** The name the account signs its work with; the provider's name when left out. */
  displayName: z.string().trim().min(2).max(40).optional(),
});
export type ProviderAccountInput = z.infer<typeof ProviderAccountInputSchema>;

/** A training provider (培训机构) as an officer records it for their region, with its first account if given. */
export const ProviderInputSchema = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  kind: z.enum(PROVIDER_KINDS),
  /** A county, township or village inside the officer's region: its courses are held within it. */
  regionCode: z
    .string()
    .trim()
    .regex(/^\d{6,12}$/, 'must be a county, township or village code'),
  contactName: z.string().trim().min(1, 'is required').max(40),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile number or a landline with area code'),
  account: ProviderAccountInputSchema.optional(),
});
export type ProviderInput = z.infer<typeof ProviderInputSchema>;

export const ProviderSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(PROVIDER_KINDS),
    regionCode: z.string(),
    regionName: z.string(),
    contactName: z.string(),
    contactPhone: z.string(),
    /** Usernames of its accounts (stopped ones included). */
    accounts: z.array(z.string()),
    courses: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'TrainingProvider' });
export type ProviderView = z.infer<typeof ProviderSchema>;

const officers = auth.roles('officer', 'admin');
const tags = ['training'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const idParams = z.object({ id: z.uuid('must be a provider id') });

export const listProvidersRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/providers',
  auth: officers,
  summary: "Training providers of the officer's region, with their accounts and courses",
  tags,
  schema: { response: { 200: z.object({ items: z.array(ProviderSchema) }), ...commonErrors } },
});
export const createProviderRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/providers',
  auth: officers,
  summary: 'Record a training provider of the region, with its first account when given (audited)',
  tags,
  schema: { body: ProviderInputSchema, response: { 201: ProviderSchema, ...errors } },
});
export const createProviderAccountRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/providers/:id/accounts',
  auth: officers,
  summary: "Open another account for a provider of the region: it sees and runs only the provider's courses (audited)",
  tags,
  schema: { params: idParams, body: ProviderAccountInputSchema, response: { 201: ProviderSchema, ...errors } },
});
