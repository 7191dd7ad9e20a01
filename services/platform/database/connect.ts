import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { DEFAULT_CHECKPOINTS, keepCheckpointing, startParams } from './pglite-checkpoints.ts';
import type { DbLink } from '../database-link.ts';
import { WorkerPGlite } from './pglite-client.ts';

export interface DatabaseTarget {
  /** PostgreSQL connection string; when absent, the embedded PGlite in dataDir is used. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Use an in-memory PGlite (tests of pure database logic, migration shadow). */
  inMemory?: boolean;
  /** For an in-memory PGlite: start from this dump (`PGlite.dumpDataDir`) instead of an empty cluster. */
  template?: Blob | undefined;
  /** Where PGlite runs: its own worker thread (default) or this one (env PGLITE_THREAD=main). */
  thread?: 'worker' | 'main';
  /** The nice value PGlite's worker thread lowers itself to (Linux; PGLITE_NICE); absent or 0: unchanged. */
  nice?: number;
}

export interface AdapterHandle {
  kind: 'postgresql' | 'pglite';
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** A way for another thread to reach this database (../database-link.ts); absent when PGlite runs in this thread. */
  link?: () => DbLink;
  close(): Promise<void>;
}

/**
 * PGlite runs every statement synchronously, in WebAssembly, on the thread that calls it: in the
 * app's thread a campaign's long statements held a public search for seconds. By default it runs
 * in a worker thread (pglite-client.ts) and the app's loop only passes messages; `PGLITE_THREAD=main`
 * (or `thread: 'main'`) keeps it in this thread, with each query first waiting one turn of the loop.
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

interface OpenedPGlite {
  client: WorkerPGlite | PGlite;
  link?: () => DbLink;
  close(): Promise<void>;
}

async function openPGlite(target: DatabaseTarget): Promise<OpenedPGlite> {
  const dataDir = target.inMemory ? undefined : path.join(target.dataDir, 'pglite');
  if ((target.thread ?? process.env.PGLITE_THREAD) === 'main') {
    const pg = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(!dataDir && target.template ? { loadDataDir: target.template } : {}),
      startParams: startParams(PGlite.defaultStartParams, DEFAULT_CHECKPOINTS),
    });
    const checkpoints = keepCheckpointing(pg, DEFAULT_CHECKPOINTS, (error) =>
      console.error('embedded database: checkpoint failed', error),
    );
    return {
      client: turnTaking(pg),
      close: async () => {
        await checkpoints.stop();
        await pg.close();
      },
    };
  }
  const template = !dataDir && target.template ? await target.template.arrayBuffer() : undefined;
  const client = await WorkerPGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { template } : {}),
    ...(target.nice ? { nice: target.nice } : {}),
  });
  return { client, link: () => ({ kind: 'pglite', port: client.attach() }), close: () => client.close() };
}

/** Opens the database route the configuration asks for and returns a Prisma driver adapter factory. */
export async function openAdapter(target: DatabaseTarget): Promise<AdapterHandle> {
  if (target.databaseUrl) {
    const { databaseUrl } = target;
    const factory = new PrismaPg({ connectionString: databaseUrl, max: 10 });
    return {
      kind: 'postgresql',
      factory,
      link: () => ({ kind: 'postgresql', url: databaseUrl }),
      close: async () => {},
    };
  }
  if (target.inMemory) {
    const pg = await openPGlite(target);
    return {
      kind: 'pglite',
      factory: new PrismaPGlite(pg.client as PGlite),
      ...(pg.link ? { link: pg.link } : {}),
      close: pg.close,
    };
  }
  const release = acquireDataDirLock(target.dataDir);
  try {
    const pg = await openPGlite(target);
    return {
      kind: 'pglite',
      factory: new PrismaPGlite(pg.client as PGlite),
      ...(pg.link ? { link: pg.link } : {}),
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
