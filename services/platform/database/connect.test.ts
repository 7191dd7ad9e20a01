import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdapterHandle, openAdapter } from './connect.ts';
import { createPrismaClient, type Db } from './prisma.ts';

/** Counts how often a 1 ms timer fires while `work` runs: zero means the work never let the loop turn. */
async function timerTicksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

describe('embedded database connection', () => {
  let handle: AdapterHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await openAdapter({ dataDir: '', inMemory: true });
    db = createPrismaClient(handle.factory);
    await db.$queryRaw`SELECT 1`;
  });
  afterAll(async () => {
    await db.$disconnect();
    await handle.close();
  });

  it('lets timers and requests run between the queries of a chain', async () => {
    const ticks = await timerTicksDuring(async () => {
      for (let i = 0; i < 100; i++) await db.$queryRaw`SELECT generate_series(1, 100)`;
    });
    expect(ticks).toBeGreaterThan(0);
  });

  it('lets timers run between the statements of a transaction, which still commits as one', async () => {
    await db.$executeRawUnsafe('CREATE TABLE turn_test (n int)');
    const ticks = await timerTicksDuring(() =>
      db.$transaction(async (tx) => {
        for (let i = 0; i < 100; i++) await tx.$executeRaw`INSERT INTO turn_test VALUES (${i})`;
      }),
    );
    expect(ticks).toBeGreaterThan(0);
    expect(await db.$queryRaw`SELECT count(*)::int AS n FROM turn_test`).toEqual([{ n: 100 }]);
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO turn_test VALUES (-1)`;
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    expect(await db.$queryRaw`SELECT count(*)::int AS n FROM turn_test`).toEqual([{ n: 100 }]);
  });
});
