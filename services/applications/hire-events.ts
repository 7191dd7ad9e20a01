import type { FastifyBaseLogger } from 'fastify';

/** A hire through the platform, as other modules hear of it (after it was stored). */
export interface HireEvent {
  applicationId: string;
  labourerId: string;
  vacancyId: string;
  hiredAt: Date;
}

export type HireListener = (event: HireEvent) => Promise<void>;

/**
 * Hires told to the modules set up after applications (graduates close a matchmaker's pairing).
 * A listener that fails is logged: the hire itself is already stored and stands.
 */
export interface HireEvents {
  onHired(listener: HireListener): void;
  emit(event: HireEvent): Promise<void>;
}

export function createHireEvents(log: Pick<FastifyBaseLogger, 'error'>): HireEvents {
  const listeners: HireListener[] = [];
  return {
    onHired: (listener) => void listeners.push(listener),
    async emit(event) {
      for (const listener of listeners) {
        try {
          await listener(event);
        } catch (error) {
          log.error({ err: error, applicationId: event.applicationId }, 'a hire listener failed');
        }
      }
    },
  };
}
