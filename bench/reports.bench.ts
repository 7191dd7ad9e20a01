/**
 * Reports benchmark: the province dashboard over 500,000 labourers and their histories in PostgreSQL.
 *
 *   npm run bench:reports                       500,000 labourers in `workbridge_bench_reports`
 *   npm run bench:reports -- --labourers 100000 --runs 5
 *   npm run bench:reports -- --fresh            drop and regenerate the data
 *   BENCH_PG_URL=postgres://user@host:5432 npm run bench:reports
 *
 * The database is created on first use and reused while it holds the asked number of labourers.
 * Rows are generated in SQL (generate_series), not through Prisma one by one: ~1.3 M status
 * changes, pushes, applications, subsidies, fairs, cooperation and training in proportion.
 * Then it times the province's indicator computation (each query and the total; target <= 1 s)
 * and an HTTP GET /dashboard through the app as a province officer.
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { seedDemoData } from '../prisma/seed/demo.ts';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { createMeiliClient } from '../search-index/client.ts';
import { buildApp } from '../services/app.ts';
import { hashToken } from '../services/platform/auth/auth.plugin.ts';
import { loadConfig } from '../services/platform/config/config.ts';
import { openAdapter } from '../services/platform/database/connect.ts';
import { createPrismaClient } from '../services/platform/database/prisma.ts';
import { createIndicatorsRepository } from '../services/reports/indicators.repository.ts';
import { createIndicatorsService } from '../services/reports/indicators.service.ts';
import { monthsEndingAt, periodOf, today } from '../services/reports/period.ts';
import { fillFlowSnapshots, fillSnapshots } from '../services/reports/snapshots.ts';

const { values: args } = parseArgs({
  options: {
    labourers: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    fresh: { type: 'boolean', default: false },
  },
});
const N = Number(args.labourers);
const RUNS = Number(args.runs);
const DB_NAME = 'workbridge_bench_reports';
const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const TARGET_MS = 1000;

const stopwatch = () => {
  const started = performance.now();
  return () => performance.now() - started;
};
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

async function ensureDatabase() {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  if (args.fresh) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`);
  // The planner's default assumes spinning disks; SSD servers (this machine included) run with 1.1.
  await admin.query(`ALTER DATABASE ${DB_NAME} SET random_page_cost = 1.1`);
  await admin.end();
}

/** Everything in SQL, seeded random, in one session. */
const GENERATE = (n: number) => `
SELECT setseed(0.42);
CREATE TEMP TABLE counties AS
  SELECT row_number() OVER (ORDER BY code) AS i, code FROM "Region" WHERE level = 'county' AND code LIKE '35%';
CREATE TEMP TABLE gen AS
  SELECT g AS n, gen_random_uuid()::text AS id,
    (SELECT code FROM counties WHERE i = 1 + (g::bigint * 7919) % (SELECT count(*) FROM counties)) AS county,
    random() AS r1, random() AS r2, random() AS r3, random() AS r4
  FROM generate_series(1, ${n}) g;
INSERT INTO "Labourer" ("id", "name", "idNumberEncrypted", "idNumberHash", "idNumberMasked", "sex", "birthDate",
  "regionCode", "educationLevel", "povertyStatus", "employmentStatus", "employmentStatusSince", "wantsJob",
  "pensionInsurance", "unemploymentInsurance", "desiredOccupations", "trainingWishes", "createdAt", "updatedAt")
SELECT id, '测试' || n, 'bench', md5('bench' || n), county || '********0000',
  (CASE WHEN r1 < 0.52 THEN 'male' ELSE 'female' END)::"Sex",
  date '1962-01-01' + (r2 * 16000)::int,
  county || lpad((100 + n % 20)::text, 3, '0') || lpad((200 + n % 30)::text, 3, '0'),
  (CASE WHEN r3 < 0.2 THEN 'primary' WHEN r3 < 0.65 THEN 'junior_secondary' WHEN r3 < 0.85 THEN 'senior_secondary'
        WHEN r3 < 0.95 THEN 'vocational' WHEN r3 < 0.99 THEN 'college' ELSE 'bachelor_or_above' END)::"EducationLevel",
  (CASE WHEN r4 < 0.7 THEN 'lifted_out' ELSE 'registered' END)::"PovertyStatus",
  (CASE WHEN r1 < 0.30 THEN 'unemployed' WHEN r1 < 0.52 THEN 'employed_local'
        WHEN r1 < 0.68 THEN 'transferred_in_province' WHEN r1 < 0.76 THEN 'transferred_out_province'
        WHEN r1 < 0.83 THEN 'self_employed' WHEN r1 < 0.88 THEN 'public_welfare_post'
        WHEN r1 < 0.92 THEN 'in_training' ELSE 'not_in_labour_force' END)::"EmploymentStatus",
  now() - (30 + r4 * 300)::int * interval '1 day',
  (r1 < 0.30 AND r3 < 0.9) OR (r1 >= 0.30 AND r1 < 0.92 AND r2 < 0.25),
  (CASE WHEN r2 < 0.85 THEN 'urban_rural_resident' WHEN r2 < 0.9 THEN 'employee' ELSE 'none' END)::"PensionInsurance",
  r3 < 0.1, ARRAY['C03-001'], ARRAY[]::text[], now() - interval '2 years', now()
FROM gen;

-- 1 to 4 dated status changes each over the last two years; the last (the current status) 30 to
-- 330 days ago, as in the demo generator, the earlier ones before it.
INSERT INTO "LabourerStatusChange" ("labourerId", "fromStatus", "toStatus", "changedAt", "source")
SELECT l."id", NULL,
  CASE WHEN k = steps THEN l."employmentStatus"
       ELSE (ARRAY['unemployed','employed_local','transferred_in_province','transferred_out_province','self_employed',
                   'public_welfare_post','in_training','unemployed']::"EmploymentStatus"[])[1 + floor(random() * 8)::int] END,
  CASE WHEN k = steps THEN l."employmentStatusSince"
       ELSE now() - interval '730 days' + (k - 1) * interval '100 days' + random() * interval '60 days' END,
  'import'
FROM (SELECT "id", "employmentStatus", "employmentStatusSince", 1 + (abs(hashtext("id")::bigint) % 4) AS steps FROM "Labourer") l,
  LATERAL generate_series(1, l.steps) k;

INSERT INTO "JobPush" ("labourerId", "vacancyId", "campaignId", "score", "pushedAt")
SELECT l."id", v."id", 'bench', 0.8, now() - random() * interval '200 days'
FROM "Labourer" l
JOIN LATERAL (SELECT "id" FROM "Vacancy" OFFSET (abs(hashtext(l."id")::bigint) % 300) LIMIT 1 + abs(hashtext(l."id" || 'p')::bigint) % 2) v ON true
WHERE l."wantsJob" AND abs(hashtext(l."id" || 'w')::bigint) % 10 < 8;

INSERT INTO "Application" ("id", "labourerId", "vacancyId", "status", "origin", "createdAt", "updatedAt", "hiredAt", "startedAt")
SELECT gen_random_uuid()::text, l."id", v."id",
  (CASE WHEN h < 0.25 THEN 'started' WHEN h < 0.4 THEN 'hired' WHEN h < 0.7 THEN 'applied' ELSE 'rejected' END)::"ApplicationStatus",
  'self', c, now(),
  CASE WHEN h < 0.4 THEN c + interval '10 days' END,
  CASE WHEN h < 0.25 THEN c + interval '20 days' END
FROM (SELECT "id", random() AS h, now() - random() * interval '500 days' AS c FROM "Labourer" WHERE random() < 0.3) l
JOIN LATERAL (SELECT "id" FROM "Vacancy" OFFSET (abs(hashtext(l."id" || 'a')::bigint) % 300) LIMIT 1) v ON true;

INSERT INTO "SubsidyDecision" ("id", "applicationId", "employerId", "labourerId", "status", "amount", "qualifyingMonths", "decidedById", "decidedAt")
SELECT gen_random_uuid()::text, a."id", v."employerId", a."labourerId",
  (CASE WHEN random() < 0.9 THEN 'approved' ELSE 'rejected' END)::"SubsidyDecisionStatus", 1000, 6, 'bench',
  a."startedAt" + interval '190 days'
FROM "Application" a JOIN "Vacancy" v ON v."id" = a."vacancyId"
WHERE a."status" = 'started' AND random() < 0.5;

INSERT INTO "Fair" ("id", "kind", "name", "startsAt", "endsAt", "regionCode", "organiser", "status", "targetGroups", "updatedAt")
SELECT gen_random_uuid()::text, 'spring_breeze', '春风行动专场招聘会' || g, s, s + interval '6 hours',
  (SELECT code FROM counties WHERE i = 1 + g % (SELECT count(*) FROM counties)), '人社局',
  (CASE WHEN g % 20 = 0 THEN 'cancelled' ELSE 'closed' END)::"FairStatus", ARRAY[]::"TargetGroup"[], now()
FROM (SELECT g, now() - random() * interval '700 days' AS s FROM generate_series(1, ${Math.round(n / 170)}) g) f;

INSERT INTO "FairRegistration" ("id", "fairId", "labourerId", "code", "source", "regionCode", "checkedInAt", "targetGroups")
SELECT gen_random_uuid()::text, f."id", l."id", md5(l."id" || f."id"), 'self', l."regionCode",
  CASE WHEN random() < 0.6 THEN f."startsAt" END, ARRAY[]::"TargetGroup"[]
FROM (SELECT "id", "regionCode", abs(hashtext("id" || 'f')::bigint) AS h FROM "Labourer" WHERE random() < 0.3) l
JOIN LATERAL (SELECT "id", "startsAt" FROM "Fair" OFFSET l.h % ${Math.round(n / 170)} LIMIT 1) f ON true;

INSERT INTO "FairInteraction" ("id", "fairId", "registrationId", "employerId", "outcome")
SELECT gen_random_uuid()::text, r."fairId", r."id", 'bench',
  (ARRAY['interview','intention','offer']::"FairOutcome"[])[1 + floor(random() * 3)::int]
FROM "FairRegistration" r WHERE r."checkedInAt" IS NOT NULL AND random() < 0.4;

INSERT INTO "CooperationAgreement" ("id", "homeRegionCode", "partnerRegionCode", "year", "title", "homeContactName",
  "homeContactPhone", "partnerContactName", "partnerContactPhone", "targetFairs", "targetTransfers",
  "targetHouseholdPlacements", "targetTrainings", "updatedAt")
SELECT gen_random_uuid()::text, c.code, '52' || lpad(c.i::text, 4, '0'), y, '劳务协作' || c.code || '-' || y, '联系人', '13900000000',
  '联系人', '13900000000', 4, 500, 50, 200, now()
FROM (SELECT i, code FROM counties WHERE i <= 30) c, generate_series(extract(year FROM now())::int - 1, extract(year FROM now())::int) y;

INSERT INTO "TransferBatch" ("id", "agreementId", "departureDate", "fromRegionCode", "toRegionCode", "employerIds", "status", "updatedAt")
SELECT gen_random_uuid()::text, a."id", make_date(a."year", 1 + b, 10), a."homeRegionCode", a."partnerRegionCode", ARRAY[]::text[], 'arrived', now()
FROM "CooperationAgreement" a, generate_series(1, 10) b;

INSERT INTO "TransferMember" ("id", "batchId", "labourerId", "arrivedAt")
SELECT gen_random_uuid()::text, b."id", l."id", CASE WHEN random() < 0.9 THEN b."departureDate" + interval '2 days' END
FROM "TransferBatch" b
JOIN LATERAL (SELECT "id" FROM "Labourer" WHERE "regionCode" LIKE b."fromRegionCode" || '%' LIMIT 40) l ON true;

INSERT INTO "HouseholdReferral" ("id", "labourerId", "employerId", "agreementId", "status", "updatedAt")
SELECT gen_random_uuid()::text, m."labourerId", 'bench-' || m."id", b."agreementId",
  (CASE WHEN random() < 0.5 THEN 'placed' ELSE 'referred' END)::"ReferralStatus", now()
FROM "TransferMember" m JOIN "TransferBatch" b ON b."id" = m."batchId" WHERE random() < 0.2;

INSERT INTO "TrainingRecord" ("id", "labourerId", "course", "provider", "startedOn", "endedOn", "passed", "certificateKind", "agreementId")
SELECT gen_random_uuid()::text, l."id", '电工', '职业技术学校', s, s + 30, random() < 0.8, NULL, NULL
FROM (SELECT "id", (now() - random() * interval '600 days')::date AS s FROM "Labourer" WHERE random() < 0.12) l;

INSERT INTO "LabourerCertificate" ("id", "labourerId", "kind", "issuedOn")
SELECT gen_random_uuid()::text, "id", 'CERT-HEALTH', (now() - random() * interval '1500 days')::date
FROM "Labourer" WHERE random() < 0.25;
`;

async function main() {
  await ensureDatabase();
  const databaseUrl = `${SERVER}/${DB_NAME}`;
  const adapter = await openAdapter({ databaseUrl, dataDir: '/tmp/unused' });
  const db = createPrismaClient(adapter.factory);
  const piiKey = crypto.randomBytes(32).toString('hex');
  await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey });

  const have = await db.labourer.count();
  if (have !== N) {
    if (have > 0) throw new Error(`${DB_NAME} holds ${have} labourers, not ${N}: run with --fresh`);
    console.log(`bench:reports  generating ${N.toLocaleString('en')} labourers and their histories in ${DB_NAME}…`);
    const t = stopwatch();
    await seedDemoData(db, { employers: 60, vacancies: 300, labourers: 0, piiKey });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(GENERATE(N));
    await client.end();
    console.log(`  generated in ${(t() / 1000).toFixed(1)} s`);
  } else {
    console.log(`bench:reports  reusing ${N.toLocaleString('en')} labourers in ${DB_NAME}`);
  }
  const counts = await Promise.all([
    db.labourerStatusChange.count(),
    db.jobPush.count(),
    db.application.count(),
    db.fairRegistration.count(),
    db.trainingRecord.count(),
  ]);
  console.log(
    `  rows: ${N.toLocaleString('en')} labourers, ${counts[0].toLocaleString('en')} status changes, ${counts[1].toLocaleString('en')} pushes, ` +
      `${counts[2].toLocaleString('en')} applications, ${counts[3].toLocaleString('en')} fair registrations, ${counts[4].toLocaleString('en')} trainings`,
  );

  // What autovacuum does on a live database: statistics, and the visibility map that lets the
  // report indexes answer without reading the table.
  const vacuum = stopwatch();
  const maintenance = new pg.Client({ connectionString: databaseUrl });
  await maintenance.connect();
  await maintenance.query('VACUUM (ANALYZE)');
  await maintenance.end();
  console.log(`  VACUUM (ANALYZE) in ${ms(vacuum())}`);

  const repo = createIndicatorsRepository(db);
  const current = `${today().slice(0, 7)}-01`;
  const snap = stopwatch();
  const months = monthsEndingAt(current, 13).filter((m) => m < current);
  const filled = await fillSnapshots(repo, months);
  const flowsFilled = await fillFlowSnapshots(repo, months);
  console.log(
    `  month-end snapshots: ${filled.length} + ${flowsFilled.length} month(s) filled in ${ms(snap())} (the scheduled job's work, not the page's)`,
  );

  const indicators = createIndicatorsService(repo);
  const admin = { role: 'admin' as const, regionCode: null };
  let best = Infinity;
  for (let run = 1; run <= RUNS; run++) {
    const timings: Array<[string, number]> = [];
    const t = stopwatch();
    await indicators.compute(admin, { regionCode: '35', period: periodOf(undefined, undefined) }, (name, value) =>
      timings.push([name, value]),
    );
    const total = t();
    best = Math.min(best, total);
    console.log(`\nrun ${run}: province dashboard indicators (queries run concurrently on the pool)`);
    for (const [name, value] of timings) console.log(`  ${ms(value)}  ${name}`);
    console.log(`  ${ms(total)}  TOTAL ${total <= TARGET_MS ? '✓' : '✗'} (target <= ${TARGET_MS} ms)`);
  }

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATA_DIR: '/tmp/unused',
    MEILI_URL: 'http://127.0.0.1:1',
    MEILI_MASTER_KEY: 'unused-bench-key-0123456789',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    PII_KEY: piiKey,
  });
  const app = await buildApp({ config, db, meili: createMeiliClient(config.meili.url!, config.meili.masterKey) });
  await app.ready();
  const officer = await db.user.upsert({
    where: { username: 'bench.fujian' },
    create: { username: 'bench.fujian', passwordHash: 'x', role: 'officer', regionCode: '35', displayName: 'bench' },
    update: {},
  });
  const token = crypto.randomBytes(24).toString('hex');
  await db.apiToken.create({
    data: { userId: officer.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) },
  });
  console.log('\nHTTP GET /dashboard as the province officer (rendered page)');
  for (let run = 1; run <= RUNS; run++) {
    const t = stopwatch();
    const response = await app.inject({
      method: 'GET',
      url: '/dashboard',
      headers: { authorization: `Bearer ${token}`, accept: 'text/html' },
    });
    const took = t();
    if (response.statusCode !== 200)
      throw new Error(`GET /dashboard: ${response.statusCode} ${response.body.slice(0, 300)}`);
    console.log(
      `  ${ms(took)}  run ${run} (${(response.body.length / 1024).toFixed(0)} KB) ${took <= TARGET_MS ? '✓' : '✗'}`,
    );
  }
  console.log(`\nbest indicator computation: ${ms(best)}`);
  await app.close();
  await db.$disconnect();
  await adapter.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
