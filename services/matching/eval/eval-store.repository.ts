import { prepareDatabase } from '../../../prisma/seed/prepare.ts';
import { OutboxDrain } from '../../../search-index/outbox.ts';
import { openAdapter } from '../../platform/database/connect.ts';
import { createPrismaClient } from '../../platform/database/prisma.ts';
import { createReferenceRepository } from '../../platform/reference/reference.repository.ts';
import { createMatchingRepository } from '../matching.repository.ts';
import { createFixtureRepository } from './fixture.repository.ts';

/**
 * The evaluation's own database: a fresh in-memory one, migrated and holding the reference data,
 * with the repositories the harness writes the fixture through and ranks from.
 */
export async function openEvalStore(piiKey: string) {
  const handle = await openAdapter({ inMemory: true, dataDir: '' });
  const db = createPrismaClient(handle.factory);
  const close = async () => {
    await db.$disconnect();
    await handle.close();
  };
  try {
    await prepareDatabase({ factory: handle.factory, db, seedDemo: false, piiKey });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    fixtures: createFixtureRepository(db),
    matching: createMatchingRepository(db),
    reference: createReferenceRepository(db),
    /** Sends every row queued for the search index to the indexes under `prefix`. */
    drain: (meili: ConstructorParameters<typeof OutboxDrain>[1], prefix: string) =>
      new OutboxDrain(db, meili, prefix, { batchSize: 2000 }).drainAll(),
    close,
  };
}
