/**
 * `npm run db:migrate*`: Prisma migrations through the wasm schema engine.
 *
 *   create --name <name> [--schema <path>]   write a migration for the schema changes (or say "no changes")
 *   deploy                                   apply pending migrations to the configured database
 *   status                                   list applied/pending; exit 1 unless up to date
 *   check                                    exit 1, printing the needed SQL, if schema and migrations disagree
 *   resolve --rolled-back <name>             mark a failed migration rolled back so deploy retries it
 *
 * `--migrations <dir>` points any command at another migrations folder (default prisma/migrations).
 * The database is PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR (./data).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAdapter, type AdapterHandle } from '../../services/platform/database/connect.ts';
import {
  applyPendingMigrations,
  checkMigrationsMatchSchema,
  createMigration,
  markMigrationRolledBack,
  migrationStatus,
} from './migrations.ts';

const log = (message: string) => console.log(message);

async function withDatabase<T>(work: (db: AdapterHandle) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR || './data');
  const db = await openAdapter({ databaseUrl, dataDir });
  log(db.kind === 'postgresql' ? 'Database: PostgreSQL (DATABASE_URL)' : `Database: PGlite in ${dataDir}`);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function list(title: string, names: string[]): void {
  if (names.length > 0) log(`${title}:\n${names.map((name) => `  ${name}`).join('\n')}`);
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      schema: { type: 'string' },
      migrations: { type: 'string' },
      'rolled-back': { type: 'string' },
    },
  });
  const command = positionals[0];
  const migrationsDir = values.migrations ? path.resolve(values.migrations) : undefined;
  const schemaPath = values.schema ? path.resolve(values.schema) : undefined;
  switch (command) {
    case 'create': {
      if (!values.name) throw new Error('create needs a name: migrate.ts create --name add_job_tags');
      const created = await createMigration(values.name, { schemaPath, migrationsDir, log });
      if (created) log(path.relative(process.cwd(), created.dir) || created.dir);
      return 0;
    }
    case 'deploy': {
      const applied = await withDatabase((db) => applyPendingMigrations(db.factory, { migrationsDir, log }));
      log(applied.length === 0 ? 'No pending migrations.' : `Applied ${applied.length} migration(s).`);
      return 0;
    }
    case 'status': {
      const status = await withDatabase((db) => migrationStatus(db.factory, { migrationsDir }));
      list('Applied', status.applied);
      list('Pending', status.pending);
      list('Failed (run `resolve --rolled-back <name>` once repaired)', status.failed);
      list('Edited after being applied', status.edited);
      list('Applied but missing from the migrations folder', status.missing);
      const problems = status.pending.length + status.failed.length + status.edited.length + status.missing.length;
      if (problems === 0) log(`Database is up to date (${status.applied.length} migration(s)).`);
      return problems === 0 ? 0 : 1;
    }
    case 'check': {
      const { inSync, script } = await checkMigrationsMatchSchema({ schemaPath, migrationsDir });
      if (inSync) {
        log('The migrations match the schema.');
        return 0;
      }
      console.error('The schema and the migrations disagree. A new migration needs:\n');
      console.log(script.trimEnd());
      console.error('\nCreate it with: npm run db:migrate:create -- --name <what_changed>');
      return 1;
    }
    case 'resolve': {
      const name = values['rolled-back'];
      if (!name) throw new Error('resolve needs the failed migration: migrate.ts resolve --rolled-back <name>');
      await withDatabase((db) => markMigrationRolledBack(db.factory, name, { migrationsDir, log }));
      return 0;
    }
    default:
      throw new Error(
        `${command ? `Unknown command "${command}"` : 'No command given'}; use create, deploy, status, check or resolve.`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
