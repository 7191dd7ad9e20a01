import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexUid } from '../../search-index/indexes.ts';
import { launchMeilisearch, type MeiliProcess } from '../../search-index/launcher.ts';
import { OutboxDrain } from '../../search-index/outbox.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { createVacanciesRepository } from '../../services/vacancies/vacancies.repository.ts';
import { createVacanciesService } from '../../services/vacancies/vacancies.service.ts';
import { buildVacancy, seedSmallDemo, officer } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const MASTER_KEY = 'meili-fault-test-master-key';

/** The Meilisearch processes on this machine serving a data directory. */
function meilisearchesOn(dataDir: string): number[] {
  const dbPath = path.join(dataDir, 'data.ms');
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (path.basename(argv[0] ?? '').startsWith('meilisearch') && argv.includes(dbPath)) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** Each thread of a process: its name and nice value. */
function threadsOf(pid: number): Array<{ name: string; nice: number }> {
  return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      const name = fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      return [{ name, nice: os.getPriority(Number(tid)) }];
    } catch {
      return [];
    }
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('Meilisearch killed while the app writes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-fault-meili-'));
  const launcherLog: string[] = [];
  const drainLog: Array<{ level: string; msg: string }> = [];
  let meili: MeiliProcess;
  let ctx: TestContext;
  let drain: OutboxDrain;

  beforeAll(async () => {
    meili = await launchMeilisearch({
      dataDir: dir,
      masterKey: MASTER_KEY,
      log: (line) => launcherLog.push(line),
      // Long enough that the drain (polling every 50 ms) meets the outage even on a busy machine.
      restart: { baseMs: 2_000 },
    });
    ctx = await createTestContext({ meiliUrl: meili.url, config: { MEILI_MASTER_KEY: MASTER_KEY } });
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    drain = new OutboxDrain(ctx.db, ctx.meili, ctx.config.meili.indexPrefix, {
      baseBackoffMs: 100,
      maxBackoffMs: 800,
      idleIntervalMs: 50,
      log: {
        warn: (_detail, msg) => drainLog.push({ level: 'warn', msg }),
        info: (_detail, msg) => drainLog.push({ level: 'info', msg }),
      },
    });
    await drain.drainAll();
  });
  afterAll(async () => {
    await drain?.stop();
    await ctx?.close();
    await meili?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restarts it within 10 s, one process only, and the writes made meanwhile reach the index', async () => {
    const vacancies = createVacanciesService({
      repo: createVacanciesRepository(ctx.db),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
    });
    const employer = await ctx.db.employer.findFirstOrThrow({ where: { regionCode: { startsWith: '35' } } });
    drain.start();
    const killed = meili.pid!;
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    const written: Array<{ id: string }> = [];
    for (let i = 0; i < 3; i++) {
      written.push(
        await vacancies.create(
          officer,
          buildVacancy(employer.id, { title: `故障期间岗位${i}`, regionCode: employer.regionCode.slice(0, 6) }),
        ),
      );
    }
    await expect.poll(() => drainLog.length, { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);

    const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'vacancies'));
    const indexed = async () => {
      const found = await Promise.all(
        written.map((v) =>
          index.getDocument(v.id).then(
            () => 1,
            () => 0,
          ),
        ),
      );
      return found.reduce<number>((a, b) => a + b, 0);
    };
    await expect.poll(indexed, { timeout: 10_000, interval: 100 }).toBe(written.length);
    await expect.poll(() => drain.pending(), { timeout: 10_000, interval: 100 }).toBe(0);
    expect(Date.now() - killedAt).toBeLessThan(10_000);

    expect(meili.pid).not.toBe(killed);
    expect(meili.restarts).toBe(1);
    expect(meilisearchesOn(dir)).toEqual([meili.pid]);
    expect(launcherLog.some((line) => line.includes(`${killed} exited`))).toBe(true);
    expect(launcherLog.some((line) => line.includes('restarted'))).toBe(true);
    // One line when the outage starts and one when it ends, however many batches failed between.
    expect(drainLog).toEqual([
      { level: 'warn', msg: expect.stringContaining('failing') },
      { level: 'info', msg: 'search index updates resumed' },
    ]);

    // The restarted process indexes at a lower priority than it answers searches (the web first),
    // as the first one did: its indexing threads at nice 10, the others at the app's.
    const threads = threadsOf(meili.pid!);
    const indexing = threads.filter((t) => /^(indexing-thread|scheduler|batch-operation)/.test(t.name));
    expect(indexing.length).toBeGreaterThan(0);
    expect(indexing.map((t) => t.nice)).toEqual(indexing.map(() => 10));
    const serving = threads.filter((t) => !indexing.includes(t));
    expect(serving.length).toBeGreaterThan(0);
    expect(new Set(serving.map((t) => t.nice))).toEqual(new Set([os.getPriority()]));
  });
});

describe('a Meilisearch left behind by a killed app', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-fault-orphan-'));
  let app: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    app?.kill('SIGKILL');
    for (const pid of meilisearchesOn(dir)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused a twin while its app runs, and is stopped by the next start once its app died', async () => {
    // An "app": a process that launches Meilisearch on the directory and is then killed outright.
    const launcher = path.resolve('search-index/launcher.ts');
    app = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { launchMeilisearch } = await import(${JSON.stringify(launcher)});
         const m = await launchMeilisearch({ dataDir: ${JSON.stringify(dir)}, masterKey: '${MASTER_KEY}' });
         console.log('PID ' + m.pid);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const orphan = await new Promise<number>((resolve, reject) => {
      let out = '';
      app!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /PID (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      app!.once('exit', (code) => reject(new Error(`the app exited early (${code})`)));
    });
    expect(meilisearchesOn(dir)).toEqual([orphan]);

    await expect(launchMeilisearch({ dataDir: dir, masterKey: MASTER_KEY })).rejects.toThrow(/belongs to the running/);
    expect(meilisearchesOn(dir)).toEqual([orphan]);

    const exited = new Promise((resolve) => app!.once('exit', resolve));
    app.kill('SIGKILL');
    await exited;
    expect(alive(orphan)).toBe(true);

    const log: string[] = [];
    const next = await launchMeilisearch({ dataDir: dir, masterKey: MASTER_KEY, log: (line) => log.push(line) });
    try {
      expect(alive(orphan)).toBe(false);
      expect(meilisearchesOn(dir)).toEqual([next.pid]);
      expect(log.some((line) => line.includes(`stopping Meilisearch ${orphan}`))).toBe(true);
    } finally {
      await next.stop();
    }
    expect(meilisearchesOn(dir)).toEqual([]);
  });
});
