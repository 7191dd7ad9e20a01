/**
 * Matching benchmark: 100,000 vacancies and 100,000 labourers (the demo generator, appended to an
 * empty PGlite database on disk) indexed in a real Meilisearch, then
 *   1. one person's top 10 through HTTP (the real app listening on a port, bearer token, JSON):
 *      p50/p95 against the target p95 <= 50 ms,
 *   2. the same candidate queries sent straight to Meilisearch, and the ratio of the two,
 *   3. the batch ranking of every labourer who wants work (target >= 300 people/s on 2 cores).
 *
 *   npm run bench:matching                                   100,000 + 100,000
 *   npm run bench:matching -- --vacancies 20000 --labourers 20000 --requests 200
 *   npm run bench:matching -- --dir /tmp/wb-bench               keep the data and index for the next run
 *   npm run bench:matching -- --snapshot-max 0                  batch ranking searching Meilisearch query by query
 *   MEILI_URL=… MEILI_MASTER_KEY=… npm run bench:matching     against a running Meilisearch
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoData } from '../prisma/seed/demo.ts';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { Random } from '../prisma/seed/random.ts';
import { createMeiliClient, succeeded } from '../search-index/client.ts';
import { allIds, countIds, DOCUMENT_LOADERS } from '../search-index/documents.ts';
import { applyIndexSettings, type IndexName, indexUid } from '../search-index/indexes.ts';
import { launchMeilisearch } from '../search-index/launcher.ts';
import { buildApp } from '../services/app.ts';
import { jobQueries } from '../services/matching/jobs.search.ts';
import { rankEveryoneWilling } from '../services/matching/batch-ranking.ts';
import { createMatcher } from '../services/matching/matcher.ts';
import { createMatchingRepository } from '../services/matching/matching.repository.ts';
import { hashToken } from '../services/platform/auth/auth.plugin.ts';
import { loadConfig } from '../services/platform/config/config.ts';
import { liveSnapshotConfig } from '../services/matching/live-snapshot.ts';
import { openAdapter } from '../services/platform/database/connect.ts';
import { createPrismaClient, type Db } from '../services/platform/database/prisma.ts';
import { ReferenceNames } from '../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../services/platform/reference/reference.repository.ts';
import { createMatchingSearch } from '../services/matching/matching.search.ts';

const { values: args } = parseArgs({
  options: {
    vacancies: { type: 'string', default: '100000' },
    labourers: { type: 'string', default: '100000' },
    employers: { type: 'string', default: '2000' },
    applications: { type: 'string', default: '30000' },
    requests: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    'per-request': { type: 'string', default: '40' },
    'batch-max': { type: 'string' },
    /** Open jobs up to which the batch ranking answers candidate queries from memory; 0 searches Meilisearch each. */
    'snapshot-max': { type: 'string', default: '200000' },
    /** Keep the generated data and index here and reuse them on the next run (default: a temporary directory). */
    dir: { type: 'string' },
  },
});
const n = (name: keyof typeof args) => Number(args[name]);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
/** Progress on one line in a terminal, one line each in a log file. */
const progress = (line: string) => process.stdout.write(process.stdout.isTTY ? `\r  ${line}   ` : `  ${line}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function stopwatch() {
  const started = performance.now();
  return () => performance.now() - started;
}

/** Applications across the vacancies, so hire records and crowding are read from real rows. */
async function seedApplications(db: Db, count: number, vacancyIds: string[], labourerIds: string[]) {
  const random = new Random(20_260_315);
  const now = Date.now();
  const statuses = [
    'applied',
    'applied',
    'viewed',
    'interview',
    'hired',
    'started',
    'started',
    'left',
    'rejected',
  ] as const;
  const seen = new Set<string>();
  let rows = [];
  for (let i = 0; i < count; i++) {
    const labourerId = random.pick(labourerIds);
    const vacancyId = random.pick(vacancyIds);
    if (seen.has(`${labourerId}:${vacancyId}`)) continue;
    seen.add(`${labourerId}:${vacancyId}`);
    const status = random.pick([...statuses]);
    const hired = ['hired', 'started', 'left'].includes(status)
      ? new Date(now - random.int(10, 400) * 86_400_000)
      : null;
    rows.push({
      labourerId,
      vacancyId,
      status,
      origin: 'self' as const,
      hiredAt: hired,
      startedAt: hired && status !== 'hired' ? hired : null,
      leftAt: status === 'left' && hired ? new Date(hired.getTime() + random.int(5, 200) * 86_400_000) : null,
    });
    if (rows.length === 2000) {
      await db.application.createMany({ data: rows });
      rows = [];
    }
  }
  if (rows.length) await db.application.createMany({ data: rows });
}

/** Straight from the database to Meilisearch in large batches, with the app's own document mappers. */
async function indexAll(db: Db, meili: ReturnType<typeof createMeiliClient>, prefix: string, name: IndexName) {
  const ref = await ReferenceNames.load(createReferenceRepository(db));
  const total = await countIds(db, name);
  const index = meili.index(indexUid(prefix, name));
  const pending = [];
  let done = 0;
  for await (const ids of allIds(db, name, 10_000)) {
    const batch = await DOCUMENT_LOADERS[name](db, ref, ids);
    pending.push(index.addDocuments(batch.documents, { primaryKey: 'id' }));
    done += ids.length;
    progress(`${name}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} sent`);
  }
  progress(`${name}: ${total.toLocaleString('en')} sent, waiting for Meilisearch to index…`);
  for (const task of pending) await succeeded(task, 15 * 60_000);
}

interface Prepared {
  piiKey: string;
  masterKey: string;
  prefix: string;
}

async function main() {
  const keep = args.dir !== undefined;
  const dir = args.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-matching-'));
  fs.mkdirSync(dir, { recursive: true });
  const readyFile = path.join(dir, 'ready.json');
  const reuse = fs.existsSync(readyFile) && !process.env.MEILI_URL;
  const prepared: Prepared = reuse
    ? (JSON.parse(fs.readFileSync(readyFile, 'utf8')) as Prepared)
    : {
        piiKey: crypto.randomBytes(32).toString('hex'),
        masterKey: process.env.MEILI_MASTER_KEY ?? crypto.randomBytes(16).toString('hex'),
        prefix: `bench${crypto.randomBytes(3).toString('hex')}_`,
      };
  const { piiKey, masterKey, prefix } = prepared;
  let meiliUrl = process.env.MEILI_URL;
  let stopMeili = async () => {};
  if (!meiliUrl) {
    const meiliProcess = await launchMeilisearch({ dataDir: path.join(dir, 'meili'), masterKey });
    meiliUrl = meiliProcess.url;
    stopMeili = () => meiliProcess.stop();
  }
  console.log(
    reuse
      ? `bench:matching  reusing the data and index in ${dir}`
      : `bench:matching  ${n('vacancies').toLocaleString('en')} vacancies, ${n('labourers').toLocaleString('en')} labourers, in ${dir}`,
  );
  const adapter = await openAdapter({ dataDir: path.join(dir, 'data') });
  const db = createPrismaClient(adapter.factory);
  const meili = createMeiliClient(meiliUrl, masterKey);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    let elapsed = stopwatch();
    if (!reuse) {
      await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey });
      const seeded = await seedDemoData(db, {
        employers: n('employers'),
        vacancies: n('vacancies'),
        labourers: n('labourers'),
        piiKey,
        append: true,
        log: progress,
      });
      // The generator skips people whose ID number it drew twice: take the ids that were written.
      const labourerIds = (await db.labourer.findMany({ select: { id: true } })).map((l) => l.id);
      await seedApplications(db, n('applications'), seeded.vacancyIds, labourerIds);
      await db.searchOutbox.deleteMany();
      console.log(`\ndata: generated in ${secs(elapsed())}`);

      elapsed = stopwatch();
      await applyIndexSettings(meili, prefix);
      await indexAll(db, meili, prefix, 'vacancies');
      await indexAll(db, meili, prefix, 'labourers');
      console.log(`index: built in ${secs(elapsed())}`);
      if (keep) fs.writeFileSync(readyFile, JSON.stringify(prepared));
    }

    // ── 1. one person's top 10 through HTTP ──
    const config = loadConfig({
      NODE_ENV: 'production',
      DATA_DIR: dir,
      MEILI_URL: meiliUrl,
      MEILI_MASTER_KEY: masterKey,
      MEILI_INDEX_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      PII_KEY: piiKey,
      PORT: '0',
      ...(process.env.MATCHING_SNAPSHOT_MAX ? { MATCHING_SNAPSHOT_MAX: process.env.MATCHING_SNAPSHOT_MAX } : {}),
    });
    app = await buildApp({ config, db, meili });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const token = crypto.randomBytes(24).toString('hex');
    const admin = await db.user.upsert({
      where: { username: 'bench.admin' },
      create: { username: 'bench.admin', passwordHash: 'x', role: 'admin', displayName: 'bench' },
      update: {},
    });
    await db.apiToken.create({
      data: { userId: admin.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const willing = await db.labourer.findMany({ where: { wantsJob: true, erasedAt: null }, select: { id: true } });
    const random = new Random(7);
    const sample = Array.from({ length: n('requests') }, () => random.pick(willing).id);
    const headers = { authorization: `Bearer ${token}` };
    let empty = 0;
    const call = async (id: string) => {
      const response = await fetch(`${url}/api/v1/labourers/${id}/matches?limit=10`, { headers });
      if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { items: unknown[] };
      if (body.items.length === 0) empty++;
    };
    for (const id of sample.slice(0, 30)) await call(id);
    // A running app holds the open jobs in memory after its first match request (MATCHING_SNAPSHOT_MAX;
    // 0 searches Meilisearch for every request): time it as it runs then.
    const heldFor = stopwatch();
    await app.modules.deps.matching.holdOpenJobs();
    const holding = config.section(liveSnapshotConfig).max > 0;
    if (holding) console.log(`open jobs read into memory in ${secs(heldFor())}`);
    empty = 0;
    const httpTimes: number[] = [];
    for (const [i, id] of sample.entries()) {
      const t = stopwatch();
      await call(id);
      httpTimes.push(t());
      if (i % 100 === 99) progress(`http: ${i + 1}/${sample.length}`);
    }
    if (process.stdout.isTTY) process.stdout.write('\n');

    // ── 2. the same candidate queries, straight to Meilisearch ──
    const matcher = createMatcher({
      repo: createMatchingRepository(db),
      search: createMatchingSearch(meili, prefix),
      reference: () => ReferenceNames.load(createReferenceRepository(db)),
    });
    const taxonomy = await matcher.taxonomy();
    const repo = createMatchingRepository(db);
    const meiliTimes: number[] = [];
    const serverTimes: number[] = [];
    for (const id of sample) {
      const profile = matcher.profileOf((await repo.person(id))!, taxonomy, new Date());
      const queries = jobQueries(profile, taxonomy, new Date(), prefix);
      const t = stopwatch();
      const result = await meili.multiSearch({ queries });
      meiliTimes.push(t());
      serverTimes.push(result.results.reduce((sum, r) => sum + r.processingTimeMs, 0));
    }

    // ── 3. batch ranking of every willing labourer ──
    const total = willing.length;
    const max = args['batch-max'] ? Math.min(Number(args['batch-max']), total) : total;
    let ranked = 0;
    let withMatches = 0;
    elapsed = stopwatch();
    const ticker = setInterval(() => {
      const rate = ranked / (elapsed() / 1000);
      progress(`batch: ${ranked.toLocaleString('en')}/${max.toLocaleString('en')} (${rate.toFixed(0)} people/s)`);
    }, 5000);
    await rankEveryoneWilling(matcher, createMatchingRepository(db), {
      limit: 10,
      concurrency: n('concurrency'),
      perRequest: n('per-request'),
      max,
      snapshotMax: n('snapshot-max'),
      onResult: (_person, matches) => {
        ranked++;
        if (matches.length) withMatches++;
      },
    });
    clearInterval(ticker);
    const batchMs = elapsed();
    if (process.stdout.isTTY) process.stdout.write('\n');

    const p50 = percentile(httpTimes, 50);
    const p95 = percentile(httpTimes, 95);
    const m50 = percentile(meiliTimes, 50);
    const m95 = percentile(meiliTimes, 95);
    const rate = ranked / (batchMs / 1000);
    console.log('');
    console.log(
      `one person's top 10 over HTTP (${httpTimes.length} requests, ${empty} with no match; ${holding ? 'open jobs in memory' : 'a Meilisearch search each, MATCHING_SNAPSHOT_MAX=0'})`,
    );
    console.log(
      `  p50 ${ms(p50)}   p95 ${ms(p95)}   p99 ${ms(percentile(httpTimes, 99))}   target p95 <= 50 ms: ${p95 <= 50 ? 'met' : 'MISSED'}`,
    );
    console.log('the same candidate queries straight to Meilisearch (client round trip)');
    console.log(`  p50 ${ms(m50)}   p95 ${ms(m95)}   server processing p50 ${ms(percentile(serverTimes, 50))}`);
    console.log(`  ratio HTTP / Meilisearch: p50 ${(p50 / m50).toFixed(1)}x   p95 ${(p95 / m95).toFixed(1)}x`);
    console.log(`batch ranking of people who want work (${max.toLocaleString('en')} of ${total.toLocaleString('en')})`);
    console.log(
      `  ${ranked.toLocaleString('en')} people in ${secs(batchMs)}: ${rate.toFixed(0)} people/s, ${withMatches.toLocaleString('en')} with at least one match   target >= 300 people/s: ${rate >= 300 ? 'met' : 'MISSED'}`,
    );
  } finally {
    await app?.close();
    await db.$disconnect();
    await adapter.close();
    if (!keep) {
      await meili.deleteIndex(indexUid(prefix, 'vacancies')).catch(() => undefined);
      await meili.deleteIndex(indexUid(prefix, 'labourers')).catch(() => undefined);
    }
    await stopMeili();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
