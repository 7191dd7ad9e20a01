import type { Role } from '../database/generated/enums.ts';
import type { AuthRule } from './contract.ts';

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  displayName: string;
  regionCode: string | null;
  locale: string;
  labourerId: string | null;
  employerId: string | null;
  /** The training provider a training_provider account acts for (null or absent for other roles). */
  trainingProviderId?: string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRule;
    /** Marks routes added by infrastructure plugins (static files, API docs). */
    infrastructure?: boolean;
    /** The query string searches for a person (names, ID or phone numbers): never logged. */
    personalData?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    locale: string;
    /** Starts a page session for the user (a server-side row) in a fresh cookie. */
    signIn(userId: string): Promise<void>;
    /** Revokes the page session on the server and clears the cookie. */
    signOut(): Promise<void>;
  }
}

declare module '@fastify/secure-session' {
  interface SessionData {
    /** The Session row's id; the cookie carries nothing else about the person. */
    sessionId: string;
  }
}
