import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { acquireDataDirLock } from './data-dir-lock.ts';

export interface DatabaseTarget {
  /** PostgreSQL connection string; when absent, the embedded PGlite in dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Use an in-memory PGlite (tests of pure database logic, migration shadow). */
  inMemory?: boolean;
  /** For an in-memory PGlite: start from this dump (`PGlite.dumpDataDir`) instead of an empty cluster. */
  template?: Blob | undefined;
}

export interface AdapterHandle {
  kind: 'postgresql' | 'pglite';
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

/**
 * PGlite runs every statement synchronously on this thread, and its promises settle without going
 * back to the event loop: a chain of queries (a campaign's write step, a page read after page)
 * was one unbroken run of microtasks, measured at 300 queries in 0.9 s with not one timer firing
 * and a public search held 1.5 s during a campaign. Each query and script first waits one turn of
 * the loop, so timers and requests run between statements; a transaction's statements too.
 */
function turnTaking<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      if (key === 'query' || key === 'exec') {
        return async (...args: unknown[]) => {
          await nextTurn();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (key === 'transaction') {
        return (work: (tx: object) => unknown) => value.call(target, (tx: object) => work(turnTaking(tx)));
      }
      return value.bind(target);
    },
  });
}

/** Opens the database route the configuration asks for and returns a Prisma driver adapter factory. */
export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.databaseUrl) {
    const factory = new PrismaPg({ connectionString: target.databaseUrl, max: 10 });
    return { kind: 'postgresql', factory, close: async () => {} };
  }
  if (target.inMemory) {
    const pg = await PGlite.create(target.template ? { loadDataDir: target.template } : {});
    return { kind: 'pglite', factory: new PrismaPGlite(turnTaking(pg)), close: () => pg.close() };
  }
  const release = acquireDataDirLock(target.dataDir);
  try {
    const pg = await PGlite.create(path.join(target.dataDir, 'pglite'));
    return {
      kind: 'pglite',
      factory: new PrismaPGlite(turnTaking(pg)),
      close: async () => {
        try {
          await pg.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
