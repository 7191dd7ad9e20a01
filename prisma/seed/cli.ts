import { parseArgs } from 'node:util';
import { OutboxDrain } from '../../search-index/outbox.ts';
import { openInfrastructure } from '../../services/infrastructure.ts';
import { ConfigError, loadConfig } from '../../services/platform/config/config.ts';
import { seedDemoData } from './demo.ts';
import { prepareDatabase } from './prepare.ts';

/**
 * npm run seed -- --labourers N --vacancies M [--employers E] [--seed S]
 * Migrates and seeds the demo province if the database is empty, then adds the requested numbers
 * of generated labourers and vacancies (for benchmarks) and indexes them.
 */
const { values } = parseArgs({
  options: {
    labourers: { type: 'string', default: '0' },
    vacancies: { type: 'string', default: '0' },
    employers: { type: 'string' },
    seed: { type: 'string', default: '7' },
  },
});
const count = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got ${value}`);
    process.exit(2);
  }
  return n;
};
const labourers = count('labourers', values.labourers);
const vacancies = count('vacancies', values.vacancies);
const employers = count('employers', values.employers ?? String(Math.max(1, Math.ceil(vacancies / 6))));

try {
  const config = loadConfig();
  const infra = await openInfrastructure(config, console.log);
  try {
    await prepareDatabase({
      factory: infra.factory,
      db: infra.db,
      seedDemo: config.seedDemo,
      piiKey: config.piiKey,
      log: console.log,
    });
    if (labourers || vacancies) {
      const started = performance.now();
      await seedDemoData(infra.db, {
        labourers,
        vacancies,
        employers: vacancies ? employers : 0,
        seed: count('seed', values.seed),
        piiKey: config.piiKey,
        append: true,
        log: console.log,
      });
      console.log(`seed: written in ${((performance.now() - started) / 1000).toFixed(1)} s; indexing…`);
      const drain = new OutboxDrain(infra.db, infra.meili, config.meili.indexPrefix, { batchSize: 2000 });
      const indexed = await drain.drainAll();
      console.log(`seed: indexed ${indexed.indexed} documents`);
    }
  } finally {
    await infra.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${(error as Error).message}`);
  process.exit(1);
}
