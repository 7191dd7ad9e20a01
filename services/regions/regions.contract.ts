import { z } from 'zod';
import { auth, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';
import { RegionLevel } from '../platform/database/generated/enums.ts';

export const RegionCodeSchema = z
  .string()
  .regex(/^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/, 'must be a 2, 4, 6, 9 or 12 digit region code');

export const RegionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    level: z.enum(RegionLevel),
    parentCode: z.string().nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    keyCounty: z.boolean(),
  })
  .meta({ id: 'Region' });

export const listRegionsRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/regions',
  auth: auth.public,
  summary: 'Administrative divisions: the provinces, or the children of `parent`',
  tags: ['regions'],
  schema: {
    querystring: z.object({ parent: RegionCodeSchema.optional() }),
    response: { 200: z.object({ items: z.array(RegionSchema) }), 400: ErrorResponseSchema },
  },
});
