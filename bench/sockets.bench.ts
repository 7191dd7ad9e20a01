/**
 * Realtime benchmark: one app instance (in-memory PGlite, the real HTTP server and socket.io),
 * 5,000 socket.io clients in a child process (so they do not share the server's event loop), one
 * officer broadcast through the API that reaches every client. Prints connect time, delivery
 * latency p50/p99 (from the POST, so it includes storing 5,000 notices in batches of 1,000, and
 * from the first delivery), the latency of one bare socket.io emit to every client (the
 * transport's share), and the server's RSS and heap.
 *
 *   npx tsx bench/sockets.bench.ts                      5,000 clients
 *   npx tsx bench/sockets.bench.ts --clients 1000
 */
import { type ChildProcess, fork } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io as connect, type Socket } from 'socket.io-client';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { createMeiliClient } from '../search-index/client.ts';
import { buildApp } from '../services/app.ts';
import { hashToken } from '../services/platform/auth/auth.plugin.ts';
import { loadConfig } from '../services/platform/config/config.ts';
import { openAdapter } from '../services/platform/database/connect.ts';
import { createPrismaClient, type Prisma } from '../services/platform/database/prisma.ts';

export interface SocketBenchOptions {
  clients: number;
  /** Handshakes in flight at once. */
  connectConcurrency?: number;
  log?: (line: string) => void;
}

export interface SocketBenchResult {
  clients: number;
  connectMs: number;
  received: number;
  postMs: number;
  latencyFromPostMs: { p50: number; p99: number; max: number };
  fanOutMs: { p50: number; p99: number; max: number };
  /** One socket.io emit to every client, nothing stored: the transport's share. */
  emitOnlyMs: { received: number; p50: number; p99: number; max: number };
  /** 1-minute load average at the end: figures from a busy machine are not comparable. */
  loadAverage: number;
  cpus: number;
  server: {
    idle: { rssMb: number; heapMb: number };
    connected: { rssMb: number; heapMb: number };
    afterBroadcast: { rssMb: number; heapMb: number };
  };
}

type ToWorker =
  | { type: 'connect'; url: string; tokens: string[]; concurrency: number }
  | { type: 'report'; event: WatchedEvent; expected: number; timeoutMs: number }
  | { type: 'exit' };
type WatchedEvent = 'notification:new' | 'notification:unread';
type FromWorker = { type: 'connected'; ms: number; failed: number } | { type: 'report'; received: number[] };

const SELF = fileURLToPath(import.meta.url);

function quantile(sorted: number[], q: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

function memory() {
  const m = process.memoryUsage();
  return { rssMb: Math.round(m.rss / 1048576), heapMb: Math.round(m.heapUsed / 1048576) };
}

/** The client side: runs in the child process. */
function worker() {
  const sockets: Socket[] = [];
  const received: Record<WatchedEvent, number[]> = { 'notification:new': [], 'notification:unread': [] };
  process.on('message', (message: ToWorker) => {
    if (message.type === 'exit') {
      for (const socket of sockets) socket.disconnect();
      setTimeout(() => process.exit(0), 200);
      return;
    }
    if (message.type === 'report') {
      // Waits for every client's event (or the timeout), then answers with the arrival times.
      const times = received[message.event];
      const deadline = Date.now() + message.timeoutMs;
      const check = () => {
        if (times.length < message.expected && Date.now() < deadline) return void setTimeout(check, 20);
        process.send!({ type: 'report', received: times } satisfies FromWorker);
      };
      check();
      return;
    }
    const started = Date.now();
    let next = 0;
    let failed = 0;
    const one = (): Promise<void> => {
      const token = message.tokens[next++];
      if (!token) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const socket = connect(message.url, { auth: { token }, transports: ['websocket'], reconnection: false });
        socket.on('notification:new', () => received['notification:new'].push(Date.now()));
        socket.on('notification:unread', () => received['notification:unread'].push(Date.now()));
        socket.once('connect', () => resolve());
        socket.once('connect_error', () => {
          failed += 1;
          resolve();
        });
        sockets.push(socket);
      }).then(one);
    };
    void Promise.all(Array.from({ length: message.concurrency }, one)).then(() => {
      process.send!({ type: 'connected', ms: Date.now() - started, failed } satisfies FromWorker);
    });
  });
}

function ask<T extends FromWorker['type']>(child: ChildProcess, message: ToWorker, type: T) {
  return new Promise<Extract<FromWorker, { type: T }>>((resolve) => {
    const listen = (reply: FromWorker) => {
      if (reply.type !== type) return;
      child.off('message', listen);
      resolve(reply as Extract<FromWorker, { type: T }>);
    };
    child.on('message', listen);
    child.send(message);
  });
}

export async function runSocketBench(options: SocketBenchOptions): Promise<SocketBenchResult> {
  const log = options.log ?? console.log;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    REDIS_URL: '',
    DATABASE_URL: '',
    // Nothing here searches: the client is built but never called.
    MEILI_URL: process.env.MEILI_URL ?? 'http://127.0.0.1:7700',
    SMS_PROVIDER: 'disabled',
  });
  const adapter = await openAdapter({ dataDir: '', inMemory: true });
  const db = createPrismaClient(adapter.factory);
  await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey: config.piiKey });

  log(`creating ${options.clients} employer accounts with API tokens…`);
  const officer = crypto.randomBytes(24).toString('base64url');
  const tokens = Array.from({ length: options.clients }, () => crypto.randomBytes(24).toString('base64url'));
  const users: Prisma.UserCreateManyInput[] = tokens.map((_, i) => ({
    id: crypto.randomUUID(),
    username: `bench.employer.${i}`,
    passwordHash: 'not-used',
    role: 'employer',
    displayName: `压测用户${i}`,
    regionCode: '350821',
  }));
  users.push({
    id: crypto.randomUUID(),
    username: 'bench.officer',
    passwordHash: 'not-used',
    role: 'officer',
    displayName: '压测工作人员',
    regionCode: '350821',
  });
  const expiresAt = new Date(Date.now() + 86_400_000);
  for (let i = 0; i < users.length; i += 1000) await db.user.createMany({ data: users.slice(i, i + 1000) });
  const tokenRows = [...tokens, officer].map((token, i) => ({
    userId: users[i]!.id!,
    tokenHash: hashToken(token),
    expiresAt,
  }));
  for (let i = 0; i < tokenRows.length; i += 1000) await db.apiToken.createMany({ data: tokenRows.slice(i, i + 1000) });

  const app = await buildApp({ config, db, meili: createMeiliClient(config.meili.url!, config.meili.masterKey) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const idle = memory();

  const child = fork(SELF, ['--worker'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    log(`connecting ${options.clients} clients…`);
    const connected = await ask(
      child,
      { type: 'connect', url, tokens, concurrency: options.connectConcurrency ?? 100 },
      'connected',
    );
    if (connected.failed) throw new Error(`${connected.failed} clients could not connect`);
    const sockets = await app.realtime.fetchSockets();
    log(`${sockets.length} sockets on the server after ${connected.ms} ms`);
    const withClients = memory();

    const started = Date.now();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/notifications/broadcasts',
      headers: { authorization: `Bearer ${officer}` },
      payload: { regionCode: '350821', roles: ['employer'], title: '压测广播', body: '一条发给所有人的通知' },
    });
    const postMs = Date.now() - started;
    if (response.statusCode !== 201) throw new Error(`broadcast failed: ${response.statusCode} ${response.body}`);
    const report = await ask(
      child,
      { type: 'report', event: 'notification:new', expected: options.clients, timeoutMs: 60_000 },
      'report',
    );
    const afterBroadcast = memory();

    // The socket.io fan-out alone: one emit to every connected client, nothing stored.
    const emitted = Date.now();
    app.realtime.emit('notification:unread', { unread: 0 });
    const emitOnly = await ask(
      child,
      { type: 'report', event: 'notification:unread', expected: options.clients, timeoutMs: 60_000 },
      'report',
    );
    const emitTimes = emitOnly.received.map((t) => t - emitted).sort((a, b) => a - b);
    child.send({ type: 'exit' } satisfies ToWorker);
    const times = [...report.received].sort((a, b) => a - b);
    const fromPost = times.map((t) => t - started);
    const first = times[0] ?? started;
    const fanOut = times.map((t) => t - first);
    return {
      clients: options.clients,
      connectMs: connected.ms,
      received: times.length,
      postMs,
      latencyFromPostMs: { p50: quantile(fromPost, 0.5), p99: quantile(fromPost, 0.99), max: fromPost.at(-1) ?? NaN },
      fanOutMs: { p50: quantile(fanOut, 0.5), p99: quantile(fanOut, 0.99), max: fanOut.at(-1) ?? NaN },
      emitOnlyMs: {
        received: emitTimes.length,
        p50: quantile(emitTimes, 0.5),
        p99: quantile(emitTimes, 0.99),
        max: emitTimes.at(-1) ?? NaN,
      },
      loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
      cpus: os.cpus().length,
      server: { idle, connected: withClients, afterBroadcast },
    };
  } finally {
    if (child.exitCode === null) child.kill();
    await app.close();
    await db.$disconnect();
    await adapter.close();
  }
}

/** The figures of one run, in the lines bench:push and bench:sockets print. */
export function formatSocketBench(result: Awaited<ReturnType<typeof runSocketBench>>): string {
  return (
    `clients ${result.clients} · connected in ${result.connectMs} ms · received ${result.received}\n` +
    `broadcast POST ${result.postMs} ms · delivery from POST p50 ${result.latencyFromPostMs.p50} ms, p99 ${result.latencyFromPostMs.p99} ms · fan-out p50 ${result.fanOutMs.p50} ms, p99 ${result.fanOutMs.p99} ms\n` +
    `emit only (nothing stored): p50 ${result.emitOnlyMs.p50} ms, p99 ${result.emitOnlyMs.p99} ms to ${result.emitOnlyMs.received} clients\n` +
    `machine: ${result.cpus} CPUs, load average ${result.loadAverage}\n` +
    `server RSS ${result.server.idle.rssMb} → ${result.server.connected.rssMb} → ${result.server.afterBroadcast.rssMb} MB, heap ${result.server.idle.heapMb} → ${result.server.connected.heapMb} → ${result.server.afterBroadcast.heapMb} MB`
  );
}

if (process.argv.includes('--worker')) {
  worker();
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { clients: { type: 'string', default: '5000' } }, strict: false });
  const result = await runSocketBench({ clients: Number(values.clients) });
  console.log(JSON.stringify(result, null, 2));
  console.log(formatSocketBench(result));
  process.exit(0);
}
