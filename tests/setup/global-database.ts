import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../../prisma/seed/prepare.ts';
import { createPrismaClient } from '../../services/platform/database/prisma.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dump of an in-memory PGlite with every migration and the reference data ('' on PostgreSQL). */
    pgliteTemplate: string;
  }
}

/**
 * Creating a PGlite cluster (initdb in WebAssembly) and migrating it takes seconds; loading a dump
 * of one takes about one. The run prepares one database and each test's in-memory PGlite starts
 * from its dump (PostgreSQL runs create their databases on the server instead).
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteTemplate', '');
    return;
  }
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
