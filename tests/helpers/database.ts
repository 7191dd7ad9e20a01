import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type AdapterHandle, openAdapter } from '../../services/platform/database/connect.ts';
import { pooledPGlite } from './pglite-pool.ts';

let template: Blob | undefined;

/** The run's migrated PGlite dump (tests/setup/global-database.ts), read once per worker. */
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplate');
  if (file && !template) template = new Blob([fs.readFileSync(file)]);
  return template;
}

/**
 * A database of the test's own: an in-memory PGlite (from the run's migrated template, or a used one
 * reset to it: pglite-pool.ts) by default,
 * or, when DATABASE_URL is set (the CI run against PostgreSQL), a fresh database on that server,
 * copied from the run's migrated template and dropped afterwards.
 */
export async function openTestDatabase(): Promise<AdapterHandle & { url?: string }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return pooledPGlite(pgliteTemplate());
  const name = `wb_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const template = inject('postgresTemplate');
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openAdapter({ databaseUrl: url.toString(), dataDir: '' });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
