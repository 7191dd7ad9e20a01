/**
 * First-start benchmark: starts the app as `npm start` does (`tsx services/main.ts`) on a fresh
 * temporary DATA_DIR and measures the time until `/readyz` answers 200, then stops it and starts it
 * again on the same DATA_DIR (a later start). Prints both, with the time of each start-up log line
 * so a slow phase shows where the time goes, and how long the start-up push campaign took.
 *
 *   npm run bench:first-start
 *   npm run bench:first-start -- --keep        keep the data directory (its path is printed)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface StartRun {
  /** Seconds from spawning the process to the first 200 from /readyz. */
  readySeconds: number;
  /** Seconds from spawning to the "is serving" line (undefined if none was printed). */
  servingSeconds?: number;
  /** Seconds from spawning to the start-up push campaign's completion line, if seen. */
  campaignSeconds?: number;
  /** CPU seconds (user + system) the app process had used when /readyz first answered. */
  cpuSeconds: number;
  /** Each log message with the second it was printed at, for the phases. */
  timeline: Array<{ at: number; message: string }>;
  markedFailed: boolean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function messageOf(line: string): string | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: unknown };
    return typeof entry.msg === 'string' ? entry.msg : undefined;
  } catch {
    return line.trim() || undefined;
  }
}

/** CPU seconds a process has used, from /proc (Linux); NaN elsewhere. */
function cpuOf(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return Math.round((Number(fields[11]) + Number(fields[12])) / 10) / 10;
  } catch {
    return NaN;
  }
}

async function readyz(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** One start of the app on dataDir; resolves once /readyz answers and the start-up campaign is done. */
export async function measureStart(
  dataDir: string,
  opts: { timeoutS?: number; waitForCampaignS?: number } = {},
): Promise<StartRun> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  // What `npm start` runs (tsx), in one process whose CPU time can be read.
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timeline: StartRun['timeline'] = [];
  let servingSeconds: number | undefined;
  let campaignSeconds: number | undefined;
  let markedFailed = false;
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      const message = messageOf(line);
      if (!message) return;
      const at = seconds();
      timeline.push({ at, message });
      if (message.includes('is serving')) servingSeconds = at;
      if (message.startsWith('push campaign finished')) campaignSeconds ??= at;
      if (message.includes('marked failed')) markedFailed = true;
    });
  }
  try {
    const deadline = performance.now() + (opts.timeoutS ?? 300) * 1000;
    while (!(await readyz(url))) {
      if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
      if (performance.now() > deadline) throw new Error('/readyz did not answer 200 in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const readySeconds = seconds();
    const cpuSeconds = cpuOf(child.pid);
    const campaignDeadline = performance.now() + (opts.waitForCampaignS ?? 120) * 1000;
    while (campaignSeconds === undefined && performance.now() < campaignDeadline && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return { readySeconds, cpuSeconds, servingSeconds, campaignSeconds, timeline, markedFailed };
  } finally {
    await stop(child);
  }
}

function print(label: string, run: StartRun) {
  console.log(`\n${label}: /readyz 200 after ${run.readySeconds.toFixed(1)} s (app process CPU ${run.cpuSeconds} s)`);
  if (run.servingSeconds !== undefined) console.log(`  "is serving" printed at ${run.servingSeconds.toFixed(1)} s`);
  console.log(
    run.campaignSeconds !== undefined
      ? `  start-up push campaign finished at ${run.campaignSeconds.toFixed(1)} s`
      : '  no start-up push campaign finished while watched',
  );
  if (run.markedFailed) console.log('  a "marked failed" line was logged');
  for (const { at, message } of run.timeline) console.log(`  ${at.toFixed(1).padStart(6)} s  ${message.slice(0, 140)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbridge-first-start-'));
  try {
    const first = await measureStart(dataDir);
    print('first start (fresh DATA_DIR)', first);
    const second = await measureStart(dataDir, { waitForCampaignS: 0 });
    print('second start (same DATA_DIR)', second);
    console.log(
      `\nfirst start ${first.readySeconds.toFixed(1)} s, second start ${second.readySeconds.toFixed(1)} s to /readyz 200 ` +
        `(${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
  } finally {
    if (values.keep) console.log(`data directory kept: ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
