import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { prepareDatabase } from '../../../prisma/seed/prepare.ts';
import { type AdapterHandle, openAdapter } from './connect.ts';
import { walSinceCheckpoint } from './pglite-checkpoints.ts';
import { WorkerPGlite } from './pglite-client.ts';
import { threadNice } from '../thread-priority.ts';
import { createPrismaClient, type Db } from './prisma.ts';

/** A client of its own on the run's migrated template (an empty cluster's initdb costs seconds). */
function fresh(): Promise<WorkerPGlite> {
  const file = inject('pgliteTemplate');
  return WorkerPGlite.create(file ? { template: new Uint8Array(fs.readFileSync(file)).buffer } : {});
}

/** PGlite in its own worker thread, through Prisma as the app uses it and through the client itself. */
describe('embedded database in a worker thread', () => {
  let handle: AdapterHandle;
  let db: Db;
  beforeAll(async () => {
    const file = inject('pgliteTemplate');
    const template = file ? new Blob([fs.readFileSync(file)]) : undefined;
    handle = await openAdapter({ dataDir: '', inMemory: true, thread: 'worker', template });
    db = createPrismaClient(handle.factory);
    await db.$executeRawUnsafe('CREATE TABLE person (id int PRIMARY KEY, name text UNIQUE, born timestamptz)');
  });
  afterAll(async () => {
    await db.$disconnect();
    await handle.close();
  });

  it('answers queries with the adapter’s value parsing (dates, big integers, bytes, JSON)', async () => {
    const [row] = await db.$queryRaw<Array<Record<string, unknown>>>`
      SELECT 9007199254740993::int8 AS big, '2026-01-02 03:04:05+00'::timestamptz AS at,
             '\\x0102'::bytea AS bytes, '{"a":[1,2]}'::jsonb AS doc, ARRAY['x','y'] AS list`;
    expect(row).toEqual({
      big: 9007199254740993n,
      at: new Date('2026-01-02T03:04:05Z'),
      bytes: new Uint8Array([1, 2]),
      doc: { a: [1, 2] },
      list: ['x', 'y'],
    });
  });

  it('reports a unique violation as Prisma’s P2002 and other database errors with their code', async () => {
    await db.$executeRaw`INSERT INTO person (id, name) VALUES (1, 'A')`;
    const cause = (error: unknown) =>
      (error as { meta: { driverAdapterError: { cause: unknown } } }).meta.driverAdapterError.cause;
    const duplicate = await db.$executeRaw`INSERT INTO person (id, name) VALUES (2, 'A')`.catch(cause);
    expect(duplicate).toMatchObject({ kind: 'UniqueConstraintViolation', originalCode: '23505' });
    const missing = await db.$queryRawUnsafe('SELECT * FROM no_such_table').catch(cause);
    expect(missing).toMatchObject({ kind: 'TableDoesNotExist', originalCode: '42P01' });
    // A model write maps the unique violation to P2002, the code the app tests for.
    const client = await fresh();
    try {
      await client.exec('CREATE TABLE t (k text UNIQUE)');
      await client.query('INSERT INTO t VALUES ($1)', ['k']);
      const failure = await client.query('INSERT INTO t VALUES ($1)', ['k']).catch((error: unknown) => error);
      const { messages } = await import('@electric-sql/pglite');
      expect(failure).toBeInstanceOf(messages.DatabaseError);
      expect(failure).toMatchObject({ code: '23505', constraint: 't_k_key', severity: 'ERROR' });
    } finally {
      await client.close();
    }
  });

  it('commits a transaction as one and rolls one back when its work throws', async () => {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO person (id, name) VALUES (10, 'B')`;
      await tx.$executeRaw`INSERT INTO person (id, name) VALUES (11, 'C')`;
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO person (id, name) VALUES (12, 'D')`;
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    // A failing statement inside a transaction rolls the whole of it back.
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO person (id, name) VALUES (13, 'E')`;
        await tx.$executeRaw`INSERT INTO person (id, name) VALUES (14, 'B')`;
      }),
    ).rejects.toMatchObject({ code: 'P2010' });
    const ids = await db.$queryRaw<Array<{ id: number }>>`SELECT id FROM person WHERE id >= 10 ORDER BY id`;
    expect(ids.map((r) => r.id)).toEqual([10, 11]);
  });

  it('lets queries sent during a transaction wait for it, then see its writes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO person (id, name) VALUES (20, 'F')`;
      await gate;
      await tx.$executeRaw`INSERT INTO person (id, name) VALUES (21, 'G')`;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM person WHERE id IN (20, 21)`;
    let answered = false;
    void outside.then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    release();
    await transaction;
    expect(await outside).toEqual([{ n: 2 }]);
  });

  it('rejects queries after close, and closing twice is harmless', async () => {
    const client = await fresh();
    expect((await client.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    await client.close();
    await client.close();
    await expect(client.query('SELECT 1')).rejects.toThrow('closed');
  });

  it('fails pending and later queries with a clear error when the worker dies', async () => {
    const client = await fresh();
    const pending = client.query('SELECT pg_sleep(1)');
    await (client as unknown as { owner: { terminate(): Promise<number> } }).owner.terminate();
    await expect(pending).rejects.toThrow('embedded database worker stopped');
    await expect(client.query('SELECT 1')).rejects.toThrow('embedded database worker stopped');
    await client.close();
  });

  it('serves another thread on an attached port; a thread that ends inside a transaction has it rolled back', async () => {
    const client = await fresh();
    try {
      await client.exec('CREATE TABLE t (k int)');
      // A client over an attached port, as an import's writer opens it in the reader's thread.
      const other = WorkerPGlite.overPort(client.attach());
      await other.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
      });
      await expect(
        other.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          throw new Error('abandoned');
        }),
      ).rejects.toThrow('abandoned');
      await other.close();
      await expect(other.query('SELECT 1')).rejects.toThrow('closed');
      expect((await client.query('SELECT array_agg(k) AS ks FROM t')).rows).toEqual([{ ks: [1] }]);

      // A thread that begins a transaction on its port, writes, and is ended before it commits.
      const port = client.attach();
      const thread = new Worker(
        `const { parentPort, workerData: { port } } = require('node:worker_threads');
         port.on('message', (reply) => {
           if (reply.id === 1) port.postMessage({ op: 'query', sql: 'INSERT INTO t VALUES (3)', params: [], tx: 1, id: 2 });
           if (reply.id === 2) parentPort.postMessage(reply.ok ? 'holding' : reply.error.message);
         });
         port.postMessage({ op: 'begin', id: 1 });`,
        { eval: true, workerData: { port }, transferList: [port] },
      );
      expect(await new Promise((resolve) => thread.once('message', resolve))).toBe('holding');
      // Its transaction holds the database: the app's query waits…
      let answered = false;
      const outside = client.query('SELECT array_agg(k ORDER BY k) AS ks FROM t');
      void outside.then(() => (answered = true));
      await sleep(100);
      expect(answered).toBe(false);
      // …until the thread ends, when its transaction rolls back.
      await thread.terminate();
      expect((await outside).rows).toEqual([{ ks: [1] }]);
      // An attached client cannot close the database for everyone.
      const third = client.attach();
      const refusal = new Promise((resolve) => third.once('message', resolve));
      third.postMessage({ op: 'close', id: 7 });
      expect(await refusal).toMatchObject({
        id: 7,
        ok: false,
        error: { message: 'close is not for an attached client' },
      });
      third.close();
      expect((await client.query('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    } finally {
      await client.close();
    }
  });

  it.runIf(process.platform === 'linux')(
    'runs its thread at the nice value asked for (PGLITE_NICE), and leaves the app thread as it was',
    async () => {
      const threadsAt = (nice: number) =>
        fs.readdirSync('/proc/self/task').filter((tid) => {
          try {
            return os.getPriority(Number(tid)) === nice;
          } catch {
            return false;
          }
        }).length;
      const before = threadsAt(7);
      const appThread = threadNice();
      const file = inject('pgliteTemplate');
      const template = file ? new Blob([fs.readFileSync(file)]) : undefined;
      const niced = await openAdapter({ dataDir: '', inMemory: true, template, nice: 7 });
      try {
        expect(threadsAt(7)).toBe(before + 1);
        expect(threadNice()).toBe(appThread);
      } finally {
        await niced.close();
      }
    },
  );

  it('starts an in-memory database from the test template; a duplicate key on a model write is P2002', async () => {
    // The run's migrated PGlite dump; a run against PostgreSQL has none, so the worker's database is
    // migrated and given its reference data here instead.
    const file = inject('pgliteTemplate');
    const test = await openAdapter({
      dataDir: '',
      inMemory: true,
      thread: 'worker',
      template: file ? new Blob([fs.readFileSync(file)]) : undefined,
    });
    try {
      const testDb = createPrismaClient(test.factory);
      if (!file) await prepareDatabase({ factory: test.factory, db: testDb, seedDemo: false, piiKey: '0'.repeat(64) });
      const region = await testDb.region.findFirstOrThrow({ where: { code: '35' } });
      await expect(testDb.region.create({ data: { ...region, name: '又一个' } })).rejects.toMatchObject({
        code: 'P2002',
      });
      await testDb.$disconnect();
    } finally {
      await test.close();
    }
  });
});

/**
 * PGlite has no checkpointer process: once the log since the last checkpoint reaches the size at
 * which the backend asks for one (about half of max_wal_size), the statement under way spins for
 * good. Here max_wal_size is 128 MB (the request at ~48 MB) and 150 MB of log are written; the
 * worker's own checkpoints (every 8 MB) keep the database answering. Without them the third
 * hundred-odd rows never returned.
 */
describe('embedded database on disk under a long stream of writes', () => {
  it('checkpoints by itself before the log reaches the size at which PGlite hangs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-checkpoints-'));
    const pg = await WorkerPGlite.create({
      dataDir: dir,
      checkpoints: { maxWalSize: '128MB', afterBytes: 8 * 1024 * 1024, everyMs: 10 },
    });
    try {
      await pg.exec('CREATE TABLE filler (id serial PRIMARY KEY, pad text)');
      const since: number[] = [];
      for (let i = 0; i < 30; i++) {
        // About 5 MB of log a statement.
        await pg.exec(`INSERT INTO filler (pad) SELECT repeat('x', 900) FROM generate_series(1, 5000)`);
        since.push(await walSinceCheckpoint(pg as never));
        await sleep(15);
      }
      expect((await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM filler')).rows[0]!.n).toBe(150_000);
      // The log never got near the ~48 MB at which the backend would have asked for a checkpoint.
      expect(Math.max(...since)).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await pg.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
