import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { prepareDatabase } from '../../prisma/seed/prepare.ts';
import { OutboxDrain } from '../../search-index/outbox.ts';
import { openInfrastructure } from '../infrastructure.ts';
import { PiiCipher } from '../platform/crypto/pii.ts';
import { databaseLink } from '../platform/database/prisma.ts';
import { ConfigError, loadConfig } from '../platform/config/config.ts';
import { ReferenceNames } from '../platform/reference/reference-data.ts';
import { createReferenceRepository } from '../platform/reference/reference.repository.ts';
import type { ImportActor } from './import-actor.ts';
import { runImportFile, writeErrorReport } from './import-file.ts';
import { IMPORT_KINDS } from './imports.contract.ts';
import { createImportsService } from './imports.service.ts';
import { createImportsRepository } from './imports.repository.ts';

/**
 * npm run import:labourers -- FILE [--source NAME | --kind poverty_office|household_survey]
 *                                  [--region 350821] [--report errors.csv|errors.xlsx]
 *
 * Imports a CSV or XLSX file as the system, within the region given (the whole registry without
 * one), shows the progress, indexes what was written and writes the error report beside the file.
 * Rows held as possible duplicates wait for an officer on the job's page. With the embedded
 * database, stop the server first: one process at a time may open DATA_DIR.
 */
const usage = 'usage: npm run import:labourers -- FILE [--source NAME | --kind KIND] [--region CODE] [--report PATH]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    source: { type: 'string' },
    kind: { type: 'string' },
    region: { type: 'string' },
    report: { type: 'string' },
  },
});
const file = positionals[0];
const kind = values.kind as (typeof IMPORT_KINDS)[number] | undefined;
const problems = [
  ...(!file ? ['name the file to import'] : []),
  ...(file && !fs.existsSync(file) ? [`${file} does not exist`] : []),
  ...(kind && !IMPORT_KINDS.includes(kind) ? [`--kind must be ${IMPORT_KINDS.join(' or ')}`] : []),
  ...(values.region && !/^\d{2,12}$/.test(values.region) ? ['--region must be a region code such as 350821'] : []),
  ...(values.source && kind ? ['give --source or --kind, not both: a source has its kind'] : []),
];
if (problems.length) {
  console.error([...problems, usage].join('\n'));
  process.exit(2);
}

try {
  const config = loadConfig();
  const infra = await openInfrastructure(config, console.log);
  let failed = false;
  try {
    await prepareDatabase({ factory: infra.factory, db: infra.db, seedDemo: false, piiKey: config.piiKey });
    let reference: Promise<ReferenceNames> | undefined;
    const imports = createImportsService({
      repo: createImportsRepository(infra.db),
      pii: new PiiCipher(config.piiKey),
      reference: () => (reference ??= ReferenceNames.load(createReferenceRepository(infra.db))),
      // As in the server: the reader's thread writes the rows; this one draws the progress and indexes.
      link: () => databaseLink(infra.db),
    });
    // The command line acts as the system: an officer's scope when given a region, else everywhere.
    const actor: ImportActor = values.region
      ? { id: null, role: 'officer', regionCode: values.region }
      : { id: null, role: 'admin', regionCode: null };
    const bar = new cliProgress.SingleBar(
      { format: 'import [{bar}] {percentage}% | {value}/{total} rows | {duration}s', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const { job } = await runImportFile(imports, actor, file!, {
      ...(values.source ? { sourceName: values.source } : {}),
      ...(kind ? { kind } : {}),
      onProgress: ({ processedRows, totalRows }) => {
        if (!started) bar.start(totalRows, 0);
        started = true;
        bar.update(processedRows);
      },
    });
    if (started) bar.stop();
    await imports.close();

    console.log(
      `${job.fileName}: ${job.status} — ${job.totalRows} rows: ${job.createdCount} new, ${job.updatedCount} updated, ` +
        `${job.unchangedCount} unchanged, ${job.errorCount} with errors, ${job.duplicateCount} held as possible duplicates`,
    );
    if (job.error) console.log(`error: ${job.error}`);
    if (job.sameFileAs) console.log(`this file was imported before (job ${job.sameFileAs.id})`);
    if (job.pendingDuplicates) console.log(`duplicates to decide: /imports/${job.id} (job ${job.id})`);
    if (job.errorCount || job.status === 'failed') {
      const parsed = path.parse(file!);
      const report = values.report ?? path.join(parsed.dir, `${parsed.name}.errors.csv`);
      await writeErrorReport(imports, actor, job.id, report);
      console.log(`error report: ${path.resolve(report)}`);
    }
    failed = job.status === 'failed';

    const drain = new OutboxDrain(infra.db, infra.meili, config.meili.indexPrefix, { batchSize: 5000 });
    const indexed = await drain.drainAll();
    console.log(`search: indexed ${indexed.indexed} documents${indexed.failed ? `, ${indexed.failed} to retry` : ''}`);
  } finally {
    await infra.close();
  }
  if (failed) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Import failed: ${(error as Error).message}`);
  process.exit(1);
}
