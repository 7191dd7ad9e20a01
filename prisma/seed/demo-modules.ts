import type { Db } from '../../services/platform/database/prisma.ts';

export interface ModuleSeedContext {
  piiKey: string;
  log: (message: string) => void;
  employerIds: string[];
  vacancyIds: string[];
  labourerIds: string[];
  /** Hash of the demo password, for any extra demo accounts. */
  passwordHash: string;
}

export type ModuleSeeder = (db: Db, context: ModuleSeedContext) => Promise<void>;

/** Demo data of the later modules (fairs, cooperation, pushes, reports), run after the core demo. */
export async function seedModuleDemos(db: Db, context: ModuleSeedContext, seeders: ModuleSeeder[] = []) {
  for (const seed of seeders) await seed(db, context);
}

/** A demo person's 建档立卡 status: from the poverty office's list, or unconfirmed for a self-registrant. */
export function povertyOf(status: 'lifted_out' | 'registered', selfRegistered: boolean, at: Date) {
  return selfRegistered
    ? { povertyStatus: 'unconfirmed' as const }
    : { povertyStatus: status, povertyConfirmedAt: at, povertyConfirmedVia: 'poverty_office_import' as const };
}
