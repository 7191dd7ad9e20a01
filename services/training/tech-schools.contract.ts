import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { SchoolLeftLevel, TechSchoolPlaceState } from '../platform/database/generated/enums.ts';
import { optional } from '../platform/validation/optional.ts';

const year = z.coerce.number().int('must be a year').min(2015, 'must be 2015 or later').max(2100, 'must be a year');
/** A child's birth year: the registry's people of school-leaving age were born long before 2015. */
const birthYear = z.coerce
  .number()
  .int('must be a year')
  .min(1980, 'must be 1980 or later')
  .max(2100, 'must be a year');
const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, 'must be an 18-character ID number');
/** A yes/no: a form's checkbox sends 'on' or nothing; the API true or false. */
export const flag = z.preprocess(
  (v) =>
    v === 'on' || v === 'true' || v === '1'
      ? true
      : v === '' || v === undefined || v === 'false' || v === '0'
        ? false
        : v,
  z.boolean('must be yes or no'),
);
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

export const PLACE_STATES = Object.values(TechSchoolPlaceState) as [TechSchoolPlaceState, ...TechSchoolPlaceState[]];
export const LEFT_LEVELS = Object.values(SchoolLeftLevel) as [SchoolLeftLevel, ...SchoolLeftLevel[]];

export const PlaceInputSchema = z.object({
  /** The registered poor family member the child is linked through: by id, or by their ID number. */
  householdLabourerId: optional(z.uuid('must be a person of the registry')),
  householdIdNumber: optional(idNumber),
  /** The child, when registered themself: by id, or by their ID number. */
  childLabourerId: optional(z.uuid('must be a person of the registry')),
  childIdNumber: optional(idNumber),
  childName: text(40),
  childBirthYear: optional(birthYear),
  leftLevel: z.enum(LEFT_LEVELS, 'must be junior or senior secondary'),
  leftYear: year,
  schoolName: text(80),
  programme: text(60),
  year,
  /** Green channel (绿色通道): admitted without the entrance exam (免试入学). */
  examFree: flag.default(false),
  /** Preferred order class or company-named class (订单班、冠名班). */
  orderClass: optional(text(60)),
  note: optional(z.string().trim().max(200, 'must be at most 200 characters')),
});
export type PlaceInput = z.infer<typeof PlaceInputSchema>;

/** The next step: placed (a school offered the place), enrolled, or withdrawn (the child no longer wants it). */
export const PlaceStepSchema = z.object({
  to: z.enum(
    ['placed', 'enrolled', 'withdrawn'],
    'must be placed, enrolled or withdrawn (graduation has its own form)',
  ),
  schoolName: optional(text(80)),
  programme: optional(text(60)),
});
export type PlaceStep = z.infer<typeof PlaceStepSchema>;

export const PlaceFilterSchema = z.object({
  year: optional(year),
  state: optional(z.enum(PLACE_STATES, 'must be a state')),
  regionCode: optional(z.string().regex(/^\d{6,12}$/, 'must be a county, township or village code')),
});
export type PlaceFilter = z.infer<typeof PlaceFilterSchema>;

export const PlaceSchema = z
  .object({
    id: z.string(),
    householdLabourerId: z.string(),
    childLabourerId: z.string().nullable(),
    /** Masked (张*三). */
    childName: z.string(),
    childBirthYear: z.number().int().nullable(),
    regionCode: z.string(),
    regionName: z.string(),
    leftLevel: z.enum(LEFT_LEVELS),
    leftYear: z.number().int(),
    schoolName: z.string(),
    programme: z.string(),
    year: z.number().int(),
    state: z.enum(PLACE_STATES),
    placedOn: z.string().nullable(),
    enrolledOn: z.string().nullable(),
    graduatedOn: z.string().nullable(),
    examFree: z.boolean(),
    orderClass: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'TechSchoolPlace' });
export type PlaceView = z.infer<typeof PlaceSchema>;

const keepers = auth.roles('officer', 'admin');
const tags = ['technical-schools'];
const errors = { ...commonErrors, 404: ErrorResponseSchema, 409: ErrorResponseSchema };

export const listPlacesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/technical-schools/places',
  auth: keepers,
  summary: 'Technical-school places of poor families’ children in the region, by year, state and county',
  tags,
  schema: { querystring: PlaceFilterSchema, response: { 200: z.object({ items: z.array(PlaceSchema) }), ...errors } },
});
export const createPlaceRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/technical-schools/places',
  auth: keepers,
  summary: 'Record a child of a registered poor family who wants a technical-school place (audited)',
  tags,
  schema: { body: PlaceInputSchema, response: { 201: PlaceSchema, ...errors } },
});
export const stepPlaceRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/technical-schools/places/:id/state',
  auth: keepers,
  summary: 'Move a place on: wished → placed → enrolled, or withdrawn (audited)',
  tags,
  schema: { params: z.object({ id: z.uuid() }), body: PlaceStepSchema, response: { 200: PlaceSchema, ...errors } },
});
