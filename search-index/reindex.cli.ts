import cliProgress from 'cli-progress';
import { openInfrastructure } from '../services/infrastructure.ts';
import { ConfigError, loadConfig } from '../services/platform/config/config.ts';
import { reindexAll } from './reindex.ts';

/** npm run search:reindex — rebuilds every index from the database, with a progress bar. */
try {
  const config = loadConfig();
  const infra = await openInfrastructure(config, (m) => console.log(m));
  const bar = new cliProgress.SingleBar(
    { format: '{index} [{bar}] {percentage}% | {value}/{total} documents | {duration}s', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let current = '';
  try {
    const results = await reindexAll(infra.db, infra.meili, config.meili.indexPrefix, ({ index, done, total }) => {
      if (index !== current) {
        if (current) bar.stop();
        current = index;
        bar.start(total, done, { index });
      } else bar.update(done, { index });
    });
    bar.stop();
    for (const r of results) console.log(`${r.index}: ${r.documents} documents`);
  } finally {
    await infra.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Reindex failed: ${(error as Error).message}`);
  process.exit(1);
}
