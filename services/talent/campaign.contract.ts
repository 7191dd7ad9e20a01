import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { pastDay } from '../platform/validation/dates.ts';
import { optional } from '../platform/validation/optional.ts';

const boolField = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());

/** A special recruitment campaign (专项招聘) of a township public institution in a key county. */
export const CampaignInputSchema = z.object({
  countyCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit county code'),
  year: z.coerce.number().int().min(2018, 'must be 2018 or later').max(2100),
  institution: z.string().trim().min(2, 'is required').max(100),
  title: z.string().trim().min(2, 'is required').max(100),
  posts: z.coerce.number().int().min(1, 'must be at least 1').max(1000),
  reservedPoor: z.coerce.number().int().min(0, 'must be 0 or more').max(1000).default(0),
});
export type CampaignInput = z.infer<typeof CampaignInputSchema>;

export const CampaignSchema = z
  .object({
    id: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
    year: z.number().int(),
    institution: z.string(),
    title: z.string(),
    posts: z.number().int(),
    reservedPoor: z.number().int(),
    recruited: z.number().int(),
    poorRecruited: z.number().int(),
    /** Recruits up to the posts, and poor-family recruits up to the reserve. */
    filled: z.number().int(),
    reservedFilled: z.number().int(),
  })
  .meta({ id: 'TalentCampaign' });
export type CampaignView = z.infer<typeof CampaignSchema>;

export const CampaignRecruitInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(50),
  idNumber: z.string().trim().min(1, 'is required').max(30),
  post: z.string().trim().min(1, 'is required').max(100),
  /** On a post reserved for local registered poor people: the registry must say so (poor family is never ticked). */
  reservedPost: boolField.default(false),
  recruitedOn: pastDay(),
});
export type CampaignRecruitInput = z.infer<typeof CampaignRecruitInputSchema>;

export const CampaignRecruitSchema = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    countyCode: z.string(),
    institution: z.string(),
    campaignTitle: z.string(),
    /** Masked (钟**): campaign lists are read by many; the ID number is masked too. */
    maskedName: z.string(),
    idNumberMasked: z.string(),
    post: z.string(),
    /** From the registry by ID number: a registered poor person, household in the campaign's county. */
    poorFamily: z.boolean(),
    localToCounty: z.boolean(),
    reservedPost: z.boolean(),
    recruitedOn: z.string(),
  })
  .meta({ id: 'TalentCampaignRecruit' });
export type CampaignRecruitView = z.infer<typeof CampaignRecruitSchema>;

export const CampaignQuerySchema = z.object({
  year: optional(z.coerce.number().int().min(2018).max(2100)),
  countyCode: optional(z.string().regex(/^\d{6}$/, 'must be a 6-digit county code')),
});
export type CampaignQuery = z.infer<typeof CampaignQuerySchema>;

const tags = ['talent'];
const officers = auth.roles('officer', 'admin');
const errors = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };

export const listCampaignsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/talent/campaigns',
  auth: officers,
  tags,
  summary: 'Special recruitment campaigns of township public institutions in the key counties of the officer’s region',
  schema: {
    querystring: CampaignQuerySchema,
    response: { 200: z.object({ items: z.array(CampaignSchema) }), ...commonErrors },
  },
});
export const createCampaignRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/talent/campaigns',
  auth: officers,
  tags,
  summary: 'Record a campaign in a key county of the officer’s region (400 when the county is not a key county)',
  schema: { body: CampaignInputSchema, response: { 201: CampaignSchema, ...errors } },
});
export const listCampaignRecruitsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/talent/campaigns/recruits',
  auth: officers,
  tags,
  summary: 'People recruited by the campaigns, and whether from a poor family (names and ID numbers masked)',
  schema: {
    querystring: CampaignQuerySchema,
    response: { 200: z.object({ items: z.array(CampaignRecruitSchema) }), ...commonErrors },
  },
});
export const createCampaignRecruitRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/talent/campaigns/:id/recruits',
  auth: officers,
  tags,
  summary:
    'Record a person recruited by a campaign: poor family and local from the registry by ID number; 400 on reservedPost when not a registered poor person of the county; 409 when its (reserved) posts are all filled or the person is on it',
  schema: {
    params: z.object({ id: z.uuid('must be an id') }),
    body: CampaignRecruitInputSchema,
    response: { 201: CampaignRecruitSchema, ...errors },
  },
});
