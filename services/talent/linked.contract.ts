import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { isoDay, pastDay } from '../platform/validation/dates.ts';
import { optional } from '../platform/validation/optional.ts';

const percent = z.coerce.number().int().min(0, 'must be 0–100').max(100, 'must be 0–100');

export const ITEM_STATES = ['open', 'in_progress', 'done'] as const;

export const LinkedCountyInputSchema = z.object({
  countyCode: z.string().regex(/^\d{6}$/, 'must be a 6-digit county code'),
  since: z.coerce.number().int().min(2018, 'must be 2018 or later').max(2100),
  /** Stationed villages (驻点村), one a line or comma-separated. */
  villages: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[\n,，、]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().trim().min(1).max(60)).max(20, 'at most 20 villages'),
  ),
});
export const MeetingInputSchema = z.object({
  heldOn: pastDay(),
  decisions: z.string().trim().min(1, 'is required').max(2000),
});
export const ItemInputSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  owner: z.string().trim().min(1, 'is required').max(50),
  dueOn: isoDay(),
});
export const ItemPatchSchema = z.object({
  state: z.enum(ITEM_STATES),
  doneOn: optional(pastDay()),
});
export const ProjectInputSchema = z.object({
  title: z.string().trim().min(1, 'is required').max(200),
  notes: optional(z.string().trim().max(1000)),
});
export const ProjectUpdateInputSchema = z.object({
  on: pastDay(),
  percent,
  note: optional(z.string().trim().max(500)),
});
export const PairingInputSchema = z.object({
  branch: z.string().trim().min(1, 'is required').max(100),
  student: z.string().trim().min(1, 'is required').max(50),
  support: z.string().trim().min(1, 'is required').max(200),
  amount: z.coerce.number().int().min(0, 'must be 0 or more').max(1_000_000).default(0),
  givenOn: pastDay(),
});

const Item = z.object({
  id: z.string(),
  title: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  state: z.enum(ITEM_STATES),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
});
const Meeting = z.object({ id: z.string(), heldOn: z.string(), decisions: z.string(), items: z.array(Item) });
const Project = z.object({
  id: z.string(),
  title: z.string(),
  percent: z.number().int(),
  notes: z.string().nullable(),
  updates: z.array(z.object({ on: z.string(), percent: z.number().int(), note: z.string().nullable() })),
});
const Pairing = z.object({
  id: z.string(),
  branch: z.string(),
  student: z.string(),
  support: z.string(),
  amount: z.number().int(),
  givenOn: z.string(),
});
export const LinkedCountySchema = z
  .object({
    id: z.string(),
    countyCode: z.string(),
    countyName: z.string(),
    since: z.number().int(),
    villages: z.array(z.string()),
    meetings: z.array(Meeting),
    projects: z.array(Project),
    pairings: z.array(Pairing),
    figures: z.object({
      items: z.number().int(),
      itemsDone: z.number().int(),
      projectsProgress: z.number(),
      pairings: z.number().int(),
      amount: z.number().int(),
    }),
  })
  .meta({ id: 'LinkedCounty' });
export type LinkedCountyView = z.infer<typeof LinkedCountySchema>;

const tags = ['linked-counties'];
const officers = auth.roles('officer', 'admin');
const id = z.object({ id: z.uuid('must be an id') });
const errors = { 404: ErrorResponseSchema, 409: ErrorResponseSchema, ...commonErrors };
const one = { 201: LinkedCountySchema, ...errors };
const write = <U extends string, B extends z.ZodType>(url: U, summary: string, body: B) =>
  defineRoute({ method: 'POST', url, auth: officers, tags, summary, schema: { params: id, body, response: one } });

export const listLinkedRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/linked-counties',
  auth: officers,
  tags,
  summary:
    'The department’s linked key counties (挂钩帮扶) in the officer’s region, with meetings, items, projects, pairings',
  schema: { response: { 200: z.object({ items: z.array(LinkedCountySchema) }), ...commonErrors } },
});
export const createLinkedRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/linked-counties',
  auth: officers,
  tags,
  summary: 'Link a key county with its stationed villages (province officers; 409 when linked already)',
  schema: { body: LinkedCountyInputSchema, response: one },
});
export const meetingRoute = write(
  '/api/v1/linked-counties/:id/meetings',
  'Record a 推进会 and its decisions',
  MeetingInputSchema,
);
export const itemRoute = write(
  '/api/v1/linked-counties/meetings/:id/items',
  'Add a follow-up item to a meeting',
  ItemInputSchema,
);
/** A change of a record that exists answers 200 (not 201: nothing is created). */
export const itemPatchRoute = defineRoute({
  method: 'PATCH',
  url: '/api/v1/linked-counties/items/:id',
  auth: officers,
  tags,
  summary: 'Move a follow-up item (done needs a date)',
  schema: { params: id, body: ItemPatchSchema, response: { 200: LinkedCountySchema, ...errors } },
});
export const projectRoute = write('/api/v1/linked-counties/:id/projects', 'Add a help project', ProjectInputSchema);
export const projectUpdateRoute = write(
  '/api/v1/linked-counties/projects/:id/updates',
  'Record a dated progress update',
  ProjectUpdateInputSchema,
);
export const pairingRoute = write(
  '/api/v1/linked-counties/:id/pairings',
  'Record a Party-branch pairing with a student and the support given',
  PairingInputSchema,
);
