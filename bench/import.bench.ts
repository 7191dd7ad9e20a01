/**
 * Bulk import benchmark: 100,000 rows of a poverty-office CSV with the usual Chinese headers
 * (about 1% with deliberate errors, a few hundred rows repeating an ID number) imported into a
 * fresh PGlite database on disk and indexed by a real Meilisearch, through the same service the
 * pages, the API and the command line use. Target: at most 60 s on a 2-core machine.
 *
 *   npm run bench:import                      100,000 rows
 *   npm run bench:import -- --rows 20000      fewer
 *   options: --batch N (rows per transaction, 1000), --drain-batch N (outbox rows per drain step,
 *   10000), --drain after|during (index once the rows are written, or alongside as the server does)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify';
import { prepareDatabase } from '../prisma/seed/prepare.ts';
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../prisma/seed/names.ts';
import { Random } from '../prisma/seed/random.ts';
import { createMeiliClient } from '../search-index/client.ts';
import { applyIndexSettings, indexUid } from '../search-index/indexes.ts';
import { launchMeilisearch } from '../search-index/launcher.ts';
import { OutboxDrain } from '../search-index/outbox.ts';
import { runImportFile } from '../services/imports/import-file.ts';
import { createImportsService } from '../services/imports/imports.service.ts';
import { idCheckCharacter } from '../services/platform/crypto/id-number.ts';
import { PiiCipher } from '../services/platform/crypto/pii.ts';
import { openAdapter } from '../services/platform/database/connect.ts';
import { createPrismaClient, databaseLink } from '../services/platform/database/prisma.ts';
import { ReferenceNames } from '../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../services/platform/reference/reference.repository.ts';
import { createImportsRepository } from '../services/imports/imports.repository.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '1000' },
    'drain-batch': { type: 'string', default: '10000' },
    drain: { type: 'string', default: 'during' },
  },
});
const ROWS = Number(args.rows);
const BATCH = Number(args.batch);
const DRAIN_BATCH = Number(args['drain-batch']);
/** during: index alongside the import, as the server does (the default, and faster here); after: once written. */
const DRAIN_DURING = args.drain === 'during';
const HEADERS = [
  '姓名',
  '身份证号',
  '性别',
  '联系电话',
  '户籍地址区划代码',
  '文化程度',
  '贫困户编号',
  '脱贫年度',
  '是否残疾',
  '就业状态',
  '务工意愿',
  '意向工种',
  '期望月收入',
  '技能',
];
const EDUCATION = ['小学', '初中', '初中', '初中', '高中', '中专', '大专'];
const STATUS = ['未就业', '未就业', '县内务工', '省内务工', '省外务工', '自主创业', '公益性岗位'];
const seconds = (ms: number) => (ms / 1000).toFixed(1);

interface Place {
  county: string;
  townships: string[];
}

function idNumber(county: string, birth: Date, sequence: number, male: boolean) {
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${county}${date}${String(sequence * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** Writes the file; answers how many rows carry a deliberate error and how many repeat an ID number. */
async function writeCsv(
  file: string,
  places: Place[],
  occupations: string[],
  skills: string[],
): Promise<{ errors: number; repeats: number }> {
  const random = new Random(20_260_301);
  const out = fs.createWriteStream(file);
  const csv = stringify();
  csv.pipe(out);
  csv.write(HEADERS);
  let errors = 0;
  let repeats = 0;
  let previous: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    if (i % 500 === 250) {
      // The same person twice (the office exported a household twice): held for an officer.
      repeats++;
      if (!csv.write([...previous.slice(0, 3), `1${random.int(3_000_000_000, 9_999_999_999)}`, ...previous.slice(4)]))
        await once(csv, 'drain');
      continue;
    }
    const place = places[i % places.length]!;
    // County by row, day of birth by row: every ID number differs.
    const birth = new Date(Date.UTC(1966, 0, 1) + Math.floor(i / places.length) * 86_400_000);
    const male = random.chance(0.52);
    const township = random.pick(place.townships);
    const row = [
      random.pick(SURNAMES) +
        random.pick(male ? GIVEN_MALE : GIVEN_FEMALE) +
        random.pick(male ? GIVEN_MALE : GIVEN_FEMALE),
      idNumber(place.county, birth, random.int(0, 499), male),
      male ? '男' : '女',
      `1${random.pick(['3', '5', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
      `${township}2${String(random.int(0, 30)).padStart(2, '0')}`,
      random.pick(EDUCATION),
      `${place.county}${String(random.int(1, 99_999)).padStart(5, '0')}`,
      random.chance(0.7) ? String(random.int(2016, 2020)) : '',
      random.chance(0.05) ? '是' : '否',
      random.pick(STATUS),
      random.chance(0.7) ? '是' : '否',
      random.sample(occupations, random.int(1, 2)).join('、'),
      String(random.int(25, 75) * 100),
      random.sample(skills, random.int(0, 3)).join('、'),
    ];
    if (i % 100 === 37) {
      errors++;
      const kind = ((i / 100) % 5) | 0;
      if (kind === 0) row[1] = row[1]!.slice(0, 17) + (row[1]![17] === '0' ? '1' : '0');
      else if (kind === 1) row[3] = '0597-6831234';
      else if (kind === 2) row[13] = '飞行驾驶';
      else if (kind === 3) row[9] = '打零工';
      else row[1] = row[1]!.slice(0, 6) + row[1]!.slice(8, 17);
    }
    previous = row;
    if (!csv.write(row)) await once(csv, 'drain');
  }
  csv.end();
  await once(out, 'finish');
  return { errors, repeats };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-import-'));
  const piiKey = crypto.randomBytes(32).toString('hex');
  const masterKey = crypto.randomBytes(16).toString('hex');
  const load = () => os.loadavg()[0]!.toFixed(1);
  console.log(`bench:import  ${ROWS.toLocaleString('en')} rows, batches of ${BATCH}, in ${dir}`);
  console.log(`machine      ${os.cpus().length} cores, load average ${load()} at the start`);
  // Indexing alongside the import: on two cores Meilisearch gets one indexing thread, so that the
  // import (and PGlite, in this process) keeps the other; with every core it starves the import.
  if (DRAIN_DURING) process.env.MEILI_MAX_INDEXING_THREADS ??= '1';
  console.log(
    `meilisearch  indexing ${DRAIN_DURING ? 'during' : 'after'} the import, ` +
      `${process.env.MEILI_MAX_INDEXING_THREADS ?? 'all'} indexing threads, drain batches of ${DRAIN_BATCH}`,
  );
  const meiliProcess = await launchMeilisearch({ dataDir: path.join(dir, 'meili'), masterKey });
  const adapter = await openAdapter({ dataDir: path.join(dir, 'data') });
  const db = createPrismaClient(adapter.factory, adapter.link);
  try {
    await prepareDatabase({ factory: adapter.factory, db, seedDemo: false, piiKey });
    const meili = createMeiliClient(meiliProcess.url, masterKey);
    await applyIndexSettings(meili, '');

    const regions = await db.region.findMany({
      select: { code: true, level: true, parentCode: true, keyCounty: true },
    });
    const places: Place[] = regions
      .filter((r) => r.keyCounty)
      .map((r) => ({
        county: r.code,
        townships: regions.filter((t) => t.parentCode === r.code && t.level === 'township').map((t) => t.code),
      }))
      .filter((p) => p.townships.length);
    const occupations = (await db.occupation.findMany({ select: { nameZh: true } })).map((o) => o.nameZh);
    const skills = (await db.skill.findMany({ select: { nameZh: true } })).map((s) => s.nameZh);
    const file = path.join(dir, '建档立卡劳动力.csv');
    let started = performance.now();
    const planted = await writeCsv(file, places, occupations, skills);
    console.log(
      `file         ${(fs.statSync(file).size / 1e6).toFixed(1)} MB written in ${seconds(performance.now() - started)} s ` +
        `(${planted.errors} rows with errors, ${planted.repeats} rows repeating an ID number)`,
    );

    const pii = new PiiCipher(piiKey);
    let reference: Promise<ReferenceNames> | undefined;
    const imports = createImportsService({
      repo: createImportsRepository(db),
      pii,
      reference: () => (reference ??= ReferenceNames.load(createReferenceRepository(db))),
      batchSize: BATCH,
      // As in the server: the reader's thread writes the rows.
      link: () => databaseLink(db),
    });
    // As in the server: the drain indexes in the background while the import writes.
    const drain = new OutboxDrain(db, meili, '', {
      batchSize: DRAIN_BATCH,
      idleIntervalMs: 100,
    });
    let lastTenth = 0;
    const cpu = process.cpuUsage();
    started = performance.now();
    if (DRAIN_DURING) drain.start();
    const { job, outcome } = await runImportFile(imports, { id: null, role: 'officer', regionCode: '35' }, file, {
      onProgress: ({ processedRows, totalRows }) => {
        const tenth = Math.floor((processedRows * 10) / totalRows);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          console.log(`  ${String(tenth * 10).padStart(3)}%  ${seconds(performance.now() - started)} s`);
        }
      },
    });
    const imported = performance.now();
    await drain.stop();
    const tail = await drain.drainAll();
    const indexed = performance.now();
    const total = indexed - started;

    const stats = await meili.index(indexUid('', 'labourers')).getStats();
    const labourers = await db.labourer.count();
    console.log(
      `job          ${job.status}: ${job.createdCount} created, ${job.updatedCount} updated, ${job.unchangedCount} unchanged, ` +
        `${job.errorCount} rows with errors, ${job.duplicateCount} held as duplicates${job.error ? ` (${job.error})` : ''}`,
    );
    console.log(`read+survey  ${seconds(outcome.timings.surveyMs)} s  (hash, header row, ID numbers seen twice)`);
    console.log(`validation   ${seconds(outcome.timings.validateMs)} s  (mapping, zod, ID checks, encryption)`);
    console.log(
      `write        ${seconds(outcome.timings.writeMs)} s  (look-ups and batched inserts, ${Math.ceil(ROWS / BATCH)} transactions)`,
    );
    console.log(`import       ${seconds(imported - started)} s  (the job, parsing of the second pass included)`);
    console.log(
      `index        ${seconds(indexed - imported)} s after the import` +
        `${DRAIN_DURING ? ` (the rest drained alongside it)` : ''}: ${tail.indexed} documents; ` +
        `${stats.numberOfDocuments} documents for ${labourers} labourers`,
    );
    const used = process.cpuUsage(cpu);
    console.log(
      `this process ${seconds((used.user + used.system) / 1000)} s of CPU (import, PGlite, drain); ` +
        `load average ${load()} at the end`,
    );
    console.log(
      `total        ${seconds(total)} s  →  ${Math.round((ROWS * 1000) / total).toLocaleString('en')} rows/s`,
    );
    if (stats.numberOfDocuments !== labourers) process.exitCode = 1;
    await imports.close();
  } finally {
    await db.$disconnect();
    await adapter.close();
    await meiliProcess.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
