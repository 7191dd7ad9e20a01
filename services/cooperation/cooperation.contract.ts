import { z } from 'zod';
import { LabourerCreateSchema } from '../labourers/index.ts';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { TrainingSchema } from '../training/index.ts';
import {
  AgreementInputSchema,
  AgreementListQuerySchema,
  AgreementPatchSchema,
  AgreementSchema,
  AgreementWithProgressSchema,
  ArrivalInputSchema,
  BatchInputSchema,
  BatchSchema,
  DueFollowUpSchema,
  FollowUpRecordSchema,
  FollowUpSchema,
  MemberInputSchema,
  PartnerLabourerQuerySchema,
  PartnerLabourerSchema,
  ProgressSchema,
  ReferralInputSchema,
  ReferralPatchSchema,
  ReferralSchema,
  StationInputSchema,
  StationSchema,
} from './cooperation-schemas.contract.ts';

const officers = auth.roles('officer', 'admin');
const tags = ['cooperation'];
const base = '/api/v1/cooperation';
const idParams = z.object({ id: z.uuid() });
const errors = { ...commonErrors, 404: ErrorResponseSchema };
const writeErrors = { ...errors, 409: ErrorResponseSchema };
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });

export const listAgreementsRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements`,
  auth: officers,
  summary: 'Cooperation agreements whose home side is in your region, with their progress',
  tags,
  schema: {
    querystring: AgreementListQuerySchema,
    response: { 200: items(AgreementWithProgressSchema), ...commonErrors },
  },
});
export const createAgreementRoute = defineRoute({
  method: 'POST',
  url: `${base}/agreements`,
  auth: officers,
  summary: 'Record an agreement between a city or county of your region and a partner area',
  tags,
  schema: { body: AgreementInputSchema, response: { 201: AgreementSchema, 409: ErrorResponseSchema, ...commonErrors } },
});
export const getAgreementRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id`,
  auth: officers,
  summary: 'One agreement',
  tags,
  schema: { params: idParams, response: { 200: AgreementSchema, ...errors } },
});
export const patchAgreementRoute = defineRoute({
  method: 'PATCH',
  url: `${base}/agreements/:id`,
  auth: officers,
  summary: "Change an agreement's contacts or targets",
  tags,
  schema: { params: idParams, body: AgreementPatchSchema, response: { 200: AgreementSchema, ...writeErrors } },
});
export const deleteAgreementRoute = defineRoute({
  method: 'DELETE',
  url: `${base}/agreements/:id`,
  auth: officers,
  summary: 'Delete an agreement that has no transfer batches yet',
  tags,
  schema: { params: idParams, response: { 204: z.null(), ...writeErrors } },
});
export const progressRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/progress`,
  auth: officers,
  summary:
    'Progress against the targets: fairs, transfers, household placements, trainings, still in work at 3 and 6 months',
  tags,
  schema: { params: idParams, response: { 200: ProgressSchema, ...errors } },
});
export const listStationsRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/stations`,
  auth: officers,
  summary: 'Labour-service stations in the partner area',
  tags,
  schema: { params: idParams, response: { 200: items(StationSchema), ...errors } },
});
export const createStationRoute = defineRoute({
  method: 'POST',
  url: `${base}/agreements/:id/stations`,
  auth: officers,
  summary: 'Add a labour-service station in the partner area',
  tags,
  schema: { params: idParams, body: StationInputSchema, response: { 201: StationSchema, ...errors } },
});
export const listPartnerLabourersRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/labourers`,
  auth: officers,
  summary: 'Labourers registered in the partner area (household=true: those wanting household-service work)',
  tags,
  schema: {
    params: idParams,
    querystring: PartnerLabourerQuerySchema,
    response: {
      200: z.object({
        items: z.array(PartnerLabourerSchema),
        total: z.number(),
        page: z.number(),
        pageSize: z.number(),
      }),
      ...errors,
    },
  },
});
export const registerPartnerLabourerRoute = defineRoute({
  method: 'POST',
  url: `${base}/agreements/:id/labourers`,
  auth: officers,
  summary: 'Register a partner-area labourer (same profile and rules as the registry)',
  tags,
  schema: {
    params: idParams,
    body: LabourerCreateSchema,
    response: { 201: z.object({ id: z.string() }), ...writeErrors },
  },
});
export const listBatchesRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/batches`,
  auth: officers,
  summary: "The agreement's organised transfers",
  tags,
  schema: { params: idParams, response: { 200: items(BatchSchema), ...errors } },
});
export const createBatchRoute = defineRoute({
  method: 'POST',
  url: `${base}/agreements/:id/batches`,
  auth: officers,
  summary: 'Plan an organised transfer (date, from, to, employers, escort, transport, travel subsidy)',
  tags,
  schema: { params: idParams, body: BatchInputSchema, response: { 201: BatchSchema, ...errors } },
});
export const getBatchRoute = defineRoute({
  method: 'GET',
  url: `${base}/batches/:id`,
  auth: officers,
  summary: 'A transfer batch with its members and their follow-ups',
  tags,
  schema: { params: idParams, response: { 200: BatchSchema, ...errors } },
});
export const addMemberRoute = defineRoute({
  method: 'POST',
  url: `${base}/batches/:id/members`,
  auth: officers,
  summary: 'Add a partner-area labourer to a planned batch',
  tags,
  schema: { params: idParams, body: MemberInputSchema, response: { 201: BatchSchema, ...writeErrors } },
});
export const departRoute = defineRoute({
  method: 'POST',
  url: `${base}/batches/:id/departure`,
  auth: officers,
  summary: 'Record the departure; each member is sent a transfer_departure notice',
  tags,
  schema: { params: idParams, response: { 200: BatchSchema, ...writeErrors } },
});
export const arrivalRoute = defineRoute({
  method: 'POST',
  url: `${base}/batches/:id/members/:memberId/arrival`,
  auth: officers,
  summary: "Confirm one member's arrival (opens follow-ups at 1, 3 and 6 months) or record a no-show",
  tags,
  schema: {
    params: z.object({ id: z.uuid(), memberId: z.uuid() }),
    body: ArrivalInputSchema,
    response: { 200: BatchSchema, ...writeErrors },
  },
});
export const dueFollowUpsRoute = defineRoute({
  method: 'GET',
  url: `${base}/follow-ups`,
  auth: officers,
  summary: 'Employment follow-ups due and not yet recorded, in your region',
  tags,
  schema: { response: { 200: items(DueFollowUpSchema), ...commonErrors } },
});
export const recordFollowUpRoute = defineRoute({
  method: 'POST',
  url: `${base}/follow-ups/:id`,
  auth: officers,
  summary: 'Record a follow-up: in work, changed job, or returned home (with the reason)',
  tags,
  schema: { params: idParams, body: FollowUpRecordSchema, response: { 200: FollowUpSchema, ...writeErrors } },
});
export const listReferralsRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/referrals`,
  auth: officers,
  summary: 'Household-service referrals of the agreement',
  tags,
  schema: { params: idParams, response: { 200: items(ReferralSchema), ...errors } },
});
export const createReferralRoute = defineRoute({
  method: 'POST',
  url: `${base}/agreements/:id/referrals`,
  auth: officers,
  summary: 'Refer a partner-area labourer to a household-service company',
  tags,
  schema: { params: idParams, body: ReferralInputSchema, response: { 201: ReferralSchema, ...writeErrors } },
});
export const patchReferralRoute = defineRoute({
  method: 'PATCH',
  url: `${base}/referrals/:id`,
  auth: officers,
  summary: 'Move a referral on (interviewing, placed, declined)',
  tags,
  schema: { params: idParams, body: ReferralPatchSchema, response: { 200: ReferralSchema, ...errors } },
});
export const householdRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/household`,
  auth: officers,
  summary: 'Household-service docking: willing partner-area labourers with trainings and referrals, and the companies',
  tags,
  schema: {
    params: idParams,
    response: {
      200: z.object({
        candidates: z.array(
          PartnerLabourerSchema.extend({ trainings: z.array(TrainingSchema), referrals: z.array(ReferralSchema) }),
        ),
        employers: z.array(z.object({ id: z.string(), name: z.string(), regionName: z.string() })),
      }),
      ...errors,
    },
  },
});
export const agreementTrainingsRoute = defineRoute({
  method: 'GET',
  url: `${base}/agreements/:id/trainings`,
  auth: officers,
  summary: 'Trainings counted towards the agreement',
  tags,
  schema: { params: idParams, response: { 200: items(TrainingSchema), ...errors } },
});
