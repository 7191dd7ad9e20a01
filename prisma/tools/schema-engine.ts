import fs from 'node:fs';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

export type SchemaEngine = bg.SchemaEngine;

/** A migration problem with a message meant for the person running the command. */
export class MigrationError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

let wasmReady: Promise<void> | undefined;
let lastPanic: string | undefined;

// The package's own entry imports the .wasm file as an ES module, which only bundlers understand.
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m) => (lastPanic = m) };
    const jsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = fs.readFileSync(jsPath.replace(/\.js$/, '.wasm'));
    // While applying migrations the engine arms 10 s timeout timers and never clears them, which
    // held every deploy open for 10 s after its work was done; unref'd, they no longer keep Node alive.
    const imports: Record<string, unknown> = { ...bg };
    for (const key of Object.keys(imports).filter((k) => k.startsWith('__wbg_setTimeout_'))) {
      imports[key] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports as never });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  })().catch((error: unknown) => {
    wasmReady = undefined;
    throw error;
  });
  return wasmReady;
}

type ScriptRunner = (script: string) => Promise<void>;

/**
 * Both adapters run migration scripts in ways that differ from the native engine, which sends the
 * whole script as one simple query (one implicit transaction): pglite-prisma-adapter 0.7.2 does not
 * await `exec()`, so a failing script looks successful and its rejection crashes the process, and
 * @prisma/adapter-pg splits the script on every `;` (breaking `$$` bodies and string literals) and
 * runs the pieces on whatever pool connection is free.
 */
function wholeScriptRunner(adapter: SqlDriverAdapter): ScriptRunner | undefined {
  const internals = adapter as unknown as {
    client: { exec?(sql: string): Promise<unknown>; query?(sql: string): Promise<unknown> };
    onError(error: unknown): never;
  };
  const run =
    adapter.adapterName === 'pglite-prisma-adapter'
      ? (sql: string) => internals.client.exec!(sql)
      : adapter.adapterName === '@prisma/adapter-pg'
        ? (sql: string) => internals.client.query!(sql)
        : undefined;
  if (!run) return undefined;
  return async (script) => {
    try {
      await run(script);
    } catch (error) {
      internals.onError(error);
    }
  };
}

/** Wraps a factory so every adapter it hands out runs scripts safely and is disposed exactly once. */
function guardFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const state: { scriptError?: unknown } = {};
  const guard = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const runScript = wholeScriptRunner(adapter);
    if (runScript) {
      adapter.executeScript = async (script) => {
        try {
          await runScript(script);
        } catch (error) {
          // The engine reports only its own summary ("No such table: x"); keep the database's words.
          state.scriptError = error;
          throw error;
        }
      };
    }
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return;
      await dispose();
    };
    open.add(adapter);
    return adapter;
  };
  const guarded: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => guard(await factory.connect()),
    connectToShadowDb: async () => guard(await factory.connectToShadowDb()),
  };
  const disposeAll = async () => {
    await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
  };
  return { guarded, disposeAll, state };
}

function databaseMessage(error: unknown): string {
  const e = error as { message?: string; cause?: { originalMessage?: string; originalCode?: string } };
  const message = e.cause?.originalMessage ?? e.message ?? String(error);
  return e.cause?.originalCode ? `${message} (SQLSTATE ${e.cause.originalCode})` : message;
}

function asMigrationError(error: unknown, scriptError: unknown): MigrationError {
  if (error instanceof MigrationError) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    // No call into a wasm instance is safe after a panic: load a fresh one next time.
    wasmReady = undefined;
    const message = `The Prisma schema engine crashed: ${lastPanic ?? error.message}`;
    lastPanic = undefined;
    return new MigrationError(message, undefined, { cause: error });
  }
  const { message = String(error), code } = error as { message?: string; code?: string };
  // Drop the engine's span trace ("   0: sql_schema_connector::..."), which helps nobody here.
  const summary = message
    .split(/\n\s+0: /)[0]!
    .replace(/^external connector error$\n?/m, '')
    .trim();
  const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
  const detail = scriptError ? databaseMessage(scriptError) : undefined;
  if (migration && detail) {
    return new MigrationError(`Migration ${migration} failed: ${detail}`, code ?? 'P3018', { cause: error });
  }
  return new MigrationError(detail ? `${summary}: ${detail}` : summary, code, { cause: error });
}

/** Runs `work` with a schema engine whose main database is the factory's; cleans up either way. */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const { guarded, disposeAll, state } = guardFactory(factory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: undefined },
      () => {},
      bindMigrationAwareSqlAdapterFactory(guarded),
    );
    return await work(engine);
  } catch (error) {
    throw asMigrationError(error, state.scriptError);
  } finally {
    try {
      engine?.free();
    } finally {
      await disposeAll();
    }
  }
}

/**
 * Runs `work` with an engine over a blank in-memory PGlite that serves as both main and shadow
 * database (a diff never touches the main one). Starting PGlite costs seconds, so a caller may pass
 * its own instance to reuse; it is wiped first.
 */
export async function withShadowEngine<T>(
  reuse: PGlite | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const pg = reuse ?? (await PGlite.create());
  try {
    await wipe(pg);
    const base = new PrismaPGlite(pg);
    const shadowFactory: SqlMigrationAwareDriverAdapterFactory = {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: () => base.connect(),
      connectToShadowDb: () => base.connect(),
    };
    return await withSchemaEngine(shadowFactory, work);
  } finally {
    if (!reuse) await pg.close();
  }
}

async function wipe(pg: PGlite): Promise<void> {
  const { rows } = await pg.query<{ name: string }>(
    `SELECT nspname AS name FROM pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
  );
  const drops = rows.map((row) => `DROP SCHEMA "${row.name.replaceAll('"', '""')}" CASCADE;`);
  await pg.exec(`${drops.join('\n')}\nCREATE SCHEMA public;`);
}
