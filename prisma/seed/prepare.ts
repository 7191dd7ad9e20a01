import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { hashPassword, hashPhoneUsernames } from '../../services/identity/index.ts';
import { encryptHeldPhones } from '../../services/imports/index.ts';
import { encryptLegacyPhones } from '../../services/labourers/index.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import type { Db } from '../../services/platform/database/prisma.ts';
import { applyPendingMigrations } from '../tools/migrations.ts';
import { DEMO_PASSWORD, seedDemoAccounts, seedDemoData } from './demo.ts';
import { seedModuleDemos } from './demo-modules.ts';
import { seedInsuranceDemo } from './demo-insurance.ts';
import { seedNotificationsDemo } from './demo-notifications.ts';
import { seedPushesDemo } from './demo-pushes.ts';
import { seedFairsDemo } from './demo-fairs.ts';
import { seedCooperationDemo } from './demo-cooperation.ts';
import { seedTrainingDemo } from './demo-training.ts';
import { seedReportsDemo } from './demo-reports.ts';
import { seedGraduatesDemo } from './demo-graduates.ts';
import { seedSubsidiesDemo } from './demo-subsidies.ts';
import { seedTalentDemo } from './demo-talent.ts';
import { loadReferenceData } from './reference.ts';

export const DEMO_SIZE = { employers: 60, vacancies: 360, labourers: 2400 };

export interface PrepareOptions {
  factory: SqlMigrationAwareDriverAdapterFactory;
  db: Db;
  seedDemo: boolean;
  piiKey: string;
  log?: (message: string) => void;
  /** Called once the schema is up to date, before any data is written (the search drain starts here). */
  afterMigrations?: () => void;
}

/** Migrates, loads reference data and, on an empty database, builds the demo province. */
export async function prepareDatabase(options: PrepareOptions) {
  const log = options.log ?? (() => {});
  const applied = await applyPendingMigrations(options.factory, { log });
  if (applied.length) log(`database: applied ${applied.length} migration(s): ${applied.join(', ')}`);
  options.afterMigrations?.();
  // Data the migrations cannot convert without the app's key (see legacy-phones.repository.ts).
  const pii = new PiiCipher(options.piiKey);
  const phones = await encryptLegacyPhones(options.db, pii);
  const heldRows = await encryptHeldPhones(options.db, pii);
  const usernames = await hashPhoneUsernames(options.db, pii);
  if (phones || heldRows || usernames)
    log(
      `database: encrypted ${phones} phone(s) and ${heldRows} held import row(s) kept in clear, hashed ${usernames} phone username(s)`,
    );
  const reference = await loadReferenceData(options.db);
  if (reference.loaded) log('database: reference data loaded');
  if (!options.seedDemo || (await options.db.user.count()) > 0) return;
  log('database: empty, seeding the demo province');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const seeded = await seedDemoData(options.db, { ...DEMO_SIZE, piiKey: options.piiKey, log });
  await seedDemoAccounts(options.db, passwordHash, seeded.employerIds[0]!, seeded.labourerIds[0]!);
  // Order matters: notices and cooperation name the fairs, pushes and reports read everything before them.
  await seedModuleDemos(options.db, { ...seeded, piiKey: options.piiKey, log, passwordHash }, [
    seedFairsDemo,
    seedNotificationsDemo,
    seedCooperationDemo,
    seedTrainingDemo,
    seedPushesDemo,
    seedGraduatesDemo,
    seedInsuranceDemo,
    seedSubsidiesDemo,
    seedTalentDemo,
    seedReportsDemo,
  ]);
  log('database: demo accounts created (password WorkBridge-demo-1)');
}
