/** The fairs module's data shapes: what the API takes and answers, and what the pages parse forms with. */
import { z } from 'zod';
import {
  FairKind,
  FairOutcome,
  FairStatus,
  ParticipationStatus,
  PayBasis,
  RegistrationSource,
  Sex,
  SubsidyDecisionStatus,
  TargetGroup,
} from '../platform/database/generated/enums.ts';

export const id = (what: string) => z.uuid(`must be ${what} id`);
/** 2026-03-01 or 2026-03-01T09:00 (Beijing time) or any ISO date-time with an offset. */
const moment = z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
  error: 'must be a date (2026-03-01) or a date-time (2026-03-01T09:00)',
});
// A city-wide fair (an online one, say) is held in a city: 4 digits, as the region table keys cities.
const regionCode = z
  .string()
  .regex(
    /^(\d{4}|\d{6}|\d{9}|\d{12})$/,
    'must be the code of a city (4 digits), county (6), township (9) or village (12)',
  );

export const FairKindSchema = z.enum(FairKind);
export const FairStatusSchema = z.enum(FairStatus);
export const TargetGroupSchema = z.enum(TargetGroup);
export const OutcomeSchema = z.enum(FairOutcome);

export const FairInputSchema = z.object({
  kind: FairKindSchema,
  name: z.string().trim().min(2).max(100),
  startsAt: moment,
  endsAt: moment,
  online: z.boolean().default(false),
  regionCode,
  address: z.string().trim().min(2).max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  organiser: z.string().trim().min(2).max(100),
  homeRegionCode: regionCode.optional(),
  partnerRegionCode: regionCode.optional(),
  agreementId: id('an agreement').optional(),
  targetGroups: z.array(TargetGroupSchema).max(4).default([]),
  capacity: z.number().int().min(1).max(100_000).optional(),
  description: z.string().trim().max(2000).optional(),
});
export type FairInput = z.infer<typeof FairInputSchema>;
export const FairPatchSchema = FairInputSchema.partial();
export type FairPatch = z.infer<typeof FairPatchSchema>;

export const FairSchema = z
  .object({
    id: z.string(),
    kind: FairKindSchema,
    name: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    online: z.boolean(),
    regionCode: z.string(),
    regionName: z.string(),
    address: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    organiser: z.string(),
    homeRegionCode: z.string().nullable(),
    partnerRegionCode: z.string().nullable(),
    agreementId: z.string().nullable(),
    targetGroups: z.array(TargetGroupSchema),
    capacity: z.number().nullable(),
    description: z.string().nullable(),
    status: FairStatusSchema,
    counts: z.object({ employers: z.number(), vacancies: z.number(), registrations: z.number() }),
  })
  .meta({ id: 'Fair' });
export type FairView = z.infer<typeof FairSchema>;

export const FairListSchema = z.object({ items: z.array(FairSchema), total: z.number() });
export const FairListQuerySchema = z.object({
  status: FairStatusSchema.optional(),
  kind: FairKindSchema.optional(),
  from: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(30),
});
export type FairListQuery = z.infer<typeof FairListQuerySchema>;

export const ParticipationSchema = z
  .object({
    id: z.string(),
    fairId: z.string(),
    employerId: z.string(),
    employerName: z.string(),
    booth: z.string().nullable(),
    status: z.enum(ParticipationStatus),
    note: z.string().nullable(),
    appliedAt: z.string(),
    vacancies: z.array(
      z.object({ id: z.string(), title: z.string(), wageMin: z.number(), wageMax: z.number(), headcount: z.number() }),
    ),
  })
  .meta({ id: 'FairParticipation' });
export type ParticipationView = z.infer<typeof ParticipationSchema>;

export const ApplyBodySchema = z.object({
  /** Officers apply on an employer's behalf; employers leave it out. */
  employerId: id('an employer').optional(),
  note: z.string().trim().max(500).optional(),
  vacancyIds: z.array(id('a vacancy')).max(50).default([]),
});
export const DecisionBodySchema = z.object({
  status: z.enum(SubsidyDecisionStatus),
  booth: z.string().trim().min(1).max(20).optional(),
  note: z.string().trim().max(500).optional(),
});
export const AttachBodySchema = z.object({ vacancyIds: z.array(id('a vacancy')).min(1).max(50) });

export const RegistrationSchema = z
  .object({
    id: z.string(),
    fairId: z.string(),
    labourerId: z.string(),
    /** Masked (张**) for employers. */
    name: z.string(),
    /** Masked; null for employers. */
    idNumberMasked: z.string().nullable(),
    age: z.number(),
    sex: z.enum(Sex),
    countyCode: z.string(),
    /** Null for employers. */
    code: z.string().nullable(),
    source: z.enum(RegistrationSource),
    willAttend: z.boolean(),
    targetGroups: z.array(TargetGroupSchema),
    registeredAt: z.string(),
    checkedInAt: z.string().nullable(),
  })
  .meta({ id: 'FairRegistration' });
export type RegistrationView = z.infer<typeof RegistrationSchema>;

export const RegisterBodySchema = z.object({
  /** The person; a labourer registering themself leaves it out. */
  labourerId: id('a labourer').optional(),
  /** Groups beyond those the registry knows (poverty status, disability). */
  targetGroups: z.array(TargetGroupSchema).max(4).default([]),
  willAttend: z.boolean().default(true),
});
export type RegisterBody = z.infer<typeof RegisterBodySchema>;
export const RegistrationPatchSchema = z.object({ willAttend: z.boolean() });
export const RegistrationQuerySchema = z.object({
  willAttend: z.enum(['true', 'false']).optional(),
  checkedIn: z.enum(['true', 'false']).optional(),
  targetGroup: TargetGroupSchema.optional(),
  q: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type RegistrationQuery = z.infer<typeof RegistrationQuerySchema>;
export const RegistrationListSchema = z.object({ items: z.array(RegistrationSchema), total: z.number() });

export const CheckInBodySchema = z.object({ code: z.string().trim().min(1).max(20) });
export const BulkCheckInBodySchema = z.object({ registrationIds: z.array(id('a registration')).min(1).max(500) });
export const WalkInBodySchema = z.object({
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, 'must be an 18-character ID number'),
  targetGroups: z.array(TargetGroupSchema).max(4).default([]),
});
export const CheckInResultSchema = z.object({
  registration: RegistrationSchema,
  /** The person had already been checked in: nothing changed. */
  already: z.boolean(),
});

export const InteractionBodySchema = z.object({
  registrationId: id('a registration'),
  outcome: OutcomeSchema,
  vacancyId: id('a vacancy').optional(),
  /** Officers record for an employer; employers leave it out. */
  employerId: id('an employer').optional(),
  note: z.string().trim().max(500).optional(),
});
export type InteractionBody = z.infer<typeof InteractionBodySchema>;
export const InteractionSchema = z
  .object({
    id: z.string(),
    registrationId: z.string(),
    employerId: z.string(),
    vacancyId: z.string().nullable(),
    outcome: OutcomeSchema,
    note: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'FairInteraction' });

export const SlipItemSchema = z.object({
  rank: z.number(),
  vacancyId: z.string(),
  title: z.string(),
  employerName: z.string(),
  booth: z.string().nullable(),
  wageMin: z.number(),
  wageMax: z.number(),
  payBasis: z.enum(PayBasis),
  percent: z.number(),
  reasons: z.array(z.object({ code: z.string(), text: z.string(), good: z.boolean() })),
});
export const SlipSchema = z.object({ registrationId: z.string(), items: z.array(SlipItemSchema) });

const ResultRowSchema = z.object({
  key: z.string(),
  registered: z.number(),
  attended: z.number(),
  interviewed: z.number(),
  intentions: z.number(),
  offers: z.number(),
  hired30: z.number(),
  hired90: z.number(),
});
export const ResultsSchema = z
  .object({
    fairId: z.string(),
    name: z.string(),
    employers: z.number(),
    vacancies: z.number(),
    total: ResultRowSchema,
    byCounty: z.array(ResultRowSchema),
    byGroup: z.array(ResultRowSchema),
  })
  .meta({ id: 'FairResults' });
export type ResultsView = z.infer<typeof ResultsSchema>;

export const PublicFairSchema = FairSchema.extend({
  employers: z.array(
    z.object({
      employerId: z.string(),
      name: z.string(),
      booth: z.string().nullable(),
      vacancies: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          wageMin: z.number(),
          wageMax: z.number(),
          headcount: z.number(),
        }),
      ),
    }),
  ),
});
