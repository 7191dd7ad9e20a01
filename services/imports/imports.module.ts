import type { FastifyInstance } from 'fastify';
import type { PiiCipher } from '../platform/crypto/pii.ts';
import type { Db } from '../platform/database/prisma.ts';
import type { ReferenceNames } from '../platform/reference/reference-data.ts';
import { importsPages } from './imports.pages.ts';
import { importsRoutes } from './imports.routes.ts';
import { createImportsService, type ImportLog } from './imports.service.ts';

export interface ImportsModuleOptions {
  db: Db;
  pii: PiiCipher;
  reference: () => Promise<ReferenceNames>;
  log: ImportLog;
  /**
   * Jobs run in the process that received the file. Where this process is the only one on the
   * database (the embedded PGlite, locked to one process), a job still queued or running at start
   * was cut off by a restart and is marked failed; with shared PostgreSQL another replica may be
   * running it, so leave this off there.
   */
  failInterruptedJobsOnStart?: boolean;
}

/**
 * Bulk import of the poverty office's records and household surveys: the JSON API under
 * /api/v1/imports and the officer pages under /imports. Kept encapsulated (no fastify-plugin):
 * its raw-body content-type parsers and raised body limit apply to its own routes only. Jobs run
 * in this process; closing the app lets the running job stop at its next batch.
 */
export async function importsModule(app: FastifyInstance, opts: ImportsModuleOptions) {
  const imports = createImportsService(opts);
  if (opts.failInterruptedJobsOnStart) {
    app.addHook('onReady', async () => {
      const { count } = await imports.failInterruptedJobs();
      if (count) opts.log.info({ jobs: count }, 'import jobs cut off by a restart marked failed');
    });
  }
  app.addHook('onClose', () => imports.close());
  await app.register(importsRoutes, { imports });
  await app.register(importsPages, { imports, db: opts.db });
}

export { createImportsService } from './imports.service.ts';
export { runImportFile, writeErrorReport } from './import-file.ts';
