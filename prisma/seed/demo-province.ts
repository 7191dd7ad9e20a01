import { idCheckCharacter } from '../../services/platform/crypto/id-number.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names.ts';
import type { Random } from './random.ts';

export interface RegionLite {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  keyCounty: boolean;
}
export interface OccupationLite {
  code: string;
  categoryCode: string;
  nameZh: string;
  skillCodes: string[];
}

export function idNumber(random: Random, county: string, birth: Date, male: boolean): string {
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const sequence = random.int(0, 99) * 10 + (male ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
  const first17 = `${county}${date}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export function personName(random: Random, male: boolean): string {
  const given = male ? GIVEN_MALE : GIVEN_FEMALE;
  return random.pick(SURNAMES) + random.pick(given) + (random.chance(0.7) ? random.pick(given) : '');
}

export function phone(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

export const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** The reference data the generator draws from, and its random stream. */
export interface Province {
  random: Random;
  now: Date;
  regions: RegionLite[];
  occupations: OccupationLite[];
  byCode: Map<string, RegionLite>;
  keyCounties: RegionLite[];
  townshipsOf: (county: string) => RegionLite[];
  countiesOf: (city: string) => RegionLite[];
  occupationsIn: (category: string) => OccupationLite[];
  /** A township of the county (seven times in ten, when it has any), else the county itself. */
  placeIn: (county: string) => string;
}

export async function loadProvince(db: Db, random: Random, now: Date): Promise<Province> {
  const regions: RegionLite[] = await db.region.findMany({
    select: { code: true, name: true, level: true, parentCode: true, keyCounty: true },
  });
  const occupations: OccupationLite[] = await db.occupation.findMany({
    select: { code: true, categoryCode: true, nameZh: true, skillCodes: true },
  });
  if (!regions.length || !occupations.length) throw new Error('Load the reference data before seeding');
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const keyCounties = regions.filter((r) => r.keyCounty);
  const townshipsOf = (county: string) => regions.filter((r) => r.level === 'township' && r.parentCode === county);
  const countiesOf = (city: string) => regions.filter((r) => r.level === 'county' && r.parentCode === city);
  const occupationsIn = (category: string) => occupations.filter((o) => o.categoryCode === category);
  const placeIn = (county: string) => {
    const townships = townshipsOf(county);
    return townships.length && random.chance(0.7) ? random.pick(townships).code : county;
  };
  return { random, now, regions, occupations, byCode, keyCounties, townshipsOf, countiesOf, occupationsIn, placeIn };
}
