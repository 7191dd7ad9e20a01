import { z } from 'zod';
import { chinaDate } from '../time/china-time.ts';

/** A calendar day as forms and the API write it. */
export const isoDay = () => z.iso.date('must be a date (YYYY-MM-DD)');

/**
 * The day something was done (a meeting held, a person recruited, a training attended, a step
 * taken): not after today on the Beijing calendar, since a record of work done cannot be dated
 * ahead (it would count in a later report period). Code `in_future` for the pages' wording.
 */
export const pastDay = (now: () => Date = () => new Date()) =>
  isoDay().refine((day) => day <= chinaDate(now())!, {
    message: 'must not be in the future',
    params: { code: 'in_future' },
  });
