import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComparisonRepository } from '../../services/comparison/comparison.repository.ts';
import { exportTable } from '../../services/comparison/comparison.presenter.ts';
import { createComparisonService, type ComparisonService } from '../../services/comparison/comparison.service.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../services/platform/errors/domain-errors.ts';
import { tableStream } from '../../services/platform/export/tabular.ts';
import type { SessionUser } from '../../services/platform/http/fastify-types.ts';
import { ReferenceNames } from '../../services/platform/reference/reference-data.ts';
import { createReferenceRepository } from '../../services/platform/reference/reference.repository.ts';
import { createUser } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { csvFile, xlsxFile } from '../fixtures/comparison/lists.ts';
import { createRegistryPerson, createScopedOfficer, sessionUser } from '../fixtures/comparison/registry.ts';

const TODAY = new Date('2025-06-01T08:00:00Z');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/comparison');

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('comparison service (registry against external lists, on the real database)', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let service: ComparisonService;
  let ninghua: SessionUser;
  let fujian: SessionUser;
  let admin: SessionUser;
  let employer: SessionUser;

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    const reference = ReferenceNames.load(createReferenceRepository(ctx.db));
    service = createComparisonService({
      repo: createComparisonRepository(ctx.db),
      pii,
      reference: () => reference,
      now: () => TODAY,
    });
    ninghua = sessionUser(await createUser(ctx.db, { role: 'officer', regionCode: '350424' }));
    fujian = sessionUser(await createUser(ctx.db, { role: 'officer', regionCode: '35' }));
    admin = sessionUser(await createUser(ctx.db, { role: 'admin' }));
    employer = sessionUser(await createUser(ctx.db, { role: 'employer' }));
  });
  afterAll(() => ctx.close());

  const findingsOf = async (actor: SessionUser, runId: string) =>
    (await service.findings(actor, runId, { page: 1, pageSize: 200 })).items;

  it('compares an employment registration: status disagreements, people only on the list, bad rows', async () => {
    const scope = await createScopedOfficer(ctx.db);
    const idle = await createRegistryPerson(ctx.db, pii, { name: '钟秀兰', regionCode: scope.village });
    const working = await createRegistryPerson(ctx.db, pii, {
      name: '赖金福',
      regionCode: scope.village,
      employmentStatus: 'employed_local',
    });
    const agreeing = await createRegistryPerson(ctx.db, pii, { name: '温秀英', regionCode: scope.village });
    const training = await createRegistryPerson(ctx.db, pii, {
      name: '罗春梅',
      regionCode: scope.village,
      employmentStatus: 'in_training',
    });
    const notOnList = await createRegistryPerson(ctx.db, pii, { name: '邱永兴', regionCode: scope.village });
    const elsewhere = await createRegistryPerson(ctx.db, pii, { name: '宁化人', regionCode: '350424100201' });
    const stranger = makeIdNumber('350821', '19920202');
    const bad = makeIdNumber('350821', '19930303');
    const badChecksum = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');

    const run = await service.run(
      scope.actor,
      {
        kind: 'employment_registration',
        fileName: '长汀县就业登记.csv',
        content: csvFile(
          ['姓名', '身份证号', '户籍区划', '就业状态', '就业单位', '登记日期'],
          [
            ['钟秀兰', idle.idNumber, scope.village, '已就业', '恒昌电子厂', '2025-03-01'],
            ['赖金福', working.idNumber, scope.village, '已注销', '', '2025-02-01'],
            ['温秀英', agreeing.idNumber, scope.village, '失业', '', '2025-01-01'],
            ['罗春梅', training.idNumber, scope.village, '已就业', '', ''],
            ['黄小梅', stranger, scope.village, '已就业', '长汀县家政服务公司', ''],
            ['宁化人', elsewhere.idNumber, '350424100201', '已就业', '', ''],
            ['无证号', '', scope.village, '已就业', '', ''],
            ['错号码', badChecksum, scope.village, '已就业', '', ''],
          ],
        ),
      },
      'req-employment',
    );

    expect(run).toMatchObject({
      kind: 'employment_registration',
      fileName: '长汀县就业登记.csv',
      regionCode: scope.region,
      externalRows: 8,
      checks: ['only_in_external', 'status_disagreement'],
      totals: {
        registryPeople: 5,
        externalPeople: 6,
        matched: 4,
        outsideScope: 1,
        unmatchedRows: 2,
        inputProblems: 2,
        byKind: {
          only_in_registry: 0,
          only_in_external: 1,
          status_disagreement: 2,
          no_pension_60_plus: 0,
          training_wanted_none: 0,
        },
      },
    });
    expect(run.problems).toEqual([
      { row: 8, column: '身份证号', reason: 'id_missing', value: '', name: '无证号' },
      {
        row: 9,
        column: '身份证号',
        reason: 'id_checksum',
        value: `350821********${badChecksum.slice(-4)}`,
        name: '错号码',
      },
    ]);
    const findings = await findingsOf(scope.actor, run.id);
    expect(findings.map((f) => [f.kind, f.name, f.registryValue, f.externalValue])).toEqual([
      ['only_in_external', '黄小梅', null, '已就业 · 长汀县家政服务公司'],
      ['status_disagreement', '赖金福', 'employed_local', '已注销'],
      ['status_disagreement', '钟秀兰', 'unemployed', '已就业 · 恒昌电子厂'],
    ]);
    expect(findings.find((f) => f.name === '钟秀兰')).toMatchObject({
      labourerId: idle.id,
      idNumberMasked: idle.idNumberMasked,
      regionName: expect.stringContaining('龙岩市长汀县'),
    });
    expect(findings.some((f) => f.labourerId === notOnList.id)).toBe(false);

    const stored = JSON.stringify(
      await ctx.db.comparisonFinding.findMany({ where: { runId: run.id } }),
      (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value),
    );
    const storedRun = JSON.stringify(await ctx.db.comparisonRun.findUnique({ where: { id: run.id } }));
    for (const id of [idle.idNumber, stranger, badChecksum]) {
      expect(stored).not.toContain(id);
      expect(storedRun).not.toContain(id);
    }
    const audit = await ctx.db.auditLog.findMany({ where: { entityId: run.id, action: 'comparison.run' } });
    expect(audit).toEqual([expect.objectContaining({ actorId: scope.user.id, requestId: 'req-employment' })]);
  });

  it('compares training records: people who wanted training and got none, named by occupation', async () => {
    const scope = await createScopedOfficer(ctx.db);
    const wanted = await createRegistryPerson(ctx.db, pii, {
      name: '钟福生',
      regionCode: scope.village,
      trainingWishes: ['C03-001', 'C05-001'],
    });
    const trained = await createRegistryPerson(ctx.db, pii, {
      name: '陈志强',
      regionCode: scope.village,
      trainingWishes: ['C03-001'],
    });
    await createRegistryPerson(ctx.db, pii, { name: '无意愿', regionCode: scope.village });
    const run = await service.run(
      scope.actor,
      {
        kind: 'training_records',
        fileName: 'training.xlsx',
        content: await xlsxFile(
          ['姓名', '身份证号', '培训项目', '结业日期'],
          [['陈志强', trained.idNumber, '电子装配工培训班', '2025-04-30']],
        ),
      },
      'req-training',
    );
    expect(run.totals.byKind).toMatchObject({ training_wanted_none: 1, only_in_external: 0, only_in_registry: 0 });
    expect(await findingsOf(scope.actor, run.id)).toEqual([
      expect.objectContaining({
        kind: 'training_wanted_none',
        labourerId: wanted.id,
        registryValue: '电子装配工、家政服务员',
        externalValue: null,
      }),
    ]);
  });

  it('compares social-insurance enrolment: 60+ without an active pension, and people missing from the list', async () => {
    const scope = await createScopedOfficer(ctx.db);
    const enrolled = await createRegistryPerson(ctx.db, pii, {
      name: '甲',
      birth: '19550101',
      regionCode: scope.village,
    });
    const onlyMedical = await createRegistryPerson(ctx.db, pii, {
      name: '乙',
      birth: '19580101',
      regionCode: scope.village,
    });
    const lapsed = await createRegistryPerson(ctx.db, pii, {
      name: '丙',
      birth: '19600101',
      regionCode: scope.village,
      pensionInsurance: 'urban_rural_resident',
    });
    const absentOld = await createRegistryPerson(ctx.db, pii, {
      name: '丁',
      birth: '19610101',
      regionCode: scope.village,
    });
    const absentYoung = await createRegistryPerson(ctx.db, pii, {
      name: '戊',
      birth: '19700101',
      regionCode: scope.village,
    });
    const drawing = await createRegistryPerson(ctx.db, pii, {
      name: '己',
      birth: '19500101',
      regionCode: scope.village,
    });
    await createRegistryPerson(ctx.db, pii, {
      name: '已删除',
      birth: '19500101',
      regionCode: scope.village,
      erased: true,
    });

    const run = await service.run(
      scope.actor,
      {
        kind: 'social_insurance',
        fileName: '社保参保名单.csv',
        content: csvFile(
          ['姓名', '身份证号', '参保险种', '参保状态'],
          [
            ['甲', enrolled.idNumber, '城乡居民基本养老保险', '正常缴费'],
            ['乙', onlyMedical.idNumber, '基本医疗保险', '正常缴费'],
            ['丙', lapsed.idNumber, '城乡居民基本养老保险', '暂停缴费'],
            ['己', drawing.idNumber, '城乡居民基本养老保险', '待遇领取'],
          ],
        ),
      },
      'req-insurance',
    );
    expect(run.totals).toMatchObject({
      registryPeople: 6,
      matched: 4,
      byKind: { only_in_registry: 2, no_pension_60_plus: 3, only_in_external: 0 },
    });
    const pension = (await service.findings(scope.actor, run.id, { kind: 'no_pension_60_plus', page: 1, pageSize: 50 }))
      .items;
    expect(pension.map((f) => [f.name, f.registryValue, f.externalValue])).toEqual([
      ['丙', 'urban_rural_resident', '城乡居民基本养老保险 · 暂停缴费'],
      ['丁', 'none', null],
      ['乙', 'none', '基本医疗保险'],
    ]);
    const missing = (await service.findings(scope.actor, run.id, { kind: 'only_in_registry', page: 1, pageSize: 50 }))
      .items;
    expect(missing.map((f) => f.labourerId).sort()).toEqual([absentOld.id, absentYoung.id].sort());
  });

  it('compares the poverty office’s GBK export: poverty status, pension, both sides, problems', async () => {
    const village = '350821100201';
    const officer = sessionUser(await createUser(ctx.db, { role: 'officer', regionCode: '350821100' }));
    const liftedInList = await createRegistryPerson(ctx.db, pii, {
      name: '钟秀兰',
      idNumber: '35082119550315123X',
      birth: '19550315',
      regionCode: village,
      povertyStatus: 'registered',
      pensionInsurance: 'urban_rural_resident',
    });
    await createRegistryPerson(ctx.db, pii, {
      name: '赖福生',
      idNumber: '350821198808084561',
      birth: '19880808',
      regionCode: village,
    });
    const run = await service.run(
      officer,
      {
        kind: 'poverty_office',
        fileName: 'poverty-office-gbk.csv',
        content: fs.readFileSync(path.join(FIXTURES, 'poverty-office-gbk.csv')),
      },
      'req-poverty',
    );
    expect(run).toMatchObject({ headerRow: 2, externalRows: 3, totals: { matched: 2, unmatchedRows: 1 } });
    expect(run.problems).toEqual([{ row: 6, column: '身份证号', reason: 'id_missing', value: '', name: '黄小梅' }]);
    const findings = (await findingsOf(officer, run.id)).filter((f) => f.labourerId === liftedInList.id);
    expect(findings.map((f) => [f.kind, f.registryValue, f.externalValue])).toEqual([
      ['status_disagreement', 'registered', '已脱贫'],
      ['no_pension_60_plus', 'urban_rural_resident', '否'],
    ]);
  });

  it('flags a repeated person in the poverty office’s export and a list with ID numbers stored as numbers', async () => {
    const scope = await createScopedOfficer(ctx.db);
    const person = await createRegistryPerson(ctx.db, pii, { regionCode: scope.village, birth: '19750101' });
    const run = await service.run(
      scope.actor,
      {
        kind: 'poverty_office',
        fileName: 'export.xlsx',
        content: await xlsxFile(
          ['姓名', '身份证号', '户籍区划'],
          [
            ['测试人', person.idNumber, scope.village],
            ['测试人', person.idNumber, scope.village],
            ['数字人', 350821197501011200, scope.village],
          ],
        ),
      },
      'req-duplicates',
    );
    expect(run.problems.map((p) => [p.row, p.reason])).toEqual([
      [3, 'duplicate_id'],
      [4, 'id_stored_as_number'],
    ]);
    expect(run.totals).toMatchObject({ unmatchedRows: 2, matched: 1, byKind: { only_in_registry: 0 } });
  });

  it('refuses a list it cannot use, storing nothing', async () => {
    const scope = await createScopedOfficer(ctx.db);
    const before = await ctx.db.comparisonRun.count();
    await expect(
      service.run(
        scope.actor,
        {
          kind: 'social_insurance',
          fileName: 'x.csv',
          content: csvFile(['姓名', '身份证号'], [['甲', makeIdNumber()]]),
        },
        'req-bad',
      ),
    ).rejects.toThrow(ValidationError);
    await expect(
      service.run(
        scope.actor,
        { kind: 'poverty_office', fileName: 'x.csv', content: csvFile(['姓名'], [['甲']]) },
        'r',
      ),
    ).rejects.toThrow(/No ID number column/);
    expect(await ctx.db.comparisonRun.count()).toBe(before);
  });

  describe('scope', () => {
    let scope: Awaited<ReturnType<typeof createScopedOfficer>>;
    let runId: string;
    beforeAll(async () => {
      scope = await createScopedOfficer(ctx.db);
      const person = await createRegistryPerson(ctx.db, pii, { regionCode: scope.village });
      runId = (
        await service.run(
          scope.actor,
          {
            kind: 'poverty_office',
            fileName: 'scope.csv',
            content: csvFile(['姓名', '身份证号'], [['测试人', person.idNumber]]),
          },
          'req-scope',
        )
      ).id;
    });

    it('refuses an officer of another county every way in', async () => {
      await expect(service.get(ninghua, runId)).rejects.toThrow(ForbiddenError);
      await expect(service.findings(ninghua, runId, { page: 1, pageSize: 10 })).rejects.toThrow(ForbiddenError);
      await expect(service.export(ninghua, runId, { format: 'csv' }, 'req-x')).rejects.toThrow(ForbiddenError);
      expect((await service.list(ninghua, { page: 1, pageSize: 200 })).items.map((r) => r.id)).not.toContain(runId);
      expect(await ctx.db.auditLog.count({ where: { entityId: runId, action: 'comparison.export' } })).toBe(0);
    });

    it('refuses roles other than officers and administrators', async () => {
      await expect(service.get(employer, runId)).rejects.toThrow(ForbiddenError);
      await expect(service.list(employer, { page: 1, pageSize: 10 })).rejects.toThrow(ForbiddenError);
    });

    it('lets the province officer and the administrator see the county’s run', async () => {
      expect((await service.get(fujian, runId)).id).toBe(runId);
      expect((await service.list(admin, { page: 1, pageSize: 200 })).items.map((r) => r.id)).toContain(runId);
    });

    it('answers not found for a run that does not exist', async () => {
      await expect(service.get(fujian, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundError);
    });

    it('audits an export and produces the report with masked ID numbers only', async () => {
      const report = await service.export(scope.actor, runId, { format: 'csv' }, 'req-export');
      const csv = (
        await collect(tableStream('csv', exportTable('zh-CN', report.run, report.findings, report.problems)))
      )
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      const rows = parse(csv) as string[][];
      expect(rows[0]).toEqual([
        '类别',
        '姓名',
        '身份证号（脱敏）',
        '区划代码',
        '地区',
        '登记库信息',
        '外部名单信息',
        '名单行号',
        '说明',
      ]);
      expect(rows).toHaveLength(1);
      const audit = await ctx.db.auditLog.findMany({ where: { entityId: runId, action: 'comparison.export' } });
      expect(audit).toEqual([
        expect.objectContaining({
          actorId: scope.user.id,
          requestId: 'req-export',
          details: { format: 'csv', kind: null, findings: 0 },
        }),
      ]);
    });
  });
});
