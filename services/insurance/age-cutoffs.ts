import { chinaDate } from '../platform/time/china-time.ts';
import type { AgeCutoffs } from './insurance.repository.ts';

/** Birthdays on or before which a person is 16, and 60, on `today` (Beijing calendar; 29 Feb → 28 Feb). */
export function ageCutoffs(today: Date): AgeCutoffs {
  const [year, month, day] = chinaDate(today)!.split('-').map(Number) as [number, number, number];
  const back = (years: number) => {
    const last = new Date(Date.UTC(year - years, month, 0)).getUTCDate();
    return new Date(Date.UTC(year - years, month - 1, Math.min(day, last)));
  };
  return { sixteen: back(16), sixty: back(60) };
}
