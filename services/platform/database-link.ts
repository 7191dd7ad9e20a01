import type { MessagePort } from 'node:worker_threads';

/**
 * How another thread of this process (an import's writer, at a lower priority than the web) reaches
 * the app's database: PostgreSQL by its address, the embedded database through a port to its own
 * thread (database/pglite-client.ts), where that thread's transactions take turns with the app's.
 * Made in the app's thread (`databaseLink` of database/prisma.ts), sent to the other thread (the
 * port transferred), opened there (`openLinkedDb` of database/db-link.ts). With
 * `PGLITE_THREAD=main` there is none: the database lives in the app's thread.
 */
export type DbLink = { kind: 'postgresql'; url: string } | { kind: 'pglite'; port: MessagePort };
