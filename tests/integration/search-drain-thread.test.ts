import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DrainThread, startDrainThread } from '../../search-index/drain-thread.ts';
import { indexUid } from '../../search-index/indexes.ts';
import { freePort } from '../../search-index/launcher.ts';
import { databaseLink } from '../../services/platform/database/prisma.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { createVacanciesRepository } from '../../services/vacancies/vacancies.repository.ts';
import { createVacanciesService } from '../../services/vacancies/vacancies.service.ts';
import { buildVacancy, seedSmallDemo, officer } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

describe('the outbox drain in a thread of its own', () => {
  let ctx: TestContext;
  let thread: DrainThread | undefined;
  const logged: Array<{ level: string; msg: string; detail: object }> = [];
  const log = {
    warn: (detail: object, msg: string) => logged.push({ level: 'warn', msg, detail }),
    info: (detail: object, msg: string) => logged.push({ level: 'info', msg, detail }),
    error: (detail: object, msg: string) => logged.push({ level: 'error', msg, detail }),
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await ctx.drain.drainAll();
  });
  afterAll(async () => {
    await thread?.stop();
    await ctx?.close();
  });

  const start = (meiliUrl = ctx.config.meili.url!, link = () => databaseLink(ctx.db)!) =>
    startDrainThread({
      link,
      meiliUrl,
      meiliKey: ctx.config.meili.masterKey,
      indexPrefix: ctx.config.meili.indexPrefix,
      options: { idleIntervalMs: 50, baseBackoffMs: 20, maxBackoffMs: 200 },
      log,
      restartBackoffMs: 50,
    });

  async function createJob(title: string) {
    const service = createVacanciesService({
      repo: createVacanciesRepository(ctx.db),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
    });
    const employer = await ctx.db.employer.findFirstOrThrow();
    return service.create(officer, buildVacancy(employer.id, { title, regionCode: employer.regionCode.slice(0, 6) }));
  }

  const indexedTitle = (id: string) =>
    ctx.meili
      .index(indexUid(ctx.config.meili.indexPrefix, 'vacancies'))
      .getDocument<{ title: string }>(id)
      .then(
        (doc) => doc.title,
        () => null,
      );

  it('indexes what the app writes, and its stop ends the thread with the outbox left consistent', async () => {
    thread = start();
    const job = await createJob('叉车司机（线程）');
    await expect.poll(() => indexedTitle(job.id), { timeout: 30_000, interval: 50 }).toBe('叉车司机（线程）');
    await expect.poll(() => ctx.drain.pending(), { timeout: 5_000 }).toBe(0);
    await thread.stop();
    thread = undefined;
    // Stopped: nothing drains any more, and the app's own database goes on answering.
    const later = await createJob('焊工（停止后）');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await indexedTitle(later.id)).toBeNull();
    expect(await ctx.drain.pending()).toBeGreaterThan(0);
    await ctx.drain.drainAll();
    expect(await indexedTitle(later.id)).toBe('焊工（停止后）');
  });

  it('starts the thread again when it ends unasked, and the new one drains', async () => {
    thread = start();
    const first = await createJob('电工（第一个线程）');
    await expect.poll(() => indexedTitle(first.id), { timeout: 30_000, interval: 50 }).toBe('电工（第一个线程）');
    await thread.worker!.terminate();
    const second = await createJob('保洁（重启之后）');
    await expect.poll(() => thread!.restarts, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => indexedTitle(second.id), { timeout: 30_000, interval: 50 }).toBe('保洁（重启之后）');
    expect(logged.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'search: the outbox drain thread ended; starting it again',
    ]);
    await thread.stop();
    thread = undefined;
  });

  it('keeps trying, without taking the app down, when no link can be made for a new thread', async () => {
    logged.length = 0;
    let links = 0;
    thread = start(undefined, () => {
      links += 1;
      if (links === 2) throw new Error('the database is not reachable');
      return databaseLink(ctx.db)!;
    });
    await expect.poll(() => thread!.worker !== undefined).toBe(true);
    await thread.worker!.terminate();
    await expect.poll(() => thread!.restarts, { timeout: 10_000 }).toBe(2);
    const job = await createJob('砌筑工（再次连接）');
    await expect.poll(() => indexedTitle(job.id), { timeout: 30_000, interval: 50 }).toBe('砌筑工（再次连接）');
    // The thread's end, then the failed start, each logged once, each followed by another try.
    expect(logged.filter((l) => l.level === 'error').map((l) => l.detail)).toEqual([
      expect.objectContaining({ code: expect.any(Number), restartInMs: 50 }),
      expect.objectContaining({ error: 'the database is not reachable', restartInMs: 100 }),
    ]);
    await thread.stop();
    thread = undefined;
  });

  it("passes its drain's log to the app's: an unreachable Meilisearch is logged once, rows kept", async () => {
    logged.length = 0;
    const closedPort = await freePort();
    thread = start(`http://127.0.0.1:${closedPort}`);
    const job = await createJob('木工（索引不可达）');
    await expect
      .poll(() => logged.filter((l) => l.level === 'warn').map((l) => l.msg), { timeout: 30_000 })
      .toEqual([
        'search index updates failing; rows wait in the outbox and are retried with back-off (logged again when they resume)',
      ]);
    await thread.stop();
    thread = undefined;
    const row = await ctx.db.searchOutbox.findFirstOrThrow({ where: { documentId: job.id } });
    expect(row.attempts).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 250)); // past the retry's back-off
    await ctx.drain.drainAll();
    expect(await indexedTitle(job.id)).toBe('木工（索引不可达）');
  });
});
