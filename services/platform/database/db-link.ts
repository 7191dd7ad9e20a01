import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DbLink } from '../database-link.ts';
import { WorkerPGlite } from './pglite-client.ts';
import { createPrismaClient, type Db } from './prisma.ts';

/** Opens the database in this thread over a link made in the app's thread (see ../database-link.ts). */
export function openLinkedDb(link: DbLink): { db: Db; close(): Promise<void> } {
  if (link.kind === 'postgresql') {
    const db = createPrismaClient(new PrismaPg({ connectionString: link.url, max: 2 }));
    return { db, close: () => db.$disconnect() };
  }
  const client = WorkerPGlite.overPort(link.port);
  const db = createPrismaClient(new PrismaPGlite(client as unknown as PGlite));
  return {
    db,
    close: async () => {
      await db.$disconnect();
      await client.close();
    },
  };
}
