import type { Meilisearch } from 'meilisearch';
import type { Db } from '../services/platform/database/prisma.ts';
import { succeeded } from './client.ts';
import { allIds, countIds, DOCUMENT_LOADERS } from './documents.ts';
import { INDEX_NAMES, INDEX_SETTINGS, type IndexName, indexUid } from './indexes.ts';
import { ReferenceNames } from '../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../services/platform/reference/reference.repository.ts';

export type ReindexProgress = (event: { index: IndexName; done: number; total: number }) => void;

async function indexExists(meili: Meilisearch, uid: string): Promise<boolean> {
  try {
    await meili.getIndex(uid);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rebuilds one index from the database into a fresh index and swaps it in, so searches keep
 * working on the old copy until the new one is complete. Outbox rows older than the rebuild are
 * covered by it and removed; rows written meanwhile stay and are drained afterwards.
 */
export async function reindex(db: Db, meili: Meilisearch, prefix: string, name: IndexName, progress?: ReindexProgress) {
  const uid = indexUid(prefix, name);
  const staging = `${uid}__rebuild`;
  const newest = await db.searchOutbox.findFirst({
    where: { indexName: name },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  if (await indexExists(meili, staging)) await succeeded(meili.deleteIndex(staging));
  await succeeded(meili.createIndex(staging, { primaryKey: 'id' }));
  await succeeded(meili.index(staging).updateSettings(INDEX_SETTINGS[name]));

  const ref = await ReferenceNames.load(createReferenceRepository(db));
  const total = await countIds(db, name);
  let done = 0;
  progress?.({ index: name, done, total });
  for await (const ids of allIds(db, name)) {
    const batch = await DOCUMENT_LOADERS[name](db, ref, ids);
    if (batch.documents.length) await succeeded(meili.index(staging).addDocuments(batch.documents), 300_000);
    done += ids.length;
    progress?.({ index: name, done, total });
  }

  if (await indexExists(meili, uid)) {
    await succeeded(meili.swapIndexes([{ indexes: [uid, staging], rename: false }]));
    await succeeded(meili.deleteIndex(staging));
  } else {
    await succeeded(meili.swapIndexes([{ indexes: [staging, uid], rename: true }]));
  }
  if (newest) await db.searchOutbox.deleteMany({ where: { indexName: name, id: { lte: newest.id } } });
  return { index: name, documents: done };
}

export async function reindexAll(db: Db, meili: Meilisearch, prefix: string, progress?: ReindexProgress) {
  const results = [];
  for (const name of INDEX_NAMES) results.push(await reindex(db, meili, prefix, name, progress));
  return results;
}
