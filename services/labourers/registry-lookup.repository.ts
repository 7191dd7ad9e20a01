import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';
import { isRegisteredPoor, type PovertyFacts } from './registered-poor.ts';

/** A person of the registry as another module links to them: no clear ID number, no phone. */
export interface RegistryPerson {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  /** Household registration (户籍). */
  regionCode: string;
  /** In the registered poor labour force (registered-poor.ts). */
  registeredPoor: boolean;
}

const SELECT = {
  id: true,
  name: true,
  idNumberMasked: true,
  phoneMasked: true,
  regionCode: true,
  povertyStatus: true,
  povertyYear: true,
  erasedAt: true,
} as const;

type Row = Pick<RegistryPerson, 'id' | 'name' | 'idNumberMasked' | 'phoneMasked' | 'regionCode'> & PovertyFacts;

const toPerson = (row: Row): RegistryPerson => ({
  id: row.id,
  name: row.name,
  idNumberMasked: row.idNumberMasked,
  phoneMasked: row.phoneMasked,
  regionCode: row.regionCode,
  registeredPoor: isRegisteredPoor(row),
});

/**
 * Finding people of the registry from other modules (graduates link school lists to it): by the ID
 * number's keyed hash, never decrypting, and by id. Erased people are not found.
 */
export function createRegistryLookup(db: Db, pii: PiiCipher) {
  return {
    async byIdNumber(idNumber: string): Promise<RegistryPerson | null> {
      const row = await db.labourer.findUnique({ where: { idNumberHash: pii.hash(idNumber) }, select: SELECT });
      return row && !row.erasedAt ? toPerson(row) : null;
    },
    /** Many at once (a school's list): keyed by the ID number as given, which is only hashed, never stored. */
    async byIdNumbers(idNumbers: string[]): Promise<Map<string, RegistryPerson>> {
      const byHash = new Map([...new Set(idNumbers)].map((n) => [pii.hash(n), n]));
      const found = new Map<string, RegistryPerson>();
      const hashes = [...byHash.keys()];
      for (let i = 0; i < hashes.length; i += 1000) {
        const rows = await db.labourer.findMany({
          where: { idNumberHash: { in: hashes.slice(i, i + 1000) }, erasedAt: null },
          select: { ...SELECT, idNumberHash: true },
        });
        for (const { idNumberHash, ...row } of rows) found.set(byHash.get(idNumberHash)!, toPerson(row));
      }
      return found;
    },
    async byIds(ids: string[]): Promise<Map<string, RegistryPerson>> {
      if (!ids.length) return new Map();
      const rows = await db.labourer.findMany({
        where: { id: { in: [...new Set(ids)] }, erasedAt: null },
        select: SELECT,
      });
      return new Map(rows.map((row) => [row.id, toPerson(row)]));
    },
  };
}

export type RegistryLookup = ReturnType<typeof createRegistryLookup>;

/** What another module may learn of an ID number from the registry: whether a registered poor person, and where. */
export interface PovertyOfIdNumber {
  registeredPoor: boolean;
  /** Household registration (户籍) of the person. */
  regionCode: string;
}

/**
 * Whether an ID number belongs to a person of the registry, a registered poor one or not, and their
 * household region; null when not in the registry (or erased). Looked up by the keyed hash only.
 */
export function povertyByIdNumber(db: Db, pii: PiiCipher) {
  const lookup = createRegistryLookup(db, pii);
  return async (idNumber: string): Promise<PovertyOfIdNumber | null> => {
    const person = await lookup.byIdNumber(idNumber);
    return person ? { registeredPoor: person.registeredPoor, regionCode: person.regionCode } : null;
  };
}

export type PovertyByIdNumber = ReturnType<typeof povertyByIdNumber>;
