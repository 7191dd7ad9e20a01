import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { type AdapterHandle, openAdapter } from '../../services/platform/database/connect.ts';

/**
 * In-memory PGlite databases kept for the next test file of the same worker (the run does not
 * isolate files, so this module lives as long as the worker). Opening one from the run's dump
 * costs about two seconds of CPU (WebAssembly start, the dump unpacked, PostgreSQL started); putting
 * a used one back as the dump left it costs a few hundred milliseconds: every table emptied in
 * one TRUNCATE, the rows the dump held (the reference data) copied back from a schema of their own
 * made when the database was first opened, and every sequence set back where the dump had it.
 *
 * A database comes back only through its handle's close(), after its test closed its app and
 * Prisma client; one whose reset fails is closed for good.
 */

const BASELINE = 'wb_test_baseline';
const KEEP_IDLE = 2;

interface Pooled {
  handle: AdapterHandle;
  adapter: SqlDriverAdapter;
  /** The statements that put the database back as the dump left it, run one after another. */
  reset: string[];
}

const idle: Pooled[] = [];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function rows(adapter: SqlDriverAdapter, sql: string): Promise<unknown[][]> {
  const result = await adapter.queryRaw({ sql, args: [], argTypes: [] });
  return result.rows;
}

/**
 * Runs statements one after another, each awaited (pglite-prisma-adapter's executeScript does not
 * wait for its script, so a failure there would surface nowhere near its cause).
 */
async function run(adapter: SqlDriverAdapter, statements: string[]): Promise<void> {
  for (const sql of statements) await adapter.executeRaw({ sql, args: [], argTypes: [] });
}

/** Saves the fresh database's rows beside it and answers the statements that put them back. */
async function baseline(adapter: SqlDriverAdapter): Promise<string[]> {
  const tables = (
    await rows(
      adapter,
      `SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
    )
  ).map(([name]) => String(name));
  const counts = await rows(
    adapter,
    tables
      .map((t) => `SELECT '${t.replaceAll("'", "''")}'::text, count(*)::int FROM public.${quote(t)}`)
      .join(' UNION ALL '),
  );
  const filled = counts.filter(([, count]) => Number(count) > 0).map(([name]) => String(name));
  const sequences = await rows(
    adapter,
    `SELECT schemaname::text, sequencename::text, last_value::text FROM pg_sequences WHERE schemaname = 'public'`,
  );
  await run(adapter, [
    `CREATE SCHEMA ${BASELINE}`,
    ...filled.map((t) => `CREATE TABLE ${BASELINE}.${quote(t)} AS TABLE public.${quote(t)}`),
  ]);
  return [
    `TRUNCATE TABLE ${tables.map((t) => `public.${quote(t)}`).join(', ')} RESTART IDENTITY`,
    `SET session_replication_role = replica`,
    ...filled.map((t) => `INSERT INTO public.${quote(t)} SELECT * FROM ${BASELINE}.${quote(t)}`),
    `SET session_replication_role = DEFAULT`,
    ...sequences
      .filter(([, , last]) => last !== null)
      .map(([, name, last]) => `SELECT setval('public.${quote(String(name))}', ${String(last)}, true)`),
  ];
}

/** A database as the run's dump left it: a kept one put back, or a new one. */
export async function pooledPGlite(template: Blob | undefined): Promise<AdapterHandle> {
  const pooled =
    idle.pop() ??
    (await (async () => {
      const handle = await openAdapter({ dataDir: '', inMemory: true, template });
      const adapter = await handle.factory.connect();
      return { handle, adapter, reset: await baseline(adapter) };
    })());
  let returned = false;
  return {
    kind: 'pglite',
    factory: pooled.handle.factory,
    ...(pooled.handle.link ? { link: pooled.handle.link } : {}),
    close: async () => {
      if (returned) return;
      returned = true;
      if (idle.length >= KEEP_IDLE) return pooled.handle.close();
      try {
        await run(pooled.adapter, pooled.reset);
        idle.push(pooled);
      } catch {
        await pooled.handle.close();
      }
    },
  };
}
