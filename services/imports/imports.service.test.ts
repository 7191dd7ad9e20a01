import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvFile, HEADERS, personRow, type Row, xlsxFile } from '../../tests/fixtures/imports/files.ts';
import { makeIdNumber } from '../../tests/helpers/labourers.ts';
import { createTestContext, type TestContext } from '../../tests/helpers/test-context.ts';
import { idCheckCharacter } from '../platform/crypto/id-number.ts';
import { PiiCipher } from '../platform/crypto/pii.ts';
import { databaseLink } from '../platform/database/prisma.ts';
import { ForbiddenError } from '../platform/errors/domain-errors.ts';
import { ReferenceNames } from '../platform/reference/reference-data.ts';
import { createReferenceRepository } from '../platform/reference/reference.repository.ts';
import { normaliseLabourer } from '../labourers/index.ts';
import type { ImportActor } from './import-actor.ts';
import { runImport } from './import-run.ts';
import { createImportsRepository } from './imports.repository.ts';
import { createImportsService, type ImportsService } from './imports.service.ts';
import { createLabourerWrites, EXISTING_SELECT } from './labourer-writes.repository.ts';
import { fileFromBuffer } from './parse.ts';
import { createRowReader } from './row-reader.ts';

const changting: ImportActor = { id: null, role: 'officer', regionCode: '350821' };
const ninghua: ImportActor = { id: null, role: 'officer', regionCode: '350424' };

describe('imports service', () => {
  let ctx: TestContext;
  let imports: ImportsService;
  let pii: PiiCipher;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    let reference: Promise<ReferenceNames> | undefined;
    imports = createImportsService({
      repo: createImportsRepository(ctx.db),
      pii,
      reference: () => (reference ??= ReferenceNames.load(createReferenceRepository(ctx.db))),
    });
  });
  afterAll(async () => {
    await imports.close();
    await ctx.close();
  });

  async function run(content: Buffer, name = 'import.csv', actor = changting, extra: { sourceId?: string } = {}) {
    const { done } = await imports.startImport(actor, { file: fileFromBuffer(name, content), ...extra });
    const { job } = await done;
    return job;
  }

  const byId = (idNumber: string) => ctx.db.labourer.findUnique({ where: { idNumberHash: pii.hash(idNumber) } });
  const issuesOf = async (jobId: string) => (await imports.listIssues(changting, jobId, 1, 500)).items;

  describe('a file with the usual Chinese headers', () => {
    it('registers each person, reading the Chinese words into registry values', async () => {
      const row = personRow({ 就业状态: '省外务工', 文化程度: '中专', 意向工种: '电子装配工、仓库管理员' });
      const job = await run(csvFile([row]));
      expect(job).toMatchObject({ status: 'completed', totalRows: 1, createdCount: 1, errorCount: 0, progress: 100 });
      const person = await ctx.db.labourer.findUniqueOrThrow({
        where: { idNumberHash: pii.hash(row.身份证号!) },
        include: { skills: true, statusChanges: true },
      });
      expect(person).toMatchObject({
        name: row.姓名,
        regionCode: '350821100201',
        educationLevel: 'vocational',
        employmentStatus: 'transferred_out_province',
        wantsJob: true,
        expectedWage: 4000,
        idNumberMasked: `350821********${row.身份证号!.slice(-4)}`,
      });
      expect(person.idNumberEncrypted).not.toContain(row.身份证号);
      expect(person.desiredOccupations).toHaveLength(2);
      expect(person.skills.map((s) => s.skillCode)).toEqual(['S-ELEC-ASSEMBLY']);
      expect(person.statusChanges).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'transferred_out_province', source: 'import' }),
      ]);
      expect(await ctx.db.searchOutbox.count({ where: { documentId: person.id } })).toBe(1);
    });

    it('finds the header row under a title row and accepts skill and occupation codes', async () => {
      const row = personRow({ 技能: 'S-ELEC-ASSEMBLY', 意向工种: 'C03-001' });
      const job = await run(csvFile([row], HEADERS, [['长汀县建档立卡贫困劳动力信息表']]));
      expect(job).toMatchObject({ status: 'completed', createdCount: 1, errorCount: 0 });
    });

    it('reads a GB18030 (GBK) CSV as Excel in China saves it', async () => {
      const row = personRow();
      const text = csvFile([row]).toString('utf8');
      const gbk = Buffer.from(new TextEncoderGbk().encode(text));
      const job = await run(gbk);
      expect(job).toMatchObject({ status: 'completed', createdCount: 1 });
      expect((await byId(row.身份证号!))?.name).toBe(row.姓名);
    });

    it('imports XLSX the same way as CSV', async () => {
      const rows = [personRow(), personRow({ 性别: '', 就业状态: '县内务工' })];
      const job = await run(await xlsxFile(rows), 'survey.xlsx');
      expect(job).toMatchObject({ status: 'completed', createdCount: 2, errorCount: 0 });
      expect((await byId(rows[1]!.身份证号!))?.employmentStatus).toBe('employed_local');
    });
  });

  describe('problems in the file', () => {
    const first17 = (id: string) => id.slice(0, 17);
    const withCheck = (body: string) => body + idCheckCharacter(body);

    it.each<[string, Row, string, string, string | null]>([
      [
        'an ID number with a wrong check character',
        { 身份证号: '350821198605120017' },
        '身份证号',
        'id_checksum',
        '350821********0017',
      ],
      [
        'an ID number with an impossible birth date',
        { 身份证号: withCheck('35082119900230123') },
        '身份证号',
        'id_birth_date',
        null,
      ],
      [
        'an ID number from an unknown region',
        { 身份证号: withCheck('99082119900101123') },
        '身份证号',
        'id_region',
        null,
      ],
      ['the old 15-digit ID number', { 身份证号: '350821900101123' }, '身份证号', 'id_legacy_15_digits', null],
      ['a landline instead of a mobile number', { 联系电话: '0597-6831234' }, '联系电话', 'phone_format', null],
      ['an unknown skill', { 技能: '电子产品组装、飞行驾驶' }, '技能', 'skill_unknown', '飞行驾驶'],
      ['an unknown occupation', { 意向工种: '宇航员' }, '意向工种', 'occupation_unknown', '宇航员'],
      [
        'an employment status word it does not know',
        { 就业状态: '打零工' },
        '就业状态',
        'word_employment_status',
        '打零工',
      ],
      ['an education word it does not know', { 文化程度: '私塾' }, '文化程度', 'word_education', '私塾'],
      [
        'a sex that contradicts the ID number',
        { 性别: '女', 身份证号: makeIdNumber('350821', '19880101', true) },
        '性别',
        'id_sex_mismatch',
        '女',
      ],
      [
        'an unknown household region',
        { 户籍地址区划代码: '350821999201' },
        '户籍地址区划代码',
        'region_unknown',
        '350821999201',
      ],
      [
        'a household region outside the officer’s county',
        { 户籍地址区划代码: '350424100201' },
        '户籍地址区划代码',
        'out_of_scope',
        '350424100201',
      ],
      ['a wage that is not a number', { 期望月收入: '面议' }, '期望月收入', 'number_format', '面议'],
      ['an empty name', { 姓名: '' }, '姓名', 'required', null],
    ])(
      'reports %s with row, column, masked value and reason, and writes nothing',
      async (_label, overrides, column, reason, value) => {
        const good = personRow();
        const bad = personRow(overrides);
        const job = await run(csvFile([good, bad]));
        expect(job).toMatchObject({ status: 'completed', createdCount: 1, errorCount: 1 });
        const issues = await issuesOf(job.id);
        expect(issues).toContainEqual(expect.objectContaining({ rowNumber: 3, column, code: reason }));
        if (value !== null) expect(issues.find((i) => i.code === reason)?.value).toBe(value);
        for (const issue of issues) if (bad.身份证号) expect(issue.value ?? '').not.toContain(first17(bad.身份证号));
        if (bad.身份证号 && bad.身份证号.length === 18) expect(await byId(bad.身份证号)).toBeNull();
      },
    );

    it('reports a birth date cell that is not a date', async () => {
      const headers = [...HEADERS, '出生日期'];
      const job = await run(csvFile([personRow({ 出生日期: '1990-13-01' })], headers));
      expect(await issuesOf(job.id)).toEqual([
        expect.objectContaining({ rowNumber: 2, column: '出生日期', code: 'date_format', value: '1990-13-01' }),
      ]);
    });

    it('fails the job when a required column is missing and names it', async () => {
      const headers = HEADERS.filter((h) => h !== '身份证号');
      const job = await run(csvFile([personRow()], headers));
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/身份证号/);
      expect(await issuesOf(job.id)).toEqual([
        expect.objectContaining({ rowNumber: 1, column: '身份证号', code: 'missing_column' }),
      ]);
    });

    it('reports an ID number Excel stored as a number', async () => {
      const row = personRow();
      const workbook = await xlsxFile([{ ...row, 身份证号: undefined }]);
      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(workbook as unknown as ArrayBuffer);
      book.worksheets[0]!.getCell('B2').value = Number(row.身份证号!.slice(0, 17));
      const job = await run(Buffer.from(await book.xlsx.writeBuffer()), 'numbers.xlsx');
      expect(await issuesOf(job.id)).toEqual([
        expect.objectContaining({ column: '身份证号', code: 'id_stored_as_number' }),
      ]);
    });
  });

  describe('duplicates', () => {
    it('holds every row of an ID number that occurs twice in the file', async () => {
      const row = personRow();
      const job = await run(csvFile([row, personRow(), { ...row, 联系电话: '13800000001' }]));
      expect(job).toMatchObject({ createdCount: 1, duplicateCount: 2, pendingDuplicates: 2 });
      expect(await byId(row.身份证号!)).toBeNull();
      const flags = await imports.duplicates.list(changting, job.id);
      expect(flags.map((f) => [f.rowNumber, f.otherRowNumber, f.kind, f.code])).toEqual([
        [2, 4, 'in_file', 'same_id_in_file'],
        [4, 2, 'in_file', 'same_id_in_file'],
      ]);
      expect(flags[0]!.incoming).toMatchObject({ name: row.姓名, idNumberMasked: expect.stringContaining('****') });
      expect(JSON.stringify(flags)).not.toContain(row.身份证号);
      expect(flags[1]!.incoming.phoneMasked).toBe('138****0001');
      const stored = JSON.stringify(await ctx.db.duplicateFlag.findMany({ where: { jobId: job.id } }));
      for (const phone of [row.联系电话!, '13800000001']) expect(stored).not.toContain(phone);
    });

    it('flags a registered ID number under another name instead of merging', async () => {
      const row = personRow();
      await run(csvFile([row]));
      const job = await run(csvFile([{ ...row, 姓名: '郑伟', 就业状态: '省内务工' }]));
      expect(job).toMatchObject({ updatedCount: 0, duplicateCount: 1 });
      const [flag] = await imports.duplicates.list(changting, job.id);
      expect(flag).toMatchObject({ kind: 'registry', code: 'same_id_different_name', existing: { name: row.姓名 } });
      expect((await byId(row.身份证号!))?.employmentStatus).toBe('unemployed');
    });

    it('flags someone with the same name, birth date and village but another ID number as possibly the same person', async () => {
      const registered = personRow({ 身份证号: makeIdNumber('350821', '19770707', true), 性别: '男' });
      await run(csvFile([registered]));
      const other = { ...registered, 身份证号: makeIdNumber('350821', '19770707', true) };
      const job = await run(csvFile([other]));
      expect(job).toMatchObject({ createdCount: 0, duplicateCount: 1 });
      const [flag] = await imports.duplicates.list(changting, job.id);
      expect(flag).toMatchObject({
        code: 'same_person_suspected',
        reasonZh: expect.stringContaining('可能是同一人'),
        allowed: ['keep_existing', 'use_incoming', 'distinct_people'],
      });
    });
  });

  describe('importing again', () => {
    it('changes nothing and raises no new flag when the same file comes twice', async () => {
      const repeated = personRow();
      const registered = personRow();
      await run(csvFile([registered]));
      const file = csvFile([
        personRow(),
        personRow({ 就业状态: '公益性岗位' }),
        repeated,
        { ...repeated, 联系电话: '13800000002' },
        { ...registered, 姓名: '钱多多' },
        personRow({ 联系电话: '12345' }),
      ]);
      const first = await run(file, 'twice.csv');
      expect(first).toMatchObject({ createdCount: 2, duplicateCount: 3, errorCount: 1 });
      const history = await ctx.db.labourerStatusChange.count();
      const outbox = await ctx.db.searchOutbox.count();
      const flags = await ctx.db.duplicateFlag.count();
      const second = await run(file, 'twice.csv');
      expect(second).toMatchObject({
        status: 'completed',
        createdCount: 0,
        updatedCount: 0,
        unchangedCount: 5,
        duplicateCount: 0,
        errorCount: 1,
        sameFileAs: { id: first.id },
      });
      expect(await ctx.db.labourerStatusChange.count()).toBe(history);
      expect(await ctx.db.searchOutbox.count()).toBe(outbox);
      expect(await ctx.db.duplicateFlag.count()).toBe(flags);
    });

    it('updates what changed, records the status change, and never erases with an empty cell', async () => {
      const row = personRow();
      await run(csvFile([row]));
      const job = await run(csvFile([{ ...row, 就业状态: '县内务工', 联系电话: '' }]));
      expect(job).toMatchObject({ updatedCount: 1, unchangedCount: 0 });
      const person = await ctx.db.labourer.findUniqueOrThrow({
        where: { idNumberHash: pii.hash(row.身份证号!) },
        include: { statusChanges: { orderBy: { id: 'asc' } } },
      });
      expect(person.phoneHash).toBe(pii.hash(row.联系电话!));
      expect(pii.decrypt(person.phoneEncrypted!)).toBe(row.联系电话);
      expect(person.statusChanges.map((c) => [c.fromStatus, c.toStatus, c.source])).toEqual([
        [null, 'unemployed', 'import'],
        ['unemployed', 'employed_local', 'import'],
      ]);
    });
  });

  describe('resolving duplicates', () => {
    it('keeps the registered record on keep_existing and writes nothing', async () => {
      const row = personRow();
      await run(csvFile([row]));
      const job = await run(csvFile([{ ...row, 姓名: '孙悟空' }]));
      const [flag] = await imports.duplicates.list(changting, job.id);
      const resolved = await imports.duplicates.resolve(changting, job.id, flag!.id, 'keep_existing');
      expect(resolved).toMatchObject({ resolution: 'keep_existing', allowed: [] });
      expect((await byId(row.身份证号!))?.name).toBe(row.姓名);
      await expect(imports.duplicates.resolve(changting, job.id, flag!.id, 'use_incoming')).rejects.toThrow(/already/);
    });

    it('applies the incoming row to the registered person on use_incoming', async () => {
      const row = personRow();
      await run(csvFile([row]));
      const job = await run(csvFile([{ ...row, 姓名: '赵敏', 就业状态: '自主创业', 联系电话: '13800000002' }]));
      const [flag] = await imports.duplicates.list(changting, job.id);
      await expect(imports.duplicates.resolve(changting, job.id, flag!.id, 'distinct_people')).rejects.toThrow(
        /same ID number/,
      );
      await imports.duplicates.resolve(changting, job.id, flag!.id, 'use_incoming');
      const person = await byId(row.身份证号!);
      expect(person).toMatchObject({ name: '赵敏', namePinyin: 'zhaomin', employmentStatus: 'self_employed' });
      expect(person).toMatchObject({ phoneHash: pii.hash('13800000002'), phoneMasked: '138****0002' });
    });

    it('registers the incoming person on distinct_people when the ID numbers differ', async () => {
      const registered = personRow({ 身份证号: makeIdNumber('350821', '19690303', false), 性别: '女' });
      await run(csvFile([registered]));
      const other = { ...registered, 身份证号: makeIdNumber('350821', '19690303', false) };
      const job = await run(csvFile([other]));
      const [flag] = await imports.duplicates.list(changting, job.id);
      await imports.duplicates.resolve(changting, job.id, flag!.id, 'distinct_people');
      expect(await byId(other.身份证号!)).not.toBeNull();
      expect(await byId(registered.身份证号!)).not.toBeNull();
    });

    it('corrects the registered person’s ID number on use_incoming for a suspected same person', async () => {
      const registered = personRow({ 身份证号: makeIdNumber('350821', '19720909', true), 性别: '男' });
      await run(csvFile([registered]));
      const corrected = { ...registered, 身份证号: makeIdNumber('350821', '19720909', true) };
      const job = await run(csvFile([corrected]));
      const [flag] = await imports.duplicates.list(changting, job.id);
      await imports.duplicates.resolve(changting, job.id, flag!.id, 'use_incoming');
      expect(await byId(registered.身份证号!)).toBeNull();
      expect((await byId(corrected.身份证号!))?.name).toBe(registered.姓名);
    });

    it('registers the chosen row of an in-file duplicate and sets its other rows aside', async () => {
      const row = personRow();
      const job = await run(csvFile([row, { ...row, 就业状态: '县内务工' }]));
      const flags = await imports.duplicates.list(changting, job.id);
      await imports.duplicates.resolve(changting, job.id, flags[1]!.id, 'use_incoming');
      expect((await byId(row.身份证号!))?.employmentStatus).toBe('employed_local');
      const after = await imports.duplicates.list(changting, job.id);
      expect(after.map((f) => f.resolution)).toEqual(['keep_existing', 'use_incoming']);
      expect((await imports.getJob(changting, job.id)).pendingDuplicates).toBe(0);
    });
  });

  describe('sources and region scope', () => {
    it('reads a file through a saved column mapping', async () => {
      const source = await imports.createSource(changting, {
        name: '河田镇摸底表',
        kind: 'household_survey',
        mapping: { name: '劳动力', idNumber: '证件', regionCode: '户籍村', employmentStatus: '目前状况' },
      });
      expect(source.regionCode).toBe('350821');
      const row = personRow();
      const headers = ['劳动力', '证件', '户籍村', '目前状况'];
      const content = csvFile(
        [{ 劳动力: row.姓名, 证件: row.身份证号, 户籍村: '350821106', 目前状况: '省内务工' }],
        headers,
      );
      const job = await run(content, 'survey.csv', changting, { sourceId: source.id });
      expect(job).toMatchObject({ kind: 'household_survey', sourceName: '河田镇摸底表', createdCount: 1 });
      expect((await byId(row.身份证号!))?.employmentStatus).toBe('transferred_in_province');
    });

    it('refuses another county’s jobs and sources', async () => {
      const job = await run(csvFile([personRow({ 姓名: '' })]));
      const [source] = await imports.listSources(changting);
      await expect(imports.getJob(ninghua, job.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(imports.listIssues(ninghua, job.id, 1, 10)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(imports.errorReport(ninghua, job.id, 'csv')).rejects.toBeInstanceOf(ForbiddenError);
      await expect(imports.duplicates.list(ninghua, job.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(imports.updateSource(ninghua, source!.id, { name: '改名' })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await imports.listSources(ninghua)).toEqual([]);
      expect((await imports.listJobs(ninghua, 1, 10)).items).toEqual([]);
    });
  });

  describe.each([
    ['in the reader’s thread', true],
    ['in the app’s thread (PGLITE_THREAD=main)', false],
  ])('batches written %s', (_where, inReader) => {
    const reference = () => ReferenceNames.load(createReferenceRepository(ctx.db));
    const reader = createRowReader();
    afterAll(() => reader.close());
    const repo = () => createImportsRepository(ctx.db);
    const runDeps = () => {
      const link = inReader ? databaseLink(ctx.db) : undefined;
      // The test database (PGlite in its worker thread, or PostgreSQL) can always be reached from another thread.
      if (inReader) expect(link).toBeDefined();
      return { repo: repo(), writes: createLabourerWrites(), pii, reference, reader, batchSize: 2, link: () => link };
    };
    const newJob = (fileName: string) =>
      repo().createJob({ kind: 'poverty_office', fileName, fileHash: fileName, regionCode: '350821' });
    const spec = (id: string, fileName: string) =>
      ({ id, regionCode: '350821', fileName, actorId: null, mapping: {}, format: 'csv' }) as const;

    it('moves the job’s counters batch by batch', async () => {
      const job = await newJob('b.csv');
      const seen: number[] = [];
      const outcome = await runImport(
        runDeps(),
        spec(job.id, 'b.csv'),
        fileFromBuffer('b.csv', csvFile([personRow(), personRow(), personRow(), personRow(), personRow()])),
        {
          onProgress: ({ processedRows }) => {
            seen.push(processedRows);
          },
        },
      );
      expect(outcome.status).toBe('completed');
      expect(seen).toEqual([2, 4, 5]);
      expect(await imports.getJob(changting, job.id)).toMatchObject({
        totalRows: 5,
        processedRows: 5,
        createdCount: 5,
      });
    });

    it('keeps the batches written before a database failure and fails the job with the error, masked', async () => {
      // The database itself refuses the third person, in the second batch.
      const refused = `拒收${inReader ? '甲' : '乙'}`;
      await ctx.db.$executeRawUnsafe(`CREATE FUNCTION refuse_${inReader ? 'a' : 'b'}() RETURNS trigger AS $$
        BEGIN IF NEW."name" = '${refused}' THEN RAISE EXCEPTION 'connection lost while writing 13905971234'; END IF;
        RETURN NEW; END $$ LANGUAGE plpgsql`);
      await ctx.db.$executeRawUnsafe(
        `CREATE TRIGGER refuse_${inReader ? 'a' : 'b'} BEFORE INSERT ON "Labourer" FOR EACH ROW EXECUTE FUNCTION refuse_${inReader ? 'a' : 'b'}()`,
      );
      try {
        const rows = [personRow(), personRow(), personRow({ 姓名: refused }), personRow()];
        const job = await newJob(`f${inReader}.csv`);
        const outcome = await runImport(runDeps(), spec(job.id, 'f.csv'), fileFromBuffer('f.csv', csvFile(rows)));
        expect(outcome.status).toBe('failed');
        const after = await imports.getJob(changting, job.id);
        expect(after).toMatchObject({ status: 'failed', processedRows: 2, createdCount: 2, totalRows: 4 });
        expect(after.error).toContain('connection lost while writing 139****1234');
        expect(await byId(rows[0]!.身份证号!)).not.toBeNull();
        expect(await byId(rows[1]!.身份证号!)).not.toBeNull();
        expect(await byId(rows[3]!.身份证号!)).toBeNull();
      } finally {
        await ctx.db.$executeRawUnsafe(`DROP TRIGGER refuse_${inReader ? 'a' : 'b'} ON "Labourer"`);
        await ctx.db.$executeRawUnsafe(`DROP FUNCTION refuse_${inReader ? 'a' : 'b'}()`);
      }
    });

    it('stops after the batch under way when the server shuts down, and the job says so', async () => {
      // The second batch takes its time in the database (its first person's insert sleeps), so the
      // stop arrives while it is under way, wherever the rows are written.
      const slow = `慢写${inReader ? '甲' : '乙'}`;
      const fn = `slow_${inReader ? 'a' : 'b'}`;
      await ctx.db.$executeRawUnsafe(`CREATE FUNCTION ${fn}() RETURNS trigger AS $$
        BEGIN IF NEW."name" = '${slow}' THEN PERFORM pg_sleep(0.3); END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await ctx.db.$executeRawUnsafe(
        `CREATE TRIGGER ${fn} BEFORE INSERT ON "Labourer" FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      );
      try {
        const rows = Array.from({ length: 7 }, (_, i) => personRow(i === 2 ? { 姓名: slow } : {}));
        const job = await newJob(`s${inReader}.csv`);
        let batches = 0;
        const outcome = await runImport(runDeps(), spec(job.id, 's.csv'), fileFromBuffer('s.csv', csvFile(rows)), {
          onProgress: () => {
            batches += 1;
          },
          stopped: () => batches >= 1,
        });
        expect(outcome).toMatchObject({ status: 'failed', error: 'Stopped because the server is shutting down' });
        const after = await imports.getJob(changting, job.id);
        // Once runImport has answered, no batch is still being written: the counters are final, in whole batches.
        const created = (await Promise.all(rows.map((row) => byId(row.身份证号!)))).filter(Boolean).length;
        expect(created).toBe(inReader ? 4 : 2);
        expect(after).toMatchObject({ status: 'failed', processedRows: created, createdCount: created });
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect((await Promise.all(rows.map((row) => byId(row.身份证号!)))).filter(Boolean)).toHaveLength(created);
      } finally {
        await ctx.db.$executeRawUnsafe(`DROP TRIGGER ${fn} ON "Labourer"`);
        await ctx.db.$executeRawUnsafe(`DROP FUNCTION ${fn}()`);
      }
    });
  });

  describe('batches', () => {
    const reference = () => ReferenceNames.load(createReferenceRepository(ctx.db));

    it('writes the same labourer row through the batched path as Prisma would', async () => {
      const ref = await reference();
      const input = {
        name: '吴春生',
        idNumber: makeIdNumber('350821', '19790606', true),
        regionCode: '350821100201',
        educationLevel: 'primary' as const,
        desiredOccupations: ['C03-001'],
        availableFrom: '2025-03-01',
        skills: ['S-ELEC-ASSEMBLY'],
      };
      const viaPrisma = normaliseLabourer(input, ref, pii, 'create');
      const viaBatch = normaliseLabourer(
        { ...input, idNumber: makeIdNumber('350821', '19790606', true) },
        ref,
        pii,
        'create',
      );
      if (!viaPrisma.ok || !viaBatch.ok) throw new Error('invalid fixture');
      // An import is the poverty office's list: registered and confirmed by it (as the batched path writes).
      const prismaRow = await ctx.db.labourer.create({
        data: {
          povertyStatus: 'registered',
          ...(viaPrisma.value.scalars as Parameters<typeof ctx.db.labourer.create>[0]['data']),
          povertyConfirmedAt: new Date(),
          povertyConfirmedById: null,
          povertyConfirmedVia: 'poverty_office_import',
        },
      });
      const [batchId] = await ctx.db.$transaction((tx) =>
        createLabourerWrites().createMany(tx, [{ value: viaBatch.value, note: 'n' }], null),
      );
      const batchRow = await ctx.db.labourer.findUniqueOrThrow({ where: { id: batchId! } });
      const comparable = (row: Record<string, unknown>) => {
        const {
          id: _id,
          idNumberEncrypted: _e,
          idNumberHash: _h,
          idNumberMasked: _m,
          createdAt: _c,
          updatedAt: _u,
          employmentStatusSince: _s,
          povertyConfirmedAt: _p,
          ...rest
        } = row;
        return rest;
      };
      expect(comparable(batchRow)).toEqual(comparable(prismaRow));
      expect(batchRow.povertyConfirmedAt).toBeInstanceOf(Date);
      const existing = await ctx.db.labourer.findUniqueOrThrow({ where: { id: batchId! }, select: EXISTING_SELECT });
      expect(existing.skills).toEqual([{ skillCode: 'S-ELEC-ASSEMBLY', level: 'intermediate' }]);
      expect(await ctx.db.searchOutbox.count({ where: { documentId: batchId! } })).toBe(1);
      expect(await ctx.db.labourerStatusChange.count({ where: { labourerId: batchId!, source: 'import' } })).toBe(1);
    });
  });

  it('marks jobs cut off by a restart as failed', async () => {
    const repo = createImportsRepository(ctx.db);
    const job = await repo.createJob({
      kind: 'poverty_office',
      fileName: 'cut.csv',
      fileHash: 'c',
      regionCode: '350821',
      status: 'running',
    });
    await imports.failInterruptedJobs();
    expect(await imports.getJob(changting, job.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/Interrupted/),
    });
  });

  it('writes the error report in Chinese with masked values and audits the download', async () => {
    const bad = personRow({ 身份证号: '350821198605120017' });
    const job = await run(csvFile([bad]), '长汀县2024年.csv');
    const table = await imports.errorReport({ ...changting, id: null }, job.id, 'csv');
    expect(table.fileName).toBe('长汀县2024年-错误报告');
    expect(table.columns.map((c) => c.header)).toEqual(['行号', '列', '值', '原因']);
    const audit = await ctx.db.auditLog.findFirst({ where: { action: 'import.error_report', entityId: job.id } });
    expect(audit).not.toBeNull();
  });
});

/** GB18030 encoding for the test (Node decodes GB18030 but has no encoder): the few characters used. */
class TextEncoderGbk {
  encode(text: string): Uint8Array {
    const decoder = new TextDecoder('gb18030');
    const table = new Map<string, number[]>();
    for (let high = 0xb0; high <= 0xf7; high++) {
      for (let low = 0xa1; low <= 0xfe; low++) table.set(decoder.decode(Uint8Array.of(high, low)), [high, low]);
    }
    const bytes: number[] = [];
    for (const char of text) {
      if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
      else bytes.push(...(table.get(char) ?? [0x3f]));
    }
    return Uint8Array.from(bytes);
  }
}
