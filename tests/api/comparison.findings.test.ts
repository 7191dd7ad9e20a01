import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { csvFile } from '../fixtures/comparison/lists.ts';
import { createRegistryPerson, createScopedOfficer } from '../fixtures/comparison/registry.ts';

type Headers = { authorization: string };
interface Finding {
  id: string;
  kind: string;
  labourerId: string | null;
  status: string;
  resolution: string | null;
  proposal: { field: string; value: string; choices: string[] } | null;
}

/** Applying a comparison finding to the registry, or dismissing it, and later runs remembering. */
describe('answering comparison findings', () => {
  let ctx: TestContext;
  let officer: Awaited<ReturnType<typeof createScopedOfficer>>;
  let headers: Headers;
  let ninghua: Headers;
  let people: Record<'lifted' | 'missing' | 'old', Awaited<ReturnType<typeof createRegistryPerson>>>;
  let stranger: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    const pii = new PiiCipher(ctx.config.piiKey);
    officer = await createScopedOfficer(ctx.db);
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'answer.ninghua' });
    headers = await bearer(ctx, officer.user.username);
    ninghua = await bearer(ctx, 'answer.ninghua');
    people = {
      lifted: await createRegistryPerson(ctx.db, pii, { name: '钟秀兰', regionCode: officer.village }),
      missing: await createRegistryPerson(ctx.db, pii, { name: '邱永兴', regionCode: officer.village }),
      old: await createRegistryPerson(ctx.db, pii, { name: '赖金福', regionCode: officer.village, birth: '19550505' }),
    };
    stranger = makeIdNumber(officer.region.slice(0, 6), '19920202');
  });
  afterAll(() => ctx.close());

  // 钟秀兰: the office says lifted out, the registry registered (a poverty disagreement).
  // 赖金福: 70, no pension on either side. 黄小梅: only on the list. 邱永兴: only in the registry.
  const povertyList = () =>
    csvFile(
      ['姓名', '身份证号', '户籍区划', '脱贫状态', '养老保险'],
      [
        ['钟秀兰', people.lifted.idNumber, officer.village, '已脱贫', '是'],
        ['赖金福', people.old.idNumber, officer.village, '未脱贫', '否'],
        ['黄小梅', stranger, officer.village, '未脱贫', '是'],
      ],
    );

  async function run(): Promise<{ id: string; totals: Record<string, unknown>; findings: Finding[] }> {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/comparisons?kind=poverty_office&fileName=list.csv',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: povertyList(),
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, totals } = response.json();
    const findings = await ctx.app.inject({ url: `/api/v1/comparisons/${id}/findings`, headers });
    return { id, totals, findings: findings.json().items };
  }
  const byKind = (findings: Finding[], kind: string) => findings.find((f) => f.kind === kind)!;
  const act = (runId: string, findingId: string, action: 'apply' | 'dismiss', payload: object, auth = headers) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/comparisons/${runId}/findings/${findingId}/${action}`,
      headers: auth,
      payload,
    });

  let first: Awaited<ReturnType<typeof run>>;

  it('proposes what applying each finding would set, and nothing for one-sided findings', async () => {
    first = await run();
    expect(byKind(first.findings, 'status_disagreement').proposal).toEqual({
      field: 'povertyStatus',
      value: 'lifted_out',
      choices: ['lifted_out'],
    });
    expect(byKind(first.findings, 'no_pension_60_plus').proposal).toEqual({
      field: 'pensionInsurance',
      value: 'urban_rural_resident',
      choices: ['urban_rural_resident', 'employee'],
    });
    expect(byKind(first.findings, 'only_in_registry').proposal).toBeNull();
    expect(byKind(first.findings, 'only_in_external').proposal).toBeNull();
    expect(first.findings.every((f) => f.status === 'open')).toBe(true);
  });

  it('applies a finding to the registry in one step, audited, and only once', async () => {
    const finding = byKind(first.findings, 'status_disagreement');
    const applied = await act(first.id, finding.id, 'apply', {});
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'applied', resolution: 'povertyStatus=lifted_out', proposal: null });
    const person = await ctx.db.labourer.findUniqueOrThrow({ where: { id: people.lifted.id } });
    expect(person.povertyStatus).toBe('lifted_out');
    const audit = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: 'comparison.finding.apply', entityId: finding.id },
    });
    expect(audit).toMatchObject({ actorId: officer.user.id, entity: 'comparison_finding' });
    expect(audit.details).toMatchObject({ field: 'povertyStatus', from: 'registered', to: 'lifted_out' });
    const again = await act(first.id, finding.id, 'apply', {});
    expect(again.statusCode).toBe(409);
    expect(await ctx.db.auditLog.count({ where: { action: 'comparison.finding.apply' } })).toBe(1);
  });

  it('records the pension enrolment the officer chose, and refuses a value the finding does not offer', async () => {
    const finding = byKind(first.findings, 'no_pension_60_plus');
    const bad = await act(first.id, finding.id, 'apply', { value: 'not_in_labour_force' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([expect.objectContaining({ field: 'value' })]);
    const applied = await act(first.id, finding.id, 'apply', { value: 'employee' });
    expect(applied.statusCode).toBe(200);
    const person = await ctx.db.labourer.findUniqueOrThrow({ where: { id: people.old.id } });
    expect(person.pensionInsurance).toBe('employee');
  });

  it('refuses to apply a one-sided finding and another region’s officer', async () => {
    const missing = byKind(first.findings, 'only_in_registry');
    const refused = await act(first.id, missing.id, 'apply', {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().details).toMatchObject({ reason: 'not_applicable' });
    expect((await act(first.id, missing.id, 'dismiss', { reason: '已核实' }, ninghua)).statusCode).toBe(403);
    expect((await act(first.id, '999999', 'dismiss', { reason: '已核实' })).statusCode).toBe(404);
  });

  it('dismisses a finding with a reason, and the next comparison does not list it as new', async () => {
    const external = byKind(first.findings, 'only_in_external');
    const noReason = await act(first.id, external.id, 'dismiss', { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const dismissed = await act(first.id, external.id, 'dismiss', { reason: '外县人员，户籍已迁出' });
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', resolution: '外县人员，户籍已迁出' });
    expect(
      await ctx.db.auditLog.count({ where: { action: 'comparison.finding.dismiss', entityId: external.id } }),
    ).toBe(1);

    const second = await run();
    // Same list again: the poverty status now agrees; 黄小梅's finding is stored dismissed, not new;
    // 赖金福 still has no pension on the list (applying is not dismissing); 邱永兴 is still missing.
    expect(second.totals).toMatchObject({
      dismissedEarlier: 1,
      byKind: { status_disagreement: 0, only_in_external: 0, no_pension_60_plus: 1, only_in_registry: 1 },
    });
    const remembered = byKind(second.findings, 'only_in_external');
    expect(remembered).toMatchObject({ status: 'dismissed', resolution: '外县人员，户籍已迁出', proposal: null });
    const open = await ctx.app.inject({ url: `/api/v1/comparisons/${second.id}/findings?status=open`, headers });
    expect(
      open
        .json()
        .items.map((f: Finding) => f.kind)
        .sort(),
    ).toEqual(['no_pension_60_plus', 'only_in_registry']);
  });

  it('answers findings through the report page without JavaScript', async () => {
    const { id, findings } = await run();
    const missing = byKind(findings, 'only_in_registry');
    const client = await new PageClient(ctx).signIn(officer.user.username);
    const report = await client.get(`/comparisons/${id}`);
    expect(report.body).toContain(`action="/comparisons/${id}/findings/${missing.id}/dismiss"`);
    expect(report.body).toContain('无可更正的字段');
    const empty = await client.post(`/comparisons/${id}/findings/${missing.id}/dismiss`, { reason: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain(`id='reason-${missing.id}-error'`);
    const done = await client.post(`/comparisons/${id}/findings/${missing.id}/dismiss`, { reason: '已死亡，待注销' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/comparisons/${id}?done=dismissed#finding-${missing.id}`);
    const after = await client.get(`/comparisons/${id}?done=dismissed`);
    expect(after.body).toContain('已排除');
    expect(after.body).toContain('已死亡，待注销');
    // 赖金福 is recorded insured now (employee) while the list still says 否: the proposal turns round.
    const pension = byKind(findings, 'no_pension_60_plus');
    expect(pension.proposal).toMatchObject({ value: 'none', choices: ['none'] });
    const refused = await client.post(`/comparisons/${id}/findings/${pension.id}/apply`, { value: 'employee' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(`id='value-${pension.id}-error'`);
    const applied = await client.post(`/comparisons/${id}/findings/${pension.id}/apply`, { value: 'none' });
    expect(applied.statusCode).toBe(303);
    expect((await client.get(`/comparisons/${id}`)).body).toContain('养老保险：未参保');
  });
});
