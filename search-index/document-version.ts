import type { Meilisearch } from 'meilisearch';
import type { Db } from '../services/platform/database/prisma.ts';
import type { IndexName } from './indexes.ts';
import { indexUid } from './indexes.ts';
import { reindex } from './reindex.ts';
import { vacancyDocumentVersion } from './search-text.ts';

/** Indexes whose documents carry a `docVersion`, with the version the current code builds. */
const VERSIONED: Partial<Record<IndexName, () => string>> = { vacancies: vacancyDocumentVersion };

/** How many documents of an index were built at another version (or before versions existed). */
export async function staleDocuments(meili: Meilisearch, prefix: string, name: IndexName): Promise<number> {
  const version = VERSIONED[name];
  if (!version) return 0;
  const uid = indexUid(prefix, name);
  try {
    const result = await meili.index(uid).search('', { filter: `docVersion != "${version()}"`, limit: 0 });
    return result.estimatedTotalHits ?? 0;
  } catch {
    return 0; // no index yet: the drain fills it at the current version
  }
}

/**
 * Rebuilds, at start, every index whose documents an older version of the code built (a new field,
 * new alias data): index settings are applied at every start, but documents change only when rebuilt.
 * Run it while no drain runs; the old copy keeps answering searches until the new one is swapped in.
 */
export async function rebuildStaleIndexes(
  db: Db,
  meili: Meilisearch,
  prefix: string,
  log: (message: string) => void = () => {},
): Promise<IndexName[]> {
  const rebuilt: IndexName[] = [];
  for (const name of Object.keys(VERSIONED) as IndexName[]) {
    const stale = await staleDocuments(meili, prefix, name);
    if (stale === 0) continue;
    log(`search: ${stale} ${name} documents were built by an older version; rebuilding the index`);
    const { documents } = await reindex(db, meili, prefix, name);
    log(`search: ${name} rebuilt with ${documents} documents`);
    rebuilt.push(name);
  }
  return rebuilt;
}
