import { z } from 'zod';
import { FollowUpState, ReferralStatus, Sex, TransferStatus } from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';

const prefix = z.string().regex(/^\d{4}(\d{2})?$/, 'must be a city (4 digits) or county (6 digits) region code');
const place = z.string().regex(/^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/, 'must be a region code');
const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile number or a landline with area code');
const person = z.string().trim().min(2, 'must be at least 2 characters').max(30);
const count = z.number().int().min(0).max(1_000_000);
const optionalText = (max: number) => z.string().trim().max(max).optional();
export const day = z.iso.date('must be a date like 2025-06-01');
export const FOLLOW_UP_STATES = enumValues(FollowUpState);
export const REFERRAL_STATUSES = enumValues(ReferralStatus);
export const BATCH_STATUSES = enumValues(TransferStatus);

const agreementFields = {
  homeRegionCode: prefix,
  partnerRegionCode: prefix,
  year: z.number().int().min(2016).max(2100),
  title: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  homeContactName: person,
  homeContactPhone: phone,
  partnerContactName: person,
  partnerContactPhone: phone,
  targetFairs: count,
  targetTransfers: count,
  targetHouseholdPlacements: count,
  targetTrainings: count,
  note: optionalText(1000),
};
export const AgreementInputSchema = z.object({
  ...agreementFields,
  targetFairs: count.default(0),
  targetTransfers: count.default(0),
  targetHouseholdPlacements: count.default(0),
  targetTrainings: count.default(0),
});
export type AgreementInput = z.infer<typeof AgreementInputSchema>;
// No defaults here: a patch changes only what it names.
export const AgreementPatchSchema = z.object(agreementFields).partial();
export type AgreementPatch = z.infer<typeof AgreementPatchSchema>;

const MeasureSchema = z.object({ actual: z.number(), target: z.number(), share: z.number().nullable() });
const RetentionSchema = z.object({
  month: z.number(),
  due: z.number(),
  inWork: z.number(),
  changedJob: z.number(),
  returnedHome: z.number(),
  unrecorded: z.number(),
  notYetDue: z.number(),
  share: z.number().nullable(),
});
export const ProgressSchema = z
  .object({
    fairs: MeasureSchema,
    transfers: MeasureSchema,
    householdPlacements: MeasureSchema,
    trainings: MeasureSchema,
    retention: z.array(RetentionSchema),
  })
  .meta({ id: 'CooperationProgress' });

export const AgreementSchema = z
  .object({
    id: z.string(),
    homeRegionCode: z.string(),
    homeRegionName: z.string(),
    partnerRegionCode: z.string(),
    partnerRegionName: z.string(),
    year: z.number(),
    title: z.string(),
    homeContactName: z.string(),
    homeContactPhone: z.string(),
    partnerContactName: z.string(),
    partnerContactPhone: z.string(),
    targetFairs: z.number(),
    targetTransfers: z.number(),
    targetHouseholdPlacements: z.number(),
    targetTrainings: z.number(),
    note: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CooperationAgreement' });
export type AgreementView = z.infer<typeof AgreementSchema>;
export const AgreementWithProgressSchema = AgreementSchema.extend({ progress: ProgressSchema });

export const AgreementListQuerySchema = z.object({ year: z.coerce.number().int().min(2016).max(2100).optional() });

export const StationInputSchema = z.object({
  regionCode: place,
  name: z.string().trim().min(2, 'must be at least 2 characters').max(100),
  address: optionalText(200),
  contactName: person,
  contactPhone: phone,
});
export type StationInput = z.infer<typeof StationInputSchema>;
export const StationSchema = z.object({
  id: z.string(),
  agreementId: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
});

export const PartnerLabourerSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  sex: z.enum(Sex),
  age: z.number(),
  phoneMasked: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  mobility: z.string(),
  desiredOccupations: z.array(z.string()),
  employmentStatus: z.string(),
  wantsJob: z.boolean(),
});
export type PartnerLabourer = z.infer<typeof PartnerLabourerSchema>;
export const PartnerLabourerQuerySchema = z.object({
  household: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const BatchInputSchema = z.object({
  departureDate: day,
  fromRegionCode: place,
  toRegionCode: place,
  employerIds: z.array(z.uuid('must be an employer id')).max(20).default([]),
  escortName: person.optional(),
  escortPhone: phone.optional(),
  transport: optionalText(100),
  travelSubsidyPerHead: z.number().int().min(0).max(100_000).default(0),
  note: optionalText(1000),
});
export type BatchInput = z.infer<typeof BatchInputSchema>;

export const FollowUpSchema = z.object({
  id: z.string(),
  month: z.number(),
  dueOn: z.string(),
  state: z.enum(FOLLOW_UP_STATES).nullable(),
  reason: z.string().nullable(),
  recordedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
});
export const MemberSchema = z.object({
  id: z.string(),
  labourerId: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  regionName: z.string(),
  employerId: z.string().nullable(),
  employerName: z.string().nullable(),
  vacancyId: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  noShowReason: z.string().nullable(),
  followUps: z.array(FollowUpSchema),
});
export const BatchSchema = z
  .object({
    id: z.string(),
    agreementId: z.string().nullable(),
    departureDate: z.string(),
    fromRegionCode: z.string(),
    fromRegionName: z.string(),
    toRegionCode: z.string(),
    toRegionName: z.string(),
    employers: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
    escortName: z.string().nullable(),
    escortPhone: z.string().nullable(),
    transport: z.string().nullable(),
    travelSubsidyPerHead: z.number(),
    status: z.enum(BATCH_STATUSES),
    note: z.string().nullable(),
    members: z.array(MemberSchema),
  })
  .meta({ id: 'TransferBatch' });
export type BatchView = z.infer<typeof BatchSchema>;

export const MemberInputSchema = z.object({
  labourerId: z.uuid('must be a labourer id'),
  employerId: z.uuid('must be an employer id').optional(),
  vacancyId: z.uuid('must be a vacancy id').optional(),
});
export type MemberInput = z.infer<typeof MemberInputSchema>;

export const ArrivalInputSchema = z.object({
  arrived: z.boolean().default(true),
  /** The day of arrival (Beijing calendar); today when left out. */
  arrivedOn: day.optional(),
  noShowReason: optionalText(200),
});
export type ArrivalInput = z.infer<typeof ArrivalInputSchema>;

export const FollowUpRecordSchema = z.object({
  state: z.enum(FOLLOW_UP_STATES),
  reason: optionalText(200),
});
export type FollowUpRecord = z.infer<typeof FollowUpRecordSchema>;

export const DueFollowUpSchema = FollowUpSchema.extend({
  memberId: z.string(),
  batchId: z.string(),
  agreementId: z.string().nullable(),
  labourerId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  employerName: z.string().nullable(),
  toRegionName: z.string(),
});
export type DueFollowUp = z.infer<typeof DueFollowUpSchema>;

export const ReferralInputSchema = z.object({
  labourerId: z.uuid('must be a labourer id'),
  employerId: z.uuid('must be an employer id'),
  note: optionalText(500),
});
export type ReferralInput = z.infer<typeof ReferralInputSchema>;
export const ReferralPatchSchema = z.object({ status: z.enum(REFERRAL_STATUSES), note: optionalText(500) });
export type ReferralPatch = z.infer<typeof ReferralPatchSchema>;
export const ReferralSchema = z.object({
  id: z.string(),
  labourerId: z.string(),
  name: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  agreementId: z.string().nullable(),
  status: z.enum(REFERRAL_STATUSES),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type ReferralView = z.infer<typeof ReferralSchema>;
