import { z } from 'zod';
import {
  GraduateSchoolKind,
  GraduateStatus,
  GraduateWish,
  PairingContactChannel,
  PairingEndReason,
} from '../platform/database/generated/enums.ts';
import { enumValues } from '../platform/validation/enum-values.ts';
import { isoDay } from '../platform/validation/dates.ts';
import { optional } from '../platform/validation/optional.ts';

export const SCHOOL_KINDS = enumValues(GraduateSchoolKind);
export const WISHES = enumValues(GraduateWish);
export const GRADUATE_STATUSES = enumValues(GraduateStatus);
export const END_REASONS = enumValues(PairingEndReason);
export const CONTACT_CHANNELS = enumValues(PairingContactChannel);

/** A browser sends every field of a GET form, empty ones too: '' is "not given". */
export const blankIsAbsent = (value: unknown) => (value === '' ? undefined : value);
const year = z.coerce.number().int('must be a whole year').min(2016, 'is too early').max(2100, 'is too late');
const occupationCode = z
  .string()
  .trim()
  .regex(/^[A-Z]\d{2}-\d{3}$/, 'must be an occupation code such as C03-001');

export const GraduateInputSchema = z.object({
  idNumber: z
    .string()
    .trim()
    .regex(/^\d{17}[\dXx]$/, 'must be an 18-character ID number'),
  schoolName: z.string().trim().min(2, 'is required').max(100),
  schoolKind: z.enum(SCHOOL_KINDS),
  major: z.string().trim().min(1, 'is required').max(100),
  graduationYear: z.preprocess(blankIsAbsent, year),
  /** The day the graduate left (or will leave) school; 1 July of the graduation year when not given. */
  leftSchoolOn: optional(isoDay()),
  wish: z.enum(WISHES),
  status: optional(z.enum(GRADUATE_STATUSES)),
  /** Occupations the field of study leads to (codes of the occupation list): matching ranks with them. */
  occupations: z.array(occupationCode).max(5).default([]),
});
export type GraduateInput = z.infer<typeof GraduateInputSchema>;

export const GraduateSchema = z
  .object({
    id: z.string(),
    labourerId: z.string(),
    /** 张**: lists show the name masked; the registry has the person in full. */
    maskedName: z.string(),
    idNumberMasked: z.string(),
    regionCode: z.string(),
    schoolName: z.string(),
    schoolKind: z.enum(SCHOOL_KINDS),
    major: z.string(),
    graduationYear: z.number().int(),
    leftSchoolOn: z.string(),
    wish: z.enum(WISHES),
    status: z.enum(GRADUATE_STATUSES),
    statusSince: z.string(),
    workFoundOn: z.string().nullable(),
    occupations: z.array(z.string()),
    registeredPoor: z.boolean(),
    /** The open pairing's matchmaker, if any. */
    matchmaker: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'Graduate' });
export type GraduateView = z.infer<typeof GraduateSchema>;

export const StatusChangeSchema = z.object({
  fromStatus: z.enum(GRADUATE_STATUSES).nullable(),
  toStatus: z.enum(GRADUATE_STATUSES),
  on: z.string(),
  note: z.string().nullable(),
  /** Made by the platform, not a person: a hire through it (note `hired`) or the day of leaving school (`left_school`). */
  bySystem: z.boolean(),
});

export const GraduateDetailSchema = GraduateSchema.extend({ history: z.array(StatusChangeSchema) }).meta({
  id: 'GraduateDetail',
});
export type GraduateDetail = z.infer<typeof GraduateDetailSchema>;

export const GraduateListQuerySchema = z.object({
  year: optional(year),
  status: optional(z.enum(GRADUATE_STATUSES)),
  schoolKind: optional(z.enum(SCHOOL_KINDS)),
  school: optional(z.string().trim().max(100)),
  regionCode: optional(z.string().regex(/^\d{2,12}$/, 'must be a region code')),
  paired: optional(z.enum(['yes', 'no'])),
  page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).default(1)),
  pageSize: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(200).default(50)),
});
export type GraduateListQuery = z.infer<typeof GraduateListQuerySchema>;
export type GraduateFilter = Omit<GraduateListQuery, 'page' | 'pageSize'>;

export const StatusPatchSchema = z.object({
  status: z.enum(GRADUATE_STATUSES),
  /** The day the status began; today when not given. */
  on: optional(isoDay()),
  note: optional(z.string().trim().max(500)),
});
export type StatusPatch = z.infer<typeof StatusPatchSchema>;

export const ImportRowProblemSchema = z.object({
  row: z.number().int(),
  problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export const ImportReportSchema = z
  .object({
    mode: z.enum(['all_or_nothing', 'per_row']),
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    refused: z.array(ImportRowProblemSchema),
  })
  .meta({ id: 'GraduateImportReport' });
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportQuerySchema = z.object({
  /** all_or_nothing: one bad row refuses the file; per_row: good rows are kept, bad ones reported. */
  mode: z.enum(['all_or_nothing', 'per_row']).default('per_row'),
});

export const FiguresQuerySchema = z.object({ year: optional(year) });
const CountsSchema = z.object({
  total: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  paired: z.number().int(),
});
export const GraduateFiguresSchema = z
  .object({
    year: z.number().int(),
    total: CountsSchema,
    byCounty: z.array(CountsSchema.extend({ regionCode: z.string(), name: z.string() })),
    bySchool: z.array(CountsSchema.extend({ schoolName: z.string() })),
  })
  .meta({ id: 'GraduateFigures' });
export type GraduateFigures = z.infer<typeof GraduateFiguresSchema>;

export const ContactInputSchema = z.object({
  on: isoDay(),
  channel: z.enum(CONTACT_CHANNELS),
  note: z.string().trim().min(1, 'is required').max(1000),
});
export type ContactInput = z.infer<typeof ContactInputSchema>;

export const ReferralInputSchema = z.object({
  vacancyId: z.uuid('must be a vacancy id'),
  note: optional(z.string().trim().max(500)),
});
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

export const AssignInputSchema = z.object({ matchmakerId: z.uuid('must be a user id') });
export const EndInputSchema = z.object({
  reason: z.enum(END_REASONS),
  note: optional(z.string().trim().max(500)),
});
export type EndInput = z.infer<typeof EndInputSchema>;
export const PairAllInputSchema = z.object({ year: optional(year) });

export const PairingSchema = z
  .object({
    id: z.string(),
    graduateId: z.string(),
    graduate: z.object({
      maskedName: z.string(),
      phoneMasked: z.string().nullable(),
      schoolName: z.string(),
      major: z.string(),
      graduationYear: z.number().int(),
      status: z.enum(GRADUATE_STATUSES),
      wish: z.enum(WISHES),
    }),
    matchmakerId: z.string(),
    matchmakerName: z.string(),
    startedAt: z.string(),
    lastContactAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    endReason: z.enum(END_REASONS).nullable(),
    endNote: z.string().nullable(),
    contacts: z.array(
      z.object({ id: z.string(), on: z.string(), channel: z.enum(CONTACT_CHANNELS), note: z.string() }),
    ),
    referrals: z.array(
      z.object({
        id: z.string(),
        vacancyId: z.string(),
        applicationId: z.string().nullable(),
        note: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'MatchmakerPairing' });
export type PairingView = z.infer<typeof PairingSchema>;

export const RankedJobSchema = z
  .object({
    vacancyId: z.string(),
    title: z.string(),
    employerName: z.string(),
    wageMin: z.number(),
    wageMax: z.number(),
    score: z.number(),
    reasons: z.array(z.string()),
    referred: z.boolean(),
  })
  .meta({ id: 'GraduateRankedJob' });
export type RankedJob = z.infer<typeof RankedJobSchema>;

export const MatchmakerSchema = z.object({ id: z.string(), name: z.string(), regionCode: z.string() });
