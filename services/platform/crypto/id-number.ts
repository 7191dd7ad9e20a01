/**
 * Resident identity card numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] ?? '';
}

export type IdNumberProblem = 'legacy_15_digits' | 'format' | 'birth_date' | 'checksum' | 'region';

export interface ParsedIdNumber {
  idNumber: string;
  regionCode: string;
  birthDate: Date;
  sex: 'male' | 'female';
}

export function parseIdNumber(
  raw: string,
  knownRegion?: (code: string) => boolean,
): { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem } {
  const id = raw.replace(/\s+/g, '').toUpperCase();
  if (/^\d{15}$/.test(id)) return { ok: false, problem: 'legacy_15_digits' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birthDate = new Date(Date.UTC(year, month - 1, day));
  const valid =
    birthDate.getUTCFullYear() === year &&
    birthDate.getUTCMonth() === month - 1 &&
    birthDate.getUTCDate() === day &&
    year >= 1900 &&
    birthDate.getTime() <= Date.now();
  if (!valid) return { ok: false, problem: 'birth_date' };
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' };
  const regionCode = id.slice(0, 6);
  if (knownRegion && !knownRegion(regionCode)) return { ok: false, problem: 'region' };
  return {
    ok: true,
    value: { idNumber: id, regionCode, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
}
