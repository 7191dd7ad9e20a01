import type { DbLink } from '../platform/database-link.ts';
import { openLinkedDb } from '../platform/database/db-link.ts';
import { createImportsRepository } from './imports.repository.ts';
import { createLabourerWrites } from './labourer-writes.repository.ts';

/** The repositories an import's batches are written with, in the reader's thread, over a link to the database. */
export function openBatchWriter(link: DbLink) {
  const database = openLinkedDb(link);
  return { repo: createImportsRepository(database.db), writes: createLabourerWrites(), close: database.close };
}
