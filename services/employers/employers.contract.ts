import { z } from 'zod';
import { isValidCreditCode } from '../platform/validation/credit-code.ts';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { EmployerKind } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

export const EMPLOYER_KINDS = enumValues(EmployerKind);

const regionCode = z.string().regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'must be a 6, 9 or 12 digit region code');

export const EmployerInputSchema = z.object({
  name: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  creditCode: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .refine((v) => v.length === 18, 'must be 18 characters')
    .refine(isValidCreditCode, 'is not a valid unified social credit code (check character or letters wrong)'),
  kind: z.enum(EMPLOYER_KINDS),
  regionCode,
  address: z.string().trim().min(2).max(200),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  contactName: z.string().trim().min(1, 'is required').max(40),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile number or a landline with area code'),
  description: z.string().trim().max(2000).nullable().optional(),
  employeeCount: z.number().int().min(0).max(1_000_000).nullable().optional(),
});
export type EmployerInput = z.infer<typeof EmployerInputSchema>;

export const EmployerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string(),
    kind: z.enum(EMPLOYER_KINDS),
    regionCode: z.string(),
    regionName: z.string(),
    address: z.string(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    contactName: z.string(),
    contactPhone: z.string(),
    description: z.string().nullable(),
    employeeCount: z.number().nullable(),
    verified: z.boolean(),
    verifiedAt: z.string().nullable(),
    verificationNote: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Employer' });
export type EmployerView = z.infer<typeof EmployerSchema>;

const IdParams = z.object({ id: z.uuid('must be an employer id') });
const tags = ['employers'];

export const EmployerListQuerySchema = z.object({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  verified: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  kind: z.enum(EMPLOYER_KINDS).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type EmployerListQuery = z.infer<typeof EmployerListQuerySchema>;

export const createEmployerRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/employers',
  auth: auth.roles('officer', 'admin', 'employer'),
  summary: 'Register an employer: an officer within their region, or an employer account for itself (unverified)',
  tags,
  schema: {
    body: EmployerInputSchema,
    response: { 201: z.object({ id: z.string() }), 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const listEmployersRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/employers',
  auth: auth.roles('officer', 'admin'),
  summary: 'Employers in the officer’s region, filtered',
  tags,
  schema: {
    querystring: EmployerListQuerySchema,
    response: {
      200: z.object({ items: z.array(EmployerSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});

export const getEmployerRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/employers/:id',
  auth: auth.roles('officer', 'admin', 'employer'),
  summary: 'One employer (officers in its region, or the employer itself)',
  tags,
  schema: { params: IdParams, response: { 200: EmployerSchema, 404: ErrorResponseSchema, ...commonErrors } },
});

export const patchEmployerRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/employers/:id',
  auth: auth.roles('officer', 'admin', 'employer'),
  summary: 'Change an employer’s details (a changed name or credit code needs verifying again)',
  tags,
  schema: {
    params: IdParams,
    body: EmployerInputSchema.partial().refine((v) => Object.keys(v).length > 0, 'send at least one field'),
    response: { 200: EmployerSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors },
  },
});

export const verifyEmployerRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/employers/:id/verify',
  auth: auth.roles('officer', 'admin'),
  summary: 'Verify an employer (its vacancies become public) or withdraw verification',
  tags,
  schema: {
    params: IdParams,
    body: z
      .object({ verified: z.boolean().default(true), note: z.string().trim().max(500).optional() })
      .default({ verified: true }),
    response: { 200: EmployerSchema, 404: ErrorResponseSchema, ...commonErrors },
  },
});
