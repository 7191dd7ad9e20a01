import path from 'node:path';
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

/** Opens the database route the configuration asks for and returns a Prisma driver adapter factory. */
export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.databaseUrl) {
    const factory = new PrismaPg({ connectionString: target.databaseUrl, max: 10 });
    return { kind: 'postgresql', factory, close: async () => {} };
  }
  if (target.inMemory) {
    const pg = await PGlite.create(target.template ? { loadDataDir: target.template } : {});
    return { kind: 'pglite', factory: new PrismaPGlite(pg), close: () => pg.close() };
  }
  const release = acquireDataDirLock(target.dataDir);
  try {
    const pg = await PGlite.create(path.join(target.dataDir, 'pglite'));
    return {
      kind: 'pglite',
      factory: new PrismaPGlite(pg),
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
