import { claimFor, seedProgrammes } from '../../services/subsidies/index.ts';
import type { ModuleSeeder } from './demo-modules.ts';

/**
 * Demo data of the claim engine: the programmes with the province's rules, and a registered poor
 * labourer who registered a business with a start-up support claim waiting to be checked, so the
 * claims list and a claim's page have something to show. The labourer is the demo account's
 * person when there is one, so 我的补贴 shows the claim too.
 */
export const seedSubsidiesDemo: ModuleSeeder = async (db, { log }) => {
  await seedProgrammes(db);
  const account = await db.user.findUnique({ where: { username: 'labourer.demo' }, select: { labourerId: true } });
  const person = await db.labourer.findFirst({
    where: {
      povertyStatus: 'registered',
      erasedAt: null,
      regionCode: { startsWith: '350821' },
      ...(account?.labourerId ? { id: account.labourerId } : {}),
    },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  if (!person) return;
  await db.businessRegistration.create({
    data: { labourerId: person.id, name: '长汀县客家米粉小吃店', registeredOn: new Date('2026-03-01T00:00:00Z') },
  });
  await claimFor(db, {
    programmeCode: 'startup_support',
    labourerId: person.id,
    evidence: { business_licence: '92350821MA8DEMO01X' },
  });
  log('database: a start-up support claim for the demo');
};
