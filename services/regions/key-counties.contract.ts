import { z } from 'zod';
import { auth, commonErrors, defineRoute, ErrorResponseSchema } from '../platform/http/contract.ts';

const tags = ['regions'];

export const KeyCountySchema = z
  .object({
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    parentCode: z.string().nullable(),
    keyCounty: z.boolean(),
  })
  .meta({ id: 'KeyCounty' });

export const listKeyCountiesRoute = defineRoute({
  method: 'GET',
  url: '/api/v1/regions/key-counties',
  auth: auth.roles('officer', 'admin'),
  summary: 'Every county of the province with whether it is a provincial key county (省级扶贫开发工作重点县)',
  tags,
  schema: {
    querystring: z.object({
      province: z
        .string()
        .regex(/^\d{2}$/, 'must be a 2-digit province code')
        .default('35'),
    }),
    response: { 200: z.object({ items: z.array(KeyCountySchema) }), ...commonErrors },
  },
});

export const setKeyCountyRoute = defineRoute({
  method: 'PUT',
  url: '/api/v1/regions/key-counties/:code',
  auth: auth.roles('admin'),
  summary: 'Mark a county as a provincial key county or not (audited)',
  tags,
  schema: {
    params: z.object({ code: z.string().regex(/^\d{6}$/, 'must be a 6-digit county code') }),
    body: z.object({ keyCounty: z.boolean() }),
    response: { 200: KeyCountySchema, 404: ErrorResponseSchema, ...commonErrors },
  },
});
