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
