import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { TARGET_KINDS } from './skills-figures.ts';
import { optional } from '../platform/validation/optional.ts';

const year = z.coerce.number().int('must be a year').min(2018, 'must be 2018 or later').max(2100, 'must be a year');
const regionCode = z
  .string()
  .trim()
  .regex(/^\d{2}(\d{2}(\d{2})?)?$/, 'must be a province, city or county code (2, 4 or 6 digits)');

export const TargetInputSchema = z.object({
  regionCode,
  year,
  kind: z.enum(TARGET_KINDS, `must be one of ${TARGET_KINDS.join(', ')}`),
  /** 人次 for upgrading trainings, people for the others. */
  value: z.coerce
    .number('must be a number')
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(10_000_000, 'must be at most 10,000,000'),
});
export type TargetInput = z.infer<typeof TargetInputSchema>;

export const TargetsQuerySchema = z.object({
  year: optional(year),
  /** The region whose targets and progress are shown: the officer's own by default, or one under it. */
  regionCode: optional(regionCode),
});
export type TargetsQuery = z.infer<typeof TargetsQuerySchema>;

export const TargetSchema = z
  .object({
    id: z.string(),
    regionCode: z.string(),
    regionName: z.string(),
    year: z.number().int(),
    kind: z.enum(TARGET_KINDS),
    value: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TrainingTarget' });
export type TargetView = z.infer<typeof TargetSchema>;

export const TargetProgressSchema = z.object({
  kind: z.enum(TARGET_KINDS),
  /** The region's own target, or the sum of those under it; null when none is set. */
  target: z.number().int().nullable(),
  /** Whether the target is the region's own row (false: summed from the regions under it). */
  own: z.boolean(),
  /** Done from 1 January to today (or to 31 December for a past year). */
  done: z.number().int(),
  /** done ÷ target × 100, one decimal; 0 without a target. */
  percent: z.number(),
});

export const TargetsViewSchema = z
  .object({
    year: z.number().int(),
    regionCode: z.string(),
    regionName: z.string(),
    /** The day progress is counted to. */
    asOf: z.string(),
    progress: z.array(TargetProgressSchema),
    /** Every row set for the year in the region and under it. */
    items: z.array(TargetSchema),
  })
  .meta({ id: 'TrainingTargets' });
export type TargetsView = z.infer<typeof TargetsViewSchema>;

const keepers = auth.roles('officer', 'admin');
const tags = ['training'];
const errors = { ...commonErrors, 404: ErrorResponseSchema };

export const listTargetsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/training/targets',
  auth: keepers,
  summary:
    "A year's training targets of the region and those under it, with the region's progress (a region without its own target sums those under it)",
  tags,
  schema: { querystring: TargetsQuerySchema, response: { 200: TargetsViewSchema, ...errors } },
});

export const setTargetRoute = defineRoute({
  method: 'PUT',
  url: '/api/v1/training/targets',
  auth: keepers,
  summary: "Set a region's yearly target of a kind (the officer's region or one under it; audited)",
  tags,
  schema: { body: TargetInputSchema, response: { 200: TargetSchema, ...errors } },
});

export const removeTargetRoute = defineRoute({
  method: 'DELETE',
  url: '/api/v1/training/targets/:id',
  auth: keepers,
  summary: "Remove a region's target: it again sums the targets under it (audited)",
  tags,
  schema: { params: z.object({ id: z.uuid('must be a target id') }), response: { 200: TargetSchema, ...errors } },
});
