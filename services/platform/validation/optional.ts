import { z } from 'zod';

/**
 * An optional field. A browser sends every field of a form, empty ones too, and a JSON client may
 * send null: both read as "not given".
 */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
