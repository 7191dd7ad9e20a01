import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../helpers/applications.ts';
import { createUser } from '../helpers/factories.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';

const HEADER = '身份证号,证书种类,等级,发证机构,发证日期,证书编号';

/** Issue #19 §3: certificates from the appraisal system imported as a file, previewed, all rows or none. */
describe('importing appraisal certificates from a file', () => {
  let ctx: TestContext;
  let page: PageClient;
  let a: Awaited<ReturnType<typeof createPerson>>;
  let b: Awaited<ReturnType<typeof createPerson>>;
  let away: Awaited<ReturnType<typeof createPerson>>;

  const upload = (csv: string) => {
    const boundary = 'certificate-boundary';
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="鉴定证书.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    return ctx.app.inject({
      method: 'POST',
      url: `/training/certificates/import?_csrf=${encodeURIComponent(page.csrf)}`,
      headers: { cookie: page.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  };
  const heldBy = (labourerId: string) =>
    ctx.db.labourerCertificate.findMany({ where: { labourerId }, orderBy: { number: 'asc' } });

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'cert.changting' });
    a = await createPerson(ctx.db, pii, { name: '赖春花', birth: '19850402', male: false });
    b = await createPerson(ctx.db, pii, { name: '刘水生', birth: '19820917' });
    away = await createPerson(ctx.db, pii, { name: '张永福', regionCode: '350424', birth: '19770101' });
    await ctx.db.labourerCertificate.create({
      data: { labourerId: b.id, kind: 'CERT-COOK', issuer: '长汀县人社局', number: 'JD-EXIST' },
    });
    page = await new PageClient(ctx).signIn('cert.changting');
    const form = await page.get('/training/certificates/import');
    expect(form.statusCode).toBe(200);
    expect((await page.get('/training/courses')).body).toContain('href="/training/certificates/import"');
  });
  afterAll(() => ctx.close());

  it('explains every refused row in words and writes nothing', async () => {
    const csv = [
      HEADER,
      `${a.idNumber},养老护理员职业技能等级证书,四级,龙岩市职业技能鉴定中心,2026-06-01,JD-0001`,
      `12345,CERT-COOK,,龙岩市职业技能鉴定中心,2026-06-01,JD-0003`,
      `${away.idNumber},CERT-COOK,,三明市职业技能鉴定中心,2026-06-01,JD-0004`,
      `${a.idNumber},不存在的证书,,龙岩市职业技能鉴定中心,2026-06-01,JD-0005`,
      `${b.idNumber},CERT-ELDERCARE,,龙岩市职业技能鉴定中心,2026-06-01,JD-EXIST`,
      `${a.idNumber},CERT-ELDERCARE,,龙岩市职业技能鉴定中心,2026-06-01,JD-0001`,
      `${b.idNumber},CERT-CHILDCARE,,龙岩市职业技能鉴定中心,2099-01-01,JD-0006`,
    ].join('\n');
    const preview = await upload(csv);
    expect(preview.statusCode).toBe(422);
    // 7 rows: row 2 is good, rows 3–8 each have one problem.
    expect(preview.body).toContain('共 7 行：新证书 1 张，已登记过 0 张，有问题 6 行。');
    for (const words of [
      '身份证号：应为 18 位身份证号。',
      '身份证号：这个人不属于本地区。',
      '证书种类：不是已知的证书种类。',
      '证书编号：这个编号已登记在别的证书上。',
      '证书编号：与文件中前面的行重复。',
      '发证日期：不能晚于今天。',
    ])
      expect(preview.body).toContain(words);
    expect(preview.body).not.toContain('/training/certificates/import/confirm');
    expect(await heldBy(a.id)).toHaveLength(0);
  });

  it('previews a clean file, then writes its new certificates in one step when confirmed', async () => {
    const csv = [
      HEADER,
      `${a.idNumber},养老护理员职业技能等级证书,四级,龙岩市职业技能鉴定中心,2026-06-01,JD-0001`,
      `${b.idNumber},CERT-COOK,,长汀县人社局,2025-01-01,JD-EXIST`,
      `${a.idNumber},职业技能培训合格证书,,长汀县就业培训中心,2026/05/20,JD-0002`,
    ].join('\n');
    const preview = await upload(csv);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('共 3 行：新证书 2 张，已登记过 1 张，有问题 0 行。');
    expect(await heldBy(a.id)).toHaveLength(0);
    const content = /name="content" value="([^"]+)"/.exec(preview.body)?.[1];
    expect(content).toBeTruthy();
    const saved = await page.post('/training/certificates/import/confirm', { name: '鉴定证书.csv', content: content! });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('已保存');
    const held = await heldBy(a.id);
    expect(held.map((c) => [c.number, c.kind, c.level])).toEqual([
      ['JD-0001', 'CERT-ELDERCARE', '四级'],
      ['JD-0002', 'CERT-TRAINING', null],
    ]);
    expect(held[1]!.issuedOn?.toISOString().slice(0, 10)).toBe('2026-05-20');
    expect(await ctx.db.auditLog.count({ where: { action: 'training.certificates.import' } })).toBe(1);
    // The same file again writes nothing new: every certificate is recorded already.
    const again = await page.post('/training/certificates/import/confirm', { name: '鉴定证书.csv', content: content! });
    expect(again.body).toContain('共 3 行：新证书 0 张，已登记过 3 张，有问题 0 行。');
    expect(await heldBy(a.id)).toHaveLength(2);
  });

  it('refuses a file without the required columns, in words', async () => {
    const refused = await upload('姓名,证书\n赖春花,CERT-COOK');
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('文件缺少必需的列');
  });
});
