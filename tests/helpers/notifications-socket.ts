import { io as connect, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  NoticePayload,
  ServerToClientEvents,
  SyncResult,
} from '../../services/notifications/events.ts';

export type NoticeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as an API client would use it: the bearer token in the handshake. */
export async function openSocket(url: string, authorization: string): Promise<NoticeSocket> {
  const socket: NoticeSocket = connect(url, {
    auth: { token: authorization.replace(/^Bearer /, '') },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return socket;
}

/** Collects every `notification:new` so a test can wait for the n-th one. */
export function inboxOf(socket: NoticeSocket) {
  const received: Array<{ notification: NoticePayload; unread: number }> = [];
  const waiters: Array<() => void> = [];
  socket.on('notification:new', (payload) => {
    received.push(payload);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    received,
    async waitFor(count: number, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} notices, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
  };
}

export function sync(socket: NoticeSocket, afterId: string | null): Promise<SyncResult> {
  return socket.timeout(5000).emitWithAck('notification:sync', { afterId });
}
