import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { SubsidyClaimStatus } from '../platform/database/generated/enums.ts';
import { CERTIFICATE_LEVELS } from '../subsidies/index.ts';
import { CLAIM_PROGRAMMES } from './claim-kinds.ts';

export const TrainingClaimInputSchema = z.object({
  enrolmentId: z.uuid('must be an enrolment id'),
  /** training: 职业培训补贴; appraisal: 职业技能鉴定补贴. */
  programme: z.enum(CLAIM_PROGRAMMES, 'must be training or appraisal'),
});

export const TrainingClaimSchema = z
  .object({
    enrolmentId: z.string(),
    labourerId: z.string(),
    certificateId: z.string(),
    programme: z.enum(CLAIM_PROGRAMMES),
    claimId: z.string(),
    status: z.enum(SubsidyClaimStatus),
    amount: z.number().int(),
    /** The certificate's level the claim was priced at (null: none recorded), and whether the region set an amount for it. */
    level: z.enum(CERTIFICATE_LEVELS).nullable(),
    levelPriced: z.boolean(),
  })
  .meta({ id: 'TrainingClaim' });
export type TrainingClaimView = z.infer<typeof TrainingClaimSchema>;

const keepers = auth.roles('officer', 'admin');
// The account of the training provider that runs the course sees its trainees' claims; officers make them.
const readers = auth.roles('officer', 'admin', 'training_provider');
const tags = ['training'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

export const createTrainingClaimRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/training/claims',
  auth: keepers,
  summary:
    'Claim the training or appraisal subsidy on the certificate a person earned on a course (the claim engine checks it; one claim per certificate and programme)',
  tags,
  schema: { body: TrainingClaimInputSchema, response: { 201: TrainingClaimSchema, ...errors } },
});

export const listTrainingClaimsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/claims',
  auth: readers,
  summary: "The subsidy claims on the certificates of a course's people, with where each stands",
  tags,
  schema: {
    querystring: z.object({ courseId: z.uuid('must be a course id') }),
    response: { 200: z.object({ items: z.array(TrainingClaimSchema) }), ...errors },
  },
});
