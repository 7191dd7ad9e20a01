import type { NotificationKind } from '../platform/database/generated/enums.ts';

/** A notice as clients see it: ids are strings (BigInt does not survive JSON). */
export interface NoticePayload {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export interface SyncRequest {
  /** The newest notice the client has seen; absent on a first connect. */
  afterId?: string | null;
}

export interface SyncResult {
  /** Notices newer than `afterId`, oldest first (empty when no `afterId` was sent). */
  items: NoticePayload[];
  unread: number;
  /** The newest notice in the inbox, to remember for the next sync. */
  lastId: string | null;
}

/** The one map of what the server emits to clients. */
export interface ServerToClientEvents {
  /** A new notice; `unread` is the recipient's unread count after it. */
  'notification:new': (payload: { notification: NoticePayload; unread: number }) => void;
  /** The unread count changed for another reason (read on another device, read-all). */
  'notification:unread': (payload: { unread: number }) => void;
}

export interface ClientToServerEvents {
  /** Fetches what was missed while away (call on every connect and reconnect). */
  'notification:sync': (request: SyncRequest, ack: (result: SyncResult) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
  labourerId: string | null;
}

export const userRoom = (userId: string) => `user:${userId}`;
export const labourerRoom = (labourerId: string) => `labourer:${labourerId}`;
export const regionRoom = (regionCode: string) => `region:${regionCode}`;
