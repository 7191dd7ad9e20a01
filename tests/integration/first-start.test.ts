import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMeiliClient } from '../../search-index/client.ts';
import { INDEX_NAMES, indexUid } from '../../search-index/indexes.ts';
import { createLogger } from '../../services/app.ts';
import { loadConfig } from '../../services/platform/config/config.ts';
import { type RunningApp, startServer } from '../../services/server.ts';

interface LogLine {
  level: number;
  msg: string;
  campaigns?: number;
  status?: string;
}

/**
 * `npm start` on a fresh data directory, as a new user runs it: embedded database, demo seed, the
 * start-up push campaign. (The test run's Meilisearch under a fresh index prefix stands in for the
 * one the app would start.)
 */
describe('first start on a fresh data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbridge-first-start-test-'));
  const prefix = `fs${crypto.randomBytes(4).toString('hex')}_`;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const configOf = (overrides: Record<string, string> = {}) =>
    loadConfig({
      ...env,
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliKey'),
      MEILI_INDEX_PREFIX: prefix,
      LOG_LEVEL: 'info',
      SEED_DEMO: 'true',
      ...overrides,
    });
  let running: RunningApp | undefined;

  afterAll(async () => {
    await running?.stop();
    const meili = createMeiliClient(inject('meiliUrl'), inject('meiliKey'));
    for (const name of INDEX_NAMES) await meili.deleteIndex(indexUid(prefix, name)).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers once started, completes the start-up push campaign and marks nothing failed', async () => {
    const config = configOf();
    running = await startServer(config, createLogger(config, sink));

    const deadline = Date.now() + 240_000;
    let campaigns = await running.db.pushCampaign.findMany();
    while (!campaigns.length || campaigns.some((c) => c.status === 'running' || c.status === 'pending')) {
      if (Date.now() > deadline) throw new Error('the start-up push campaign did not finish within 4 minutes');
      await new Promise((resolve) => setTimeout(resolve, 500));
      campaigns = await running.db.pushCampaign.findMany();
    }
    expect(campaigns.map((c) => [c.regionCode, c.status, c.error])).toEqual(
      campaigns.map((c) => [c.regionCode, 'completed', null]),
    );
    expect(campaigns.find((c) => c.regionCode === '35')!.pushed).toBeGreaterThan(0);
    expect(lines.filter((l) => l.msg.includes('marked failed'))).toEqual([]);
    // The search drain starts once the tables exist: a first start logs no failing index update.
    expect(lines.filter((l) => l.msg.startsWith('search index updates failing'))).toEqual([]);
    expect(lines.filter((l) => l.msg === 'push campaign finished').map((l) => l.status)).toEqual(
      campaigns.map(() => 'completed'),
    );
  }, 400_000);

  it('on a restart fails only the campaigns an earlier process left running', async () => {
    await running!.stop();
    running = undefined;
    const config = configOf({ PUSH_EVERY_MINUTES: '0' });
    const from = lines.length;
    // A campaign the stopped process would have left behind had it died mid-run.
    const { db: before, stop } = await startServer(config, createLogger(config, sink));
    const cutOff = await before.pushCampaign.create({
      data: { regionCode: '3508', trigger: 'manual', status: 'running', bootId: 'an-earlier-process' },
    });
    await stop();

    running = await startServer(config, createLogger(config, sink));
    const after = await running.db.pushCampaign.findUniqueOrThrow({ where: { id: cutOff.id } });
    expect(after).toMatchObject({ status: 'failed', error: 'interrupted by a restart' });
    const completed = await running.db.pushCampaign.count({ where: { status: 'completed' } });
    expect(completed).toBeGreaterThan(0);
    expect(lines.slice(from).filter((l) => l.msg.includes('marked failed'))).toEqual([
      expect.objectContaining({ campaigns: 1 }),
    ]);
  }, 200_000);
});
