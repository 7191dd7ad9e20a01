import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DbLink } from '../database-link.ts';
import { PrismaClient } from './generated/client.ts';

export type Db = InstanceType<typeof PrismaClient>;
export type { Prisma } from './generated/client.ts';

/**
 * Interactive transactions on the embedded database. Its statements let the event loop turn
 * between them (see `openAdapter`), so Prisma's timers now run there as they do on PostgreSQL;
 * before, they could not fire until the transaction had ended. The defaults (5 s to finish, 2 s to
 * get the connection) are for a server: here one connection in the app's own process serves every
 * query one after another, and a 1,000-row seed transaction took 5-6 s on a loaded 2-core machine.
 */
const EMBEDDED_TRANSACTIONS = { timeout: 30_000, maxWait: 30_000 };

/** Each client's way for another thread to reach the same database (see ../database-link.ts). */
const links = new WeakMap<Db, () => DbLink>();

/** `link`: the adapter's (AdapterHandle.link), so work on this client can move to another thread. */
export function createPrismaClient(factory: SqlMigrationAwareDriverAdapterFactory, link?: () => DbLink): Db {
  const embedded = factory.adapterName === 'pglite-prisma-adapter';
  const db = new PrismaClient({ adapter: factory, ...(embedded ? { transactionOptions: EMBEDDED_TRANSACTIONS } : {}) });
  if (link) links.set(db, link);
  return db;
}

/** Whether another thread can reach this client's database (`databaseLink` makes a link; this does not). */
export const hasDatabaseLink = (db: Db): boolean => links.has(db);

/** A new link to this client's database for another thread; none when it cannot have one. */
export function databaseLink(db: Db): DbLink | undefined {
  return links.get(db)?.();
}
