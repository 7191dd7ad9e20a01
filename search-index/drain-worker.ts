/**
 * The outbox drain's own thread (drain-thread.ts): the app's database over a link, Meilisearch over
 * HTTP, at the background priority. It drains until the app asks it to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openLinkedDb } from '../services/platform/database/db-link.ts';
import { lowerThreadPriority } from '../services/platform/thread-priority.ts';
import { createMeiliClient } from './client.ts';
import type { DrainThreadData, FromDrainThread, ToDrainThread } from './drain-thread.ts';
import { OutboxDrain } from './outbox.ts';

const data = workerData as DrainThreadData;
const port = parentPort!;
lowerThreadPriority(data.nice);

const post = (message: FromDrainThread) => port.postMessage(message);
const { db, close } = openLinkedDb(data.link);
const drain = new OutboxDrain(db, createMeiliClient(data.meiliUrl, data.meiliKey), data.indexPrefix, {
  ...data.options,
  log: {
    warn: (detail, msg) => post({ kind: 'log', level: 'warn', detail, msg }),
    info: (detail, msg) => post({ kind: 'log', level: 'info', detail, msg }),
  },
});
drain.start();

port.on('message', (message: ToDrainThread) => {
  if (message.kind !== 'stop') return;
  void (async () => {
    try {
      await drain.stop();
      await close();
    } finally {
      // Ends this thread only; Meilisearch's keep-alive sockets would hold it open.
      process.exit(0);
    }
  })();
});
