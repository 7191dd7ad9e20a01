import type { FormOptionsSource } from '../labourers/index.ts';
import { databaseLink } from '../platform/database/prisma.ts';
import { backgroundBatch } from '../platform/database/write-batches.ts';
import type { AppModule, CoreDeps } from '../platform/modules.ts';
import { importsPages } from './imports.pages.ts';
import { importsRoutes } from './imports.routes.ts';
import { createImportsService } from './imports.service.ts';
import { createImportsRepository } from './imports.repository.ts';
export { encryptHeldPhones } from './held-phones.repository.ts';
// The streaming readers of uploaded lists (CSV/XLSX, with the platform's upload limits), for other
// modules' own lists (graduates from schools).
export { fileFromBuffer, inspectFile, readRows, type ImportFile, type SheetRow } from './parse.ts';
export { UPLOAD_LIMIT_BYTES } from './imports.contract.ts';

/** Imports of labourer lists (spreadsheets from the poverty office, townships): jobs, checks, duplicates. */
export const importsModule: AppModule<CoreDeps & { formOptions: FormOptionsSource }> = {
  name: 'imports',
  setUp({ config, db, pii, reference, log, formOptions }) {
    const imports = createImportsService({
      repo: createImportsRepository(db),
      pii,
      reference,
      log,
      batchSize: backgroundBatch(config, { shared: 1000, embedded: 200 }),
      // The reader's thread, below the web's priority, writes the rows too.
      link: () => databaseLink(db),
    });
    return {
      close: () => imports.close(),
      async register(app) {
        // Jobs run in the process that received the file. On the embedded PGlite this process is
        // the only one on the database, so a job still queued or running at start was cut off by a
        // restart; with shared PostgreSQL another replica may be running it.
        if (!config.databaseUrl) {
          app.addHook('onReady', async () => {
            const { count } = await imports.failInterruptedJobs();
            if (count) log.info({ jobs: count }, 'import jobs cut off by a restart marked failed');
          });
        }
        await app.register(importsRoutes, { imports });
        await app.register(importsPages, { imports, formOptions });
      },
    };
  },
};
