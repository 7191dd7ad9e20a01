import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { ClaimSchema } from './claims.contract.ts';

/** The programmes a claimant may claim by themselves (plan §2(1), §5(4)). */
export const EMPLOYER_PROGRAMMES = ['hiring', 'workshop_award'] as const;
export const PERSON_PROGRAMMES = ['startup_support', 'graduate_job_seeking'] as const;
export const SELF_PROGRAMMES = [...EMPLOYER_PROGRAMMES, ...PERSON_PROGRAMMES] as const;
export type SelfProgramme = (typeof SELF_PROGRAMMES)[number];

const evidence = z.record(z.string().max(40), z.string().trim().max(200)).default({});

/** A claimant's own claim: the programme, the hire for an employer's, evidence, and whether to submit now. */
export const SelfClaimCreateSchema = z.object({
  programmeCode: z.enum(SELF_PROGRAMMES, 'choose a programme'),
  applicationId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('choose a hire').optional()),
  evidence,
  submit: z.boolean().default(false),
});
export type SelfClaimCreate = z.infer<typeof SelfClaimCreateSchema>;

/** The employer's form: its programme and one of its own hires, both required. */
export const EmployerClaimFormSchema = SelfClaimCreateSchema.extend({
  programmeCode: z.enum(EMPLOYER_PROGRAMMES, 'choose a programme'),
  applicationId: z.uuid('choose a hire'),
});
/** The person's form: one of the person's programmes. */
export const PersonClaimFormSchema = SelfClaimCreateSchema.extend({
  programmeCode: z.enum(PERSON_PROGRAMMES, 'choose a programme'),
});

export const SelfProgrammeSchema = z.object({
  code: z.enum(SELF_PROGRAMMES),
  name: z.string(),
  nameEn: z.string(),
  evidence: z.array(z.string()),
  /** The amount the claimant's region pays (the rule in force there), when a rule applies. */
  amount: z.number().int().nullable(),
});

export const SelfHireSchema = z.object({
  applicationId: z.string(),
  personName: z.string().meta({ description: 'masked' }),
  title: z.string(),
  startedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  /** Programmes claimed on this hire already. */
  claimed: z.array(z.string()),
});

export const SelfOptionsSchema = z
  .object({
    claimant: z.enum(['employer', 'person']),
    linked: z.boolean().meta({ description: 'the account is linked to an employer or a registered person' }),
    programmes: z.array(SelfProgrammeSchema),
    hires: z.array(SelfHireSchema),
    business: z.object({ name: z.string(), registeredOn: z.string(), returningMigrant: z.boolean() }).nullable(),
    graduationYear: z.number().int().nullable(),
  })
  .meta({ id: 'SubsidySelfOptions' });
export type SelfOptions = z.infer<typeof SelfOptionsSchema>;

export const SelfListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

const claimants = auth.roles('employer', 'labourer');
const tags = ['subsidy-claims'];
const id = z.object({ id: z.uuid('must be a claim id') });
const refusals = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };

export const selfOptionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-claims/mine/options',
  auth: claimants,
  tags,
  summary: 'What the signed-in employer or person may claim: programmes, their own hires or business',
  schema: { response: { 200: SelfOptionsSchema, ...commonErrors } },
});
export const selfListRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-claims/mine',
  auth: claimants,
  tags,
  summary: 'The signed-in employer’s or person’s own claims, newest first',
  schema: {
    querystring: SelfListQuerySchema,
    response: {
      200: z.object({ items: z.array(ClaimSchema), total: z.number(), page: z.number(), pageSize: z.number() }),
      ...commonErrors,
    },
  },
});
export const selfCreateRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-claims/mine',
  auth: claimants,
  tags,
  summary: 'Claim for oneself (a draft, or submitted with `submit`); 409 for a duplicate or failed checks',
  schema: { body: SelfClaimCreateSchema, response: { 201: ClaimSchema, ...refusals } },
});
export const selfGetRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/subsidy-claims/mine/:id',
  auth: claimants,
  tags,
  summary: 'One of one’s own claims with its checks and every step (404 for anyone else’s)',
  schema: { params: id, response: { 200: ClaimSchema, 404: ErrorResponseSchema, ...commonErrors } },
});
export const selfSubmitRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-claims/mine/:id/submission',
  auth: claimants,
  tags,
  summary: 'Submit one’s own draft',
  schema: { params: id, response: { 200: ClaimSchema, ...refusals } },
});
export const selfWithdrawRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/subsidy-claims/mine/:id/withdrawal',
  auth: claimants,
  tags,
  summary: 'Withdraw one’s own draft (it is removed; the audit record stays); 409 once submitted',
  schema: { params: id, response: { 200: z.object({ id: z.string(), withdrawn: z.literal(true) }), ...refusals } },
});
