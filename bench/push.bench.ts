/**
 * Push campaign benchmark: one campaign for 100,000 labourers who want work (target <= 5 min on
 * the 2-core machine), on PostgreSQL and a real Meilisearch, with progress printed.
 *
 * The data comes from the demo generator (as bench:matching), appended to a PostgreSQL database of
 * its own; every generated person is then marked as wanting work. A second run reuses the database
 * and the index it left (`--dir` holds the keys and Meilisearch's data) and only clears the
 * previous campaigns' pushes, gaps and notices before measuring again.
 *
 *   npm run bench:push
 *   npm run bench:push -- --labourers 20000 --vacancies 6000
 *   DATABASE_URL=postgresql://… npm run bench:push        (default: database wb_bench_push on 127.0.0.1)
 *   npm run bench:push -- --no-sockets                    (only the campaign; else 5,000 socket.io clients follow)
 *   npm run bench:push -- --snapshot-max 0                (candidate queries to Meilisearch one by one, as before the snapshot)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemoData } from '../prisma/seed/demo.ts';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { createMeiliClient, succeeded } from '../search-index/client.ts';
import { allIds, countIds, DOCUMENT_LOADERS } from '../search-index/documents.ts';
import { applyIndexSettings, indexUid } from '../search-index/indexes.ts';
import { launchMeilisearch } from '../search-index/launcher.ts';
import { createMatchingRepository } from '../services/matching/matching.repository.ts';
import { createMatchingApi } from '../services/matching/matching.api.ts';
import { createMatcher } from '../services/matching/matcher.ts';
import { createNotifier } from '../services/notifications/notifier.ts';
import { openAdapter } from '../services/platform/database/connect.ts';
import { createPrismaClient, type Db } from '../services/platform/database/prisma.ts';
import { createJobQueue } from '../services/platform/jobs/job-queue.ts';
import { ReferenceNames } from '../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../services/platform/reference/reference.repository.ts';
import { createPushesRepository } from '../services/pushes/pushes.repository.ts';
import { createPushesService } from '../services/pushes/pushes.service.ts';
import { createMatchingSearch } from '../services/matching/matching.search.ts';

const { values: args } = parseArgs({
  options: {
    labourers: { type: 'string', default: '100000' },
    vacancies: { type: 'string', default: '30000' },
    employers: { type: 'string', default: '2000' },
    region: { type: 'string', default: '35' },
    dir: { type: 'string', default: '/tmp/wb-bench-push' },
    /** Skip the second part: 5,000 socket.io clients receiving one broadcast (bench/sockets.bench.ts). */
    'no-sockets': { type: 'boolean', default: false },
    clients: { type: 'string', default: '5000' },
    'page-size': { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    'per-request': { type: 'string', default: '40' },
    /** Open jobs up to which the campaign answers candidate queries from memory; 0 searches Meilisearch query by query. */
    'snapshot-max': { type: 'string', default: '200000' },
  },
});
const n = (name: keyof typeof args) => Number(args[name]);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmt = (x: number) => x.toLocaleString('en');
const progress = (line: string) => process.stdout.write(process.stdout.isTTY ? `\r  ${line}   ` : `  ${line}\n`);
const stopwatch = () => {
  const started = performance.now();
  return () => performance.now() - started;
};

interface Prepared {
  piiKey: string;
  masterKey: string;
  prefix: string;
  databaseUrl: string;
  labourers: number;
  vacancies: number;
}

async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
    return true;
  } finally {
    await client.end();
  }
}

async function indexVacancies(db: Db, meili: ReturnType<typeof createMeiliClient>, prefix: string) {
  const ref = await ReferenceNames.load(createReferenceRepository(db));
  const total = await countIds(db, 'vacancies');
  const index = meili.index(indexUid(prefix, 'vacancies'));
  const pending = [];
  let done = 0;
  for await (const ids of allIds(db, 'vacancies', 10_000)) {
    const batch = await DOCUMENT_LOADERS.vacancies(db, ref, ids);
    pending.push(index.addDocuments(batch.documents, { primaryKey: 'id' }));
    done += ids.length;
    progress(`vacancies: ${fmt(done)}/${fmt(total)} sent`);
  }
  progress(`vacancies: ${fmt(total)} sent, waiting for Meilisearch to index…`);
  for (const task of pending) await succeeded(task, 15 * 60_000);
}

async function main() {
  const dir = args.dir!;
  fs.mkdirSync(dir, { recursive: true });
  const readyFile = path.join(dir, 'ready.json');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/wb_bench_push';
  const previous = fs.existsSync(readyFile) ? (JSON.parse(fs.readFileSync(readyFile, 'utf8')) as Prepared) : null;
  const created = await ensureDatabase(databaseUrl);
  const reuse =
    !created &&
    previous?.databaseUrl === databaseUrl &&
    previous.labourers === n('labourers') &&
    previous.vacancies === n('vacancies');
  const prepared: Prepared = reuse
    ? previous!
    : {
        piiKey: crypto.randomBytes(32).toString('hex'),
        masterKey: crypto.randomBytes(16).toString('hex'),
        prefix: `benchpush${crypto.randomBytes(3).toString('hex')}_`,
        databaseUrl,
        labourers: n('labourers'),
        vacancies: n('vacancies'),
      };
  if (!reuse) fs.rmSync(path.join(dir, 'meili'), { recursive: true, force: true });
  const meiliProcess = await launchMeilisearch({ dataDir: path.join(dir, 'meili'), masterKey: prepared.masterKey });
  const adapter = await openAdapter({ databaseUrl, dataDir: '' });
  const db = createPrismaClient(adapter.factory);
  const meili = createMeiliClient(meiliProcess.url, prepared.masterKey);
  const queue = await createJobQueue();
  try {
    let elapsed = stopwatch();
    if (!reuse) {
      console.log(
        `bench:push  generating ${fmt(n('vacancies'))} vacancies and ${fmt(n('labourers'))} labourers into ${databaseUrl}`,
      );
      await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey: prepared.piiKey });
      await db.$executeRawUnsafe(
        'TRUNCATE "JobPush", "PushGap", "PushCampaign", "Notification", "Application", "MatchFeedback", "LabourerSkill", "LabourerCertificate", "LabourerWorkHistory", "LabourerStatusChange", "Labourer", "Vacancy", "Employer", "SearchOutbox" CASCADE',
      );
      await seedDemoData(db, {
        employers: n('employers'),
        vacancies: n('vacancies'),
        labourers: n('labourers'),
        piiKey: prepared.piiKey,
        append: true,
        log: progress,
      });
      // Every generated person wants work: the campaign's whole population.
      await db.$executeRaw`UPDATE "Labourer" SET "wantsJob" = true, "erasedAt" = NULL`;
      await db.searchOutbox.deleteMany();
      // Fresh planner statistics, as autovacuum would gather them a minute after a bulk load; without
      // them the first campaign on a just-generated database ran several times slower.
      await db.$executeRawUnsafe('ANALYZE');
      console.log(`\ndata: generated in ${secs(elapsed())}`);
      elapsed = stopwatch();
      await applyIndexSettings(meili, prepared.prefix);
      await indexVacancies(db, meili, prepared.prefix);
      console.log(`\nindex: built in ${secs(elapsed())}`);
      fs.writeFileSync(readyFile, JSON.stringify(prepared));
    } else {
      console.log(`bench:push  reusing ${databaseUrl} and the index in ${dir}`);
    }
    await db.$executeRaw`DELETE FROM "JobPush"`;
    await db.$executeRaw`DELETE FROM "PushGap"`;
    await db.$executeRaw`DELETE FROM "PushCampaign"`;
    await db.$executeRaw`DELETE FROM "Notification" WHERE "kind" = 'matched_job'`;

    let reference: Promise<ReferenceNames> | undefined;
    const ref = () => (reference ??= ReferenceNames.load(createReferenceRepository(db)));
    const matchingRepo = createMatchingRepository(db);
    const matching = createMatchingApi(
      createMatcher({ repo: matchingRepo, search: createMatchingSearch(meili, prepared.prefix), reference: ref }),
      matchingRepo,
    );
    const pushes = createPushesService({
      repo: createPushesRepository(db),
      matching,
      notifier: createNotifier(db, () => undefined),
      reference: ref,
      push: { capMultiple: 5, jobsPerPerson: 3, everyMinutes: 0 },
      queue,
      tuning: {
        pageSize: n('page-size'),
        concurrency: n('concurrency'),
        perRequest: n('per-request'),
        snapshotMax: n('snapshot-max'),
      },
    });
    const actor = { id: 'bench', role: 'admin' as const, regionCode: null };
    const region = args.region!;
    const willing = await db.labourer.count({
      where: { wantsJob: true, erasedAt: null, regionCode: { startsWith: region } },
    });
    const vacancies = await db.vacancy.count({ where: { status: 'open' } });
    console.log(
      `campaign over region ${region}: ${fmt(willing)} people who want work, ${fmt(vacancies)} open vacancies`,
    );

    let peakRss = 0;
    let peakHeap = 0;
    async function measured(label: string) {
      const clock = stopwatch();
      const sampler = setInterval(() => {
        const { rss, heapUsed } = process.memoryUsage();
        peakRss = Math.max(peakRss, rss);
        peakHeap = Math.max(peakHeap, heapUsed);
      }, 250);
      const ticker = setInterval(() => {
        void db.pushCampaign.findFirst({ where: { status: 'running' }, orderBy: { startedAt: 'desc' } }).then((c) => {
          if (!c) return;
          const rate = c.considered / (clock() / 1000);
          progress(
            `${label}: ${fmt(c.considered)}/${fmt(c.total)} people, ${fmt(c.pushed)} pushed, ${fmt(c.withoutMatch)} without (${rate.toFixed(0)} people/s, ${secs(clock())})`,
          );
        });
      }, 5000);
      try {
        const result = await pushes.run(actor, region);
        return { result, ms: clock() };
      } finally {
        clearInterval(ticker);
        clearInterval(sampler);
        if (process.stdout.isTTY) process.stdout.write('\n');
      }
    }

    const first = await measured('campaign');
    const notices = await db.notification.count({ where: { kind: 'matched_job' } });
    const coveredPeople = await db.$queryRaw<
      Array<{ n: number }>
    >`SELECT count(DISTINCT "labourerId")::int AS n FROM "JobPush"`;
    const overCap = await db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM (SELECT p."vacancyId" FROM "JobPush" p JOIN "Vacancy" v ON v."id" = p."vacancyId"
        GROUP BY p."vacancyId", v."headcount" HAVING count(*) > 5 * v."headcount") x`;
    const reasons = await db.pushGap.groupBy({ by: ['reason'], _count: true });
    const again = await measured('re-run');

    const rate = first.result.considered / (first.ms / 1000);
    console.log('');
    console.log(`campaign: ${fmt(first.result.considered)} people in ${secs(first.ms)}: ${rate.toFixed(0)} people/s`);
    console.log(
      `  ${fmt(first.result.pushed)} jobs pushed (${fmt(notices)} notices) to ${fmt(coveredPeople[0]!.n)} people; ${fmt(first.result.withoutMatch)} without a suitable job`,
    );
    console.log(`  vacancies over their cap: ${overCap[0]!.n}`);
    console.log(`  reasons: ${reasons.map((r) => `${r.reason} ${fmt(r._count)}`).join(', ') || 'none'}`);
    console.log(`  target <= 5 min: ${first.ms <= 300_000 ? 'met' : 'MISSED'}`);
    const mb = (bytes: number) => `${fmt(Math.round(bytes / 1024 / 1024))} MB`;
    console.log(`  memory of the app side (both runs): peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`);
    console.log(
      `re-run on the same data: ${fmt(again.result.pushed)} pushed, ${fmt(again.result.considered)} people in ${secs(again.ms)}`,
    );
  } finally {
    await queue.close();
    await db.$disconnect();
    await adapter.close();
    await meiliProcess.stop();
  }
}

async function sockets() {
  if (args['no-sockets']) return;
  console.log(`\nrealtime: ${args.clients} socket.io clients on one instance receiving one broadcast`);
  const { runSocketBench, formatSocketBench } = await import('./sockets.bench.ts');
  console.log(formatSocketBench(await runSocketBench({ clients: Number(args.clients) })));
}

main()
  .then(sockets)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
