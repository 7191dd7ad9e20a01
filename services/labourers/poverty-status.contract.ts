import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { LabourerSchema, POVERTY_STATUSES } from './labourers.contract.ts';

export const PovertyStatusBodySchema = z.object({
  povertyStatus: z.enum(POVERTY_STATUSES, { error: 'must be registered, lifted_out or unconfirmed' }),
  povertyYear: z.number().int().min(2013).max(2100).nullable().optional(),
  note: z.string().trim().max(200).optional(),
});
export type PovertyStatusBody = z.infer<typeof PovertyStatusBodySchema>;

/** An officer confirms (or withdraws) a person's 建档立卡 status; who and when are recorded and audited. */
export const setPovertyStatusRoute = defineRoute({
  method: 'POST',
  url: '/api/v1/labourers/:id/poverty-status',
  auth: auth.roles('officer', 'admin'),
  summary: 'Confirm a person as registered poor (建档立卡), lifted out, or withdraw it (unconfirmed); audited',
  tags: ['labourers'],
  schema: {
    params: z.object({ id: z.uuid('must be a labourer id') }),
    body: PovertyStatusBodySchema,
    response: { 200: LabourerSchema, 404: ErrorResponseSchema, ...commonErrors },
  },
});
