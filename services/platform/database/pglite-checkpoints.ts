import type { PGlite } from '@electric-sql/pglite';

/**
 * Checkpoints for the embedded database. PGlite runs PostgreSQL as a single backend with no
 * checkpointer process, yet tells it that it runs under a postmaster: once the write-ahead log has
 * grown past the size that asks for a checkpoint (about half of max_wal_size since the last one:
 * ~530 MB with the default 1 GB), the backend asks the missing checkpointer and spins there for good
 * (seen with PGlite 0.4.3: a COMMIT at 100 % CPU for minutes, every other query waiting, Prisma
 * answering P2028 after its 30 s). A province push campaign writes that much in about 14 minutes.
 *
 * So the embedded database never lets the log grow that far: it starts with a high max_wal_size
 * (the automatic request lies gigabytes away) and runs CHECKPOINT itself, between requests,
 * whenever the log since the last checkpoint passes `afterBytes` (tens of milliseconds each).
 */
export interface CheckpointSettings {
  /** max_wal_size the database starts with (the automatic request comes at about half of it). */
  maxWalSize: string;
  /** A CHECKPOINT once the log since the last one passes this many bytes. */
  afterBytes: number;
  /** How often the log is looked at. */
  everyMs: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointSettings = {
  maxWalSize: '8GB',
  afterBytes: 64 * 1024 * 1024,
  everyMs: 2_000,
};

/** PGlite's own start parameters and the WAL size of the settings. */
export function startParams(defaults: readonly string[], settings: CheckpointSettings): string[] {
  return [...defaults, '-c', `max_wal_size=${settings.maxWalSize}`];
}

/** The log written since the last checkpoint's redo point, in bytes. */
export async function walSinceCheckpoint(pg: Pick<PGlite, 'query'>): Promise<number> {
  const { rows } = await pg.query<{ bytes: string }>(
    `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::text AS bytes FROM pg_control_checkpoint()`,
  );
  return Number(rows[0]?.bytes ?? 0);
}

/**
 * Looks at the log every `everyMs` and checkpoints past `afterBytes`; `stop()` before closing.
 * A look waits its turn behind an open transaction like any query. A failure is reported and the
 * next look tries again.
 */
export function keepCheckpointing(
  pg: Pick<PGlite, 'query' | 'exec'>,
  settings: CheckpointSettings,
  onError: (error: unknown) => void = () => {},
): { stop(): Promise<void> } {
  let running: Promise<boolean> | undefined;
  let stopped = false;
  const checkNow = () => {
    running ??= (async () => {
      try {
        if (stopped || (await walSinceCheckpoint(pg)) < settings.afterBytes) return false;
        await pg.exec('CHECKPOINT');
        return true;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void checkNow().catch(onError), settings.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
