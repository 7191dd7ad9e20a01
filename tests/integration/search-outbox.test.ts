import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliClient } from '../../search-index/client.ts';
import { applyIndexSettings, indexUid } from '../../search-index/indexes.ts';
import { freePort, launchMeilisearch, type MeiliProcess } from '../../search-index/launcher.ts';
import { reindexAll } from '../../search-index/reindex.ts';
import { createVacanciesRepository } from '../../services/vacancies/vacancies.repository.ts';
import { createVacanciesService } from '../../services/vacancies/vacancies.service.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { buildVacancy, seedSmallDemo, officer } from '../helpers/factories.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';

const MASTER_KEY = 'outbox-test-master-key';

/** Every vacancy id with its updatedAt, as the database and as the index see them. */
async function snapshot(ctx: TestContext) {
  const rows = await ctx.db.vacancy.findMany({ select: { id: true, updatedAt: true, status: true } });
  const fromDb = Object.fromEntries(rows.map((r) => [r.id, `${Math.floor(r.updatedAt.getTime() / 1000)}:${r.status}`]));
  const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'vacancies'));
  const docs = await index.getDocuments<{ id: string; updatedAt: number; status: string }>({
    limit: 10_000,
    fields: ['id', 'updatedAt', 'status'],
  });
  const fromIndex = Object.fromEntries(docs.results.map((d) => [d.id, `${d.updatedAt}:${d.status}`]));
  return { fromDb, fromIndex };
}

describe('search outbox', () => {
  let ctx: TestContext;
  let meili: MeiliProcess;
  let port: number;
  const meiliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-outbox-meili-'));

  beforeAll(async () => {
    // A Meilisearch of this test's own, because the test stops and restarts it.
    port = await freePort();
    meili = await launchMeilisearch({ dataDir: meiliDir, masterKey: MASTER_KEY, port });
    ctx = await createTestContext({ meiliUrl: meili.url, config: { MEILI_MASTER_KEY: MASTER_KEY } });
    await seedSmallDemo(ctx.db, ctx.config.piiKey);
    await ctx.drain.drainAll();
  });
  afterAll(async () => {
    await ctx.close();
    await meili.stop();
    fs.rmSync(meiliDir, { recursive: true, force: true });
  });

  it('indexes what the seed wrote, without personal data in the labourer index', async () => {
    const { fromDb, fromIndex } = await snapshot(ctx);
    expect(Object.keys(fromDb).length).toBe(24);
    expect(fromIndex).toEqual(fromDb);
    const labourers = await ctx.meili
      .index(indexUid(ctx.config.meili.indexPrefix, 'labourers'))
      .getDocuments({ limit: 1000 });
    expect(labourers.results.length).toBe(await ctx.db.labourer.count({ where: { consentShowEmployer: true } }));
    const serialized = JSON.stringify(labourers.results);
    const people = await ctx.db.labourer.findMany({
      select: { name: true, phoneEncrypted: true, phoneMasked: true, idNumberMasked: true },
    });
    const pii = new PiiCipher(ctx.config.piiKey);
    for (const person of people) {
      if (person.phoneEncrypted) expect(serialized).not.toContain(pii.decrypt(person.phoneEncrypted).slice(-8));
      if (person.phoneMasked) expect(serialized).not.toContain(person.phoneMasked);
      expect(serialized).not.toContain(person.idNumberMasked.slice(0, 6) + person.idNumberMasked.slice(-4));
      if (Array.from(person.name).length > 1) expect(serialized).not.toContain(`"${person.name}"`);
    }
  });

  it('catches up after Meilisearch was down while vacancies were written', async () => {
    const service = createVacanciesService({
      repo: createVacanciesRepository(ctx.db),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
    });
    const employer = await ctx.db.employer.findFirstOrThrow({ where: { regionCode: { startsWith: '35' } } });
    const existing = await ctx.db.vacancy.findMany({ take: 3, orderBy: { id: 'asc' } });

    await meili.stop();
    const created = [];
    for (let i = 0; i < 5; i++)
      created.push(
        await service.create(
          officer,
          buildVacancy(employer.id, { title: `仓库管理员${i}`, regionCode: employer.regionCode.slice(0, 6) }),
        ),
      );
    await service.publish(officer, created[0]!.id);
    await service.close(officer, existing[0]!.id);
    await service.remove(officer, created[1]!.id);

    const whileDown = await ctx.drain.drainOnce();
    expect(whileDown.failed).toBeGreaterThan(0);
    expect(await ctx.drain.pending()).toBeGreaterThan(0);
    const failedRow = await ctx.db.searchOutbox.findFirstOrThrow();
    expect(failedRow.attempts).toBe(1);
    expect(failedRow.lastError).toBeTruthy();

    meili = await launchMeilisearch({ dataDir: meiliDir, masterKey: MASTER_KEY, port });
    await new Promise((r) => setTimeout(r, 250)); // past the retry backoff
    await ctx.drain.drainAll();
    expect(await ctx.drain.pending()).toBe(0);
    const { fromDb, fromIndex } = await snapshot(ctx);
    expect(fromIndex).toEqual(fromDb);
    expect(fromIndex[created[1]!.id]).toBeUndefined();
    expect(fromIndex[created[0]!.id]).toMatch(/:open$/);
  });

  it('keeps the index in step in the background worker', async () => {
    const service = createVacanciesService({
      repo: createVacanciesRepository(ctx.db),
      reference: () => ReferenceNames.load(createReferenceRepository(ctx.db)),
    });
    const employer = await ctx.db.employer.findFirstOrThrow();
    ctx.drain.start();
    const vacancy = await service.create(
      officer,
      buildVacancy(employer.id, { regionCode: employer.regionCode.slice(0, 6) }),
    );
    const index = ctx.meili.index(indexUid(ctx.config.meili.indexPrefix, 'vacancies'));
    const indexed = () =>
      index.getDocument(vacancy.id).then(
        () => true,
        () => false,
      );
    await expect.poll(indexed, { timeout: 10_000 }).toBe(true);
    await ctx.drain.stop();
  });

  it('gives each index its turn: a changed job is indexed in the first batch, not behind a backlog of people', async () => {
    const people = await ctx.db.labourer.findMany({ select: { id: true }, take: 3 });
    expect(people).toHaveLength(3);
    const job = await ctx.db.vacancy.findFirstOrThrow({ select: { id: true } });
    await ctx.db.searchOutbox.createMany({
      data: [
        ...people.map((p) => ({ indexName: 'labourers', documentId: p.id })),
        { indexName: 'vacancies', documentId: job.id },
      ],
    });
    const step = await ctx.drain.drainOnce(new Date(), 2);
    expect(step).toMatchObject({ rows: 3, failed: 0, more: true });
    const left = await ctx.db.searchOutbox.findMany({ select: { indexName: true, documentId: true } });
    expect(left).toEqual([{ indexName: 'labourers', documentId: people[2]!.id }]);
    expect(await ctx.drain.drainOnce(new Date(), 2)).toMatchObject({ rows: 1, more: false });
    expect(await ctx.drain.pending()).toBe(0);
  });

  it('rebuilds every index from the database and swaps it in', async () => {
    const uid = indexUid(ctx.config.meili.indexPrefix, 'vacancies');
    // Damage the index: the rebuild must restore it exactly.
    await ctx.meili.index(uid).deleteAllDocuments().waitTask();
    const progress: number[] = [];
    const results = await reindexAll(ctx.db, ctx.meili, ctx.config.meili.indexPrefix, (e) => progress.push(e.done));
    expect(results.map((r) => r.index)).toEqual(['vacancies', 'labourers']);
    const { fromDb, fromIndex } = await snapshot(ctx);
    expect(fromIndex).toEqual(fromDb);
    expect(progress.length).toBeGreaterThan(2);
    const settings = await ctx.meili.index(uid).getSettings();
    expect(settings.filterableAttributes).toContain('regionPrefixes');
    await applyIndexSettings(ctx.meili, ctx.config.meili.indexPrefix);
  });
});

describe('search index client', () => {
  it('talks to the test Meilisearch without gzip', async () => {
    const { inject } = await import('vitest');
    const client = createMeiliClient(inject('meiliUrl'), inject('meiliKey'));
    expect((await client.health()).status).toBe('available');
  });
});
