/**
 * Prisma migrations without Prisma's native schema engine (which cannot be downloaded offline):
 * the same folder layout and `_prisma_migrations` table as `prisma migrate`, driven through
 * @prisma/schema-engine-wasm and a driver adapter (PGlite or PostgreSQL).
 */
import type { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DiffTarget } from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  checksumMatches,
  defaultMigrationsDir,
  defaultSchemaPath,
  nextTimestamp,
  readMigrations,
  readSchema,
  toMigrationList,
  toSnakeName,
  writeMigration,
} from './migrations-folder.ts';
import { MigrationError, withSchemaEngine, withShadowEngine } from './schema-engine.ts';

export { MigrationError } from './schema-engine.ts';

export interface MigrationsOptions {
  /** Defaults to prisma/migrations in this repository. */
  migrationsDir?: string;
  log?: (message: string) => void;
}

export interface AuthoringOptions extends MigrationsOptions {
  /** A .prisma file or a folder of them; defaults to prisma/schema.prisma. */
  schemaPath?: string;
  /** An in-memory PGlite to replay migrations in, reused across calls (it is wiped each time). */
  shadow?: PGlite;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Started but never finished (and not rolled back): `prisma migrate resolve` territory. */
  failed: string[];
  /** Applied, but migration.sql changed since. */
  edited: string[];
  /** Applied in the database but absent from the folder (the folder is behind the database). */
  missing: string[];
}

export interface CreatedMigration {
  name: string;
  dir: string;
  sql: string;
}

const filters = { externalTables: [], externalEnums: [] };

export async function migrationStatus(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opts: MigrationsOptions = {},
): Promise<MigrationStatus> {
  const local = readMigrations(opts.migrationsDir ?? defaultMigrationsDir);
  const rows = await readHistory(factory);
  const live = rows.filter((row) => !row.rolledBack);
  const applied = new Map(live.filter((row) => row.finished).map((row) => [row.name, row.checksum]));
  const failed = [...new Set(live.filter((row) => !row.finished).map((row) => row.name))];
  const localNames = new Set(local.map((m) => m.name));
  return {
    applied: [...applied.keys()],
    pending: local.filter((m) => !applied.has(m.name) && !failed.includes(m.name)).map((m) => m.name),
    failed,
    edited: local
      .filter((m) => applied.has(m.name) && (m.script === null || !checksumMatches(m.script, applied.get(m.name)!)))
      .map((m) => m.name),
    missing: [...applied.keys()].filter((name) => !localNames.has(name)),
  };
}

/** Applies what `prisma migrate deploy` would; resolves to the names applied, in order. */
export async function applyPendingMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opts: MigrationsOptions = {},
): Promise<string[]> {
  const dir = opts.migrationsDir ?? defaultMigrationsDir;
  const log = opts.log ?? (() => {});
  const status = await migrationStatus(factory, { migrationsDir: dir });
  // The engine would only warn about an edited migration; a database that silently differs from
  // its recorded history is worse than a stopped deploy.
  if (status.edited.length > 0) {
    throw new MigrationError(
      `Migrations changed after they were applied: ${status.edited.join(', ')}. ` +
        'Restore their migration.sql, and put new changes in a new migration.',
      'EDITED',
    );
  }
  if (status.failed.length > 0) {
    throw new MigrationError(
      `Migrations failed earlier and block deploys: ${status.failed.join(', ')}. Undo any part of them that ` +
        'reached the database, run `tsx prisma/tools/migrate.ts resolve --rolled-back <name>`, and deploy again.',
      'FAILED',
    );
  }
  if (status.pending.length === 0) return [];
  log(`Applying ${status.pending.length} migration(s): ${status.pending.join(', ')}`);
  const list = toMigrationList(dir, readMigrations(dir));
  const { appliedMigrationNames } = await withSchemaEngine(factory, (engine) =>
    engine.applyMigrations({ migrationsList: list, filters }),
  );
  for (const name of appliedMigrationNames) log(`Applied ${name}`);
  return appliedMigrationNames;
}

/**
 * What `prisma migrate resolve --rolled-back` does: the failed attempt stays in _prisma_migrations
 * for the record, and the next deploy runs the migration again.
 */
export async function markMigrationRolledBack(
  factory: SqlMigrationAwareDriverAdapterFactory,
  name: string,
  opts: MigrationsOptions = {},
): Promise<void> {
  const status = await migrationStatus(factory, opts);
  if (!status.failed.includes(name)) {
    throw new MigrationError(`${name} is not a failed migration (failed: ${status.failed.join(', ') || 'none'}).`);
  }
  await withSchemaEngine(factory, (engine) => engine.markMigrationRolledBack({ migrationName: name }));
  opts.log?.(`Marked ${name} as rolled back`);
}

/**
 * Writes `<YYYYMMDDHHMMSS>_<name>/migration.sql` with the SQL that takes a database from the
 * existing migrations to the schema; null when they already agree.
 */
export async function createMigration(name: string, opts: AuthoringOptions = {}): Promise<CreatedMigration | null> {
  const dir = opts.migrationsDir ?? defaultMigrationsDir;
  const snake = toSnakeName(name);
  const { inSync, script } = await diffMigrationsToSchema(opts);
  if (inSync) {
    opts.log?.('No changes: the migrations already match the schema.');
    return null;
  }
  const folder = `${nextTimestamp(readMigrations(dir))}_${snake}`;
  const target = writeMigration(dir, folder, script);
  opts.log?.(`Created ${target}`);
  return { name: folder, dir: target, sql: script };
}

/** `script` is the SQL a new migration would need; empty when in sync. */
export async function checkMigrationsMatchSchema(
  opts: AuthoringOptions = {},
): Promise<{ inSync: boolean; script: string }> {
  return diffMigrationsToSchema(opts);
}

async function diffMigrationsToSchema(opts: AuthoringOptions): Promise<{ inSync: boolean; script: string }> {
  const dir = opts.migrationsDir ?? defaultMigrationsDir;
  const files = readSchema(opts.schemaPath ?? defaultSchemaPath);
  const migrations = readMigrations(dir);
  // Even with no migrations yet, diff from the (blank) shadow database rather than from `empty`:
  // `empty` lacks the public schema and would add a CREATE SCHEMA that `prisma migrate dev` never writes.
  const from: DiffTarget = { tag: 'migrations', ...toMigrationList(dir, migrations) };
  opts.log?.(`Replaying ${migrations.length} migration(s) in a shadow database`);
  // The engine replays them through the factory's connectToShadowDb(), i.e. in the in-memory PGlite.
  const result = await withShadowEngine(opts.shadow, (engine) =>
    engine.diff({ from, to: { tag: 'schemaDatamodel', files }, script: true, exitCode: true, filters }),
  );
  const inSync = result.exitCode === 0;
  return { inSync, script: inSync ? '' : (result.stdout ?? '') };
}

interface HistoryRow {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

async function readHistory(factory: SqlMigrationAwareDriverAdapterFactory): Promise<HistoryRow[]> {
  let adapter: SqlDriverAdapter | undefined;
  try {
    adapter = await factory.connect();
    const query = (sql: string) => adapter!.queryRaw({ sql, args: [], argTypes: [] });
    const exists = await query(
      `SELECT count(*)::int FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`,
    );
    if (Number(exists.rows[0]?.[0]) === 0) return [];
    const { rows } = await query(
      `SELECT migration_name, checksum, finished_at IS NOT NULL, rolled_back_at IS NOT NULL
         FROM _prisma_migrations ORDER BY started_at, migration_name`,
    );
    return rows.map(([name, checksum, finished, rolledBack]) => ({
      name: String(name),
      checksum: String(checksum),
      finished: finished === true,
      rolledBack: rolledBack === true,
    }));
  } catch (error) {
    throw new MigrationError(`Could not read the migration history: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  } finally {
    await adapter?.dispose();
  }
}
