import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../prisma/seed/prepare.ts';
import { openAdapter } from '../../services/platform/database/connect.ts';
import { createPrismaClient } from '../../services/platform/database/prisma.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of an in-memory PGlite with every migration and the reference data ('' on PostgreSQL). */
    pgliteTemplate: string;
    /** On PostgreSQL (DATABASE_URL set): a migrated database with the reference data to copy ('' on PGlite). */
    postgresTemplate: string;
  }
}

/**
 * Creating a PGlite cluster (initdb in WebAssembly) and migrating it takes seconds; loading a dump
 * of one takes about one. The run prepares one database and each test's in-memory PGlite starts
 * from its dump. On PostgreSQL the run likewise migrates one template database on the server and
 * each test's database is a copy of it (`CREATE DATABASE … TEMPLATE`: 0.15 s against 1.5 s).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    project.provide('pgliteTemplate', '');
    return postgresTemplate(project, serverUrl);
  }
  project.provide('postgresTemplate', '');
  const pg = await PGlite.create();
  const factory = new PrismaPGlite(pg);
  const db = createPrismaClient(factory);
  await prepareDatabase({ factory, db, seedDemo: false, piiKey: '0'.repeat(64) });
  await db.$disconnect();
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-test-pglite-'));
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function postgresTemplate(project: TestProject, serverUrl: string) {
  const name = `wb_template_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openAdapter({ databaseUrl: url.toString(), dataDir: '' });
  const db = createPrismaClient(handle.factory);
  await prepareDatabase({ factory: handle.factory, db, seedDemo: false, piiKey: '0'.repeat(64) });
  await db.$disconnect();
  await handle.close();
  project.provide('postgresTemplate', name);
  return () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
