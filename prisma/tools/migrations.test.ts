import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPendingMigrations,
  checkMigrationsMatchSchema,
  createMigration,
  markMigrationRolledBack,
  MigrationError,
  migrationStatus,
} from './migrations.ts';

interface Database {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

interface Target {
  name: string;
  open(): Promise<Database>;
}

const pgliteTarget: Target = {
  name: 'PGlite',
  async open() {
    const db = await PGlite.create();
    return { factory: new PrismaPGlite(db), close: () => db.close() };
  },
};

// Runs when DATABASE_URL names a PostgreSQL server: a scratch database is created there and dropped.
const postgresTarget: Target = {
  name: 'PostgreSQL',
  async open() {
    const serverUrl = process.env.DATABASE_URL!;
    const name = `wb_mig_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      factory: new PrismaPg({ connectionString: url.toString() }),
      async close() {
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      },
    };
  },
};

const targets = [pgliteTarget, ...(process.env.DATABASE_URL ? [postgresTarget] : [])];

const SCHEMA_V1 = `
datasource db {
  provider = "postgresql"
}

enum Status {
  open
  closed
}

model Job {
  id     Int    @id @default(autoincrement())
  title  String
  status Status @default(open)
}
`;

const SCHEMA_V2 =
  SCHEMA_V1.replace(
    '  status Status @default(open)\n',
    '  status Status @default(open)\n  tags   String[]\n  pay    Int?\n',
  ) +
  `
model Employer {
  id   Int    @id
  name String @unique
}
`;

// Starting PGlite costs seconds: one shadow serves every authoring call in this file.
let shadow: PGlite;
beforeAll(async () => {
  shadow = await PGlite.create();
}, 60_000);
afterAll(async () => {
  await shadow?.close();
});

async function tableExists(factory: SqlMigrationAwareDriverAdapterFactory, table: string): Promise<boolean> {
  const adapter = await factory.connect();
  try {
    const { rows } = await adapter.queryRaw({
      sql: `SELECT count(*)::int FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '${table}'`,
      args: [],
      argTypes: [],
    });
    return Number(rows[0]?.[0]) > 0;
  } finally {
    await adapter.dispose();
  }
}

describe.each(targets.map((t) => [t.name, t] as const))('migrations on %s', { timeout: 60_000 }, (_, target) => {
  let tmp: string;
  let schemaPath: string;
  let migrationsDir: string;
  let db: Database;
  let first: string;
  let second: string;
  const authoring = () => ({ schemaPath, migrationsDir, shadow });

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-migrations-'));
    schemaPath = path.join(tmp, 'schema.prisma');
    migrationsDir = path.join(tmp, 'migrations');
    fs.writeFileSync(schemaPath, SCHEMA_V1);
    db = await target.open();
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('creates the initial migration from nothing, in the prisma migrate layout', async () => {
    const created = await createMigration('Init', authoring());
    expect(created).not.toBeNull();
    first = created!.name;
    expect(first).toMatch(/^\d{14}_init$/);
    expect(created!.dir).toBe(path.join(migrationsDir, first));
    expect(fs.readFileSync(path.join(created!.dir, 'migration.sql'), 'utf8')).toBe(created!.sql);
    expect(created!.sql).toContain(`CREATE TYPE "Status" AS ENUM ('open', 'closed');`);
    expect(created!.sql).toContain('CREATE TABLE "Job"');
    expect(created!.sql).not.toContain('CREATE SCHEMA');
    expect(fs.readFileSync(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
  });

  it('applies it and reports it applied; a second deploy has nothing to do', async () => {
    expect(await migrationStatus(db.factory, { migrationsDir })).toEqual({
      applied: [],
      pending: [first],
      failed: [],
      edited: [],
      missing: [],
    });
    const messages: string[] = [];
    expect(await applyPendingMigrations(db.factory, { migrationsDir, log: (m) => messages.push(m) })).toEqual([first]);
    expect(messages.join('\n')).toContain(`Applied ${first}`);
    expect(await migrationStatus(db.factory, { migrationsDir })).toEqual({
      applied: [first],
      pending: [],
      failed: [],
      edited: [],
      missing: [],
    });
    expect(await applyPendingMigrations(db.factory, { migrationsDir })).toEqual([]);
    expect(await tableExists(db.factory, 'Job')).toBe(true);
  });

  it('detects a schema change, creates the second migration, and is in sync after it', async () => {
    expect(await checkMigrationsMatchSchema(authoring())).toEqual({ inSync: true, script: '' });

    fs.writeFileSync(schemaPath, SCHEMA_V2);
    const check = await checkMigrationsMatchSchema(authoring());
    expect(check.inSync).toBe(false);
    expect(check.script).toContain('ALTER TABLE "Job" ADD COLUMN');
    expect(check.script).toContain('CREATE TABLE "Employer"');

    const created = await createMigration('add employer & tags', authoring());
    second = created!.name;
    expect(second).toMatch(/^\d{14}_add_employer_tags$/);
    expect(second > first).toBe(true); // created within the same second as the first, still ordered
    expect(created!.sql).toBe(check.script);

    expect(await checkMigrationsMatchSchema(authoring())).toEqual({ inSync: true, script: '' });
    expect(await createMigration('nothing', authoring())).toBeNull();

    expect((await migrationStatus(db.factory, { migrationsDir })).pending).toEqual([second]);
    expect(await applyPendingMigrations(db.factory, { migrationsDir })).toEqual([second]);
    expect(await migrationStatus(db.factory, { migrationsDir })).toMatchObject({
      applied: [first, second],
      pending: [],
    });
    expect(await tableExists(db.factory, 'Employer')).toBe(true);
  });

  it('rejects a broken migration with the database error, without an unhandled rejection', async () => {
    const broken = '29990101000000_broken';
    const file = path.join(migrationsDir, broken, 'migration.sql');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n');

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const attempt = applyPendingMigrations(db.factory, { migrationsDir });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toThrow(
        `Migration ${broken} failed: relation "NoSuchTable" does not exist (SQLSTATE 42P01)`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);

    // The script ran as one transaction, like under the native engine: nothing of it remains.
    expect(await tableExists(db.factory, 'Half')).toBe(false);
    expect((await migrationStatus(db.factory, { migrationsDir })).failed).toEqual([broken]);
    await expect(applyPendingMigrations(db.factory, { migrationsDir })).rejects.toMatchObject({ code: 'FAILED' });

    // Authoring replays every migration, so the broken one stops it too, with a clear message.
    await expect(checkMigrationsMatchSchema(authoring())).rejects.toThrow(
      /failed to apply cleanly to the shadow database/,
    );

    // A `;` inside a function body must not split the script (@prisma/adapter-pg's executeScript would).
    fs.writeFileSync(
      file,
      'CREATE TABLE "Half" ("id" INTEGER);\n' +
        'CREATE FUNCTION half_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM "Half"; $$;\n',
    );
    await markMigrationRolledBack(db.factory, broken, { migrationsDir });
    expect(await applyPendingMigrations(db.factory, { migrationsDir })).toEqual([broken]);
    expect(await tableExists(db.factory, 'Half')).toBe(true);
  });

  it('refuses to deploy when an applied migration was edited', async () => {
    const file = path.join(migrationsDir, first, 'migration.sql');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${original}\nCREATE INDEX "Job_title_idx" ON "Job"("title");\n`);
    const pending = path.join(migrationsDir, '29990101000001_later', 'migration.sql');
    fs.mkdirSync(path.dirname(pending));
    fs.writeFileSync(pending, 'CREATE TABLE "Later" ("id" INTEGER);\n');

    expect(await migrationStatus(db.factory, { migrationsDir })).toMatchObject({
      edited: [first],
      pending: ['29990101000001_later'],
    });
    const attempt = applyPendingMigrations(db.factory, { migrationsDir });
    await expect(attempt).rejects.toMatchObject({ code: 'EDITED' });
    await expect(attempt).rejects.toThrow(first);
    expect(await tableExists(db.factory, 'Later')).toBe(false);

    fs.writeFileSync(file, original.replaceAll('\n', '\r\n')); // a checkout with CRLF endings is not an edit
    expect((await migrationStatus(db.factory, { migrationsDir })).edited).toEqual([]);
  });
});
