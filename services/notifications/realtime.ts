import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { watchRedis } from '../platform/jobs/redis-watch.ts';
import { Server, type Socket } from 'socket.io';
import { hashToken } from '../platform/auth/auth.plugin.ts';
import type { ApiTokensRepository, SessionsRepository } from '../platform/auth/sessions.repository.ts';
import {
  type ClientToServerEvents,
  type InterServerEvents,
  labourerRoom,
  regionRoom,
  type ServerToClientEvents,
  type SocketData,
  userRoom,
} from './events.ts';
import type { InboxService } from './inbox.service.ts';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The same identities as HTTP: the session cookie (pages) or a bearer token in `auth.token`
 * (API clients, tests, the benchmark).
 */
async function userOfHandshake(app: FastifyInstance, opts: RealtimeOptions, socket: RealtimeSocket) {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && token) {
    const row = await opts.tokens.byHash(hashToken(token.replace(/^Bearer\s+/i, '').trim()));
    if (!row || row.revokedAt || row.expiresAt < new Date()) return null;
    return row.user;
  }
  const cookieHeader = socket.request.headers.cookie;
  if (!cookieHeader) return null;
  const value = app.parseCookie(cookieHeader).wb_session;
  if (!value) return null;
  // A signed-out (revoked) session opens no socket, as it opens no page.
  const sessionId = app.decodeSecureSession(value)?.get('sessionId');
  return sessionId ? opts.sessions.userOf(sessionId) : null;
}

export interface RealtimeOptions {
  sessions: SessionsRepository;
  tokens: ApiTokensRepository;
  inbox: InboxService;
  redisUrl: string | undefined;
  log: FastifyBaseLogger;
}

/**
 * socket.io on the app's own HTTP server. Each socket joins its user's room (and its labourer
 * profile's, and an officer's region); with REDIS_URL the streams adapter carries emits to the
 * sockets of every other app instance.
 */
export function attachRealtime(app: FastifyInstance, opts: RealtimeOptions): RealtimeServer {
  const { inbox, log } = opts;
  let redis: Redis | undefined;
  const io: RealtimeServer = new Server(app.server, {
    serveClient: true,
    // Phones on weak networks: notice a dead connection within a minute, not the default 45 s + 20 s.
    pingInterval: 25_000,
    pingTimeout: 20_000,
  });
  if (opts.redisUrl) {
    // Errors are logged once per outage by the watch, not once per reconnect attempt.
    redis = watchRedis(
      new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false }),
      opts.redisUrl,
      log,
    );
    io.adapter(createAdapter(redis, { streamName: 'workbridge:socket.io', channelPrefix: 'workbridge:socket.io' }));
  }

  io.use((socket, next) => {
    userOfHandshake(app, opts, socket)
      .then((user) => {
        if (!user || user.disabledAt) return next(new Error('unauthorized'));
        socket.data = { userId: user.id, labourerId: user.labourerId };
        void socket.join(userRoom(user.id));
        if (user.labourerId) void socket.join(labourerRoom(user.labourerId));
        if (user.role === 'officer' && user.regionCode) void socket.join(regionRoom(user.regionCode));
        next();
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'realtime: handshake failed');
        next(new Error('unavailable'));
      });
  });

  io.on('connection', (socket) => {
    const owner = { id: socket.data.userId, labourerId: socket.data.labourerId };
    socket.on('notification:sync', (request, ack) => {
      if (typeof ack !== 'function') return;
      inbox
        .sync(owner, request?.afterId)
        .then(ack)
        .catch((error: unknown) => log.error({ err: error }, 'realtime: sync failed'));
    });
  });

  // Open sockets would keep the HTTP server from closing.
  app.addHook('preClose', async () => {
    io.local.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    await new Promise<void>((resolve) => {
      // The HTTP server is Fastify's and already closed: the callback's "not running" is expected.
      void io.close(() => resolve());
    });
    redis?.disconnect();
  });
  return io;
}
