import fs from 'node:fs';
import path from 'node:path';

/** What a launcher writes beside Meilisearch's data: its child and the app process that owns it. */
interface PidRecord {
  pid: number;
  ownerPid: number;
  port: number;
}

const FILE = 'meilisearch.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A pid can be reused by an unrelated process: only a Meilisearch on this data directory is ours. */
function isOurMeilisearch(pid: number, dbPath: string): boolean {
  try {
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(argv[0] ?? '').startsWith('meilisearch') && argv.includes(dbPath);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !alive(pid);
}

/** Directories this process runs a Meilisearch on (a second launch in the same process is refused too). */
const heldHere = new Set<string>();

/**
 * One Meilisearch per data directory. A pid file in the directory names the Meilisearch and the
 * app process that started it: an app that was killed leaves its Meilisearch running, and the next
 * start stops that orphan before launching its own; while the owner still runs, a second start is
 * refused.
 */
export class MeiliPidFile {
  private readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly dbPath: string,
  ) {
    this.file = path.join(dir, FILE);
  }

  private read(): PidRecord | null {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as PidRecord;
    } catch {
      return null;
    }
  }

  /** Claims the directory, stopping an orphan of a dead owner; throws while another owner runs one. */
  async claim(log?: (line: string) => void): Promise<void> {
    if (heldHere.has(this.dir)) throw new Error(`A Meilisearch of this process already runs on ${this.dir}`);
    const record = this.read();
    if (record && isOurMeilisearch(record.pid, this.dbPath)) {
      if (record.ownerPid !== process.pid && alive(record.ownerPid)) {
        throw new Error(
          `Meilisearch ${record.pid} on ${this.dir} belongs to the running process ${record.ownerPid}: ` +
            'one Meilisearch per data directory (give each app its own DATA_DIR, or share one with MEILI_URL)',
        );
      }
      log?.(`stopping Meilisearch ${record.pid} left running on ${this.dir} by process ${record.ownerPid}`);
      signalGroup(record.pid, 'SIGTERM');
      if (!(await waitForExit(record.pid, 5_000))) {
        signalGroup(record.pid, 'SIGKILL');
        await waitForExit(record.pid, 5_000);
      }
    }
    heldHere.add(this.dir);
  }

  write(pid: number, port: number): void {
    const record: PidRecord = { pid, ownerPid: process.pid, port };
    fs.writeFileSync(this.file, JSON.stringify(record));
  }

  release(): void {
    heldHere.delete(this.dir);
    if (this.read()?.ownerPid === process.pid) fs.rmSync(this.file, { force: true });
  }
}

/** Meilisearch runs as the leader of its own process group: signal the group, then the process. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
