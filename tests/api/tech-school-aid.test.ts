import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmployer, createPerson, createVacancy } from '../helpers/applications.ts';
import { bearer } from '../helpers/auth.ts';
import { createUser } from '../helpers/factories.ts';
import { makeIdNumber } from '../helpers/labourers.ts';
import { PageClient } from '../helpers/pages.ts';
import { createTestContext, type TestContext } from '../helpers/test-context.ts';
import { PiiCipher } from '../../services/platform/crypto/pii.ts';
import {
  techSchoolAidFigures,
  techSchoolGraduateFigures,
  type AidFigureRow,
} from '../../services/training/tech-school-figures.ts';
import type { EducationLevel, PovertyStatus } from '../../services/platform/database/generated/enums.ts';

type Headers = { authorization: string };
type Person = Awaited<ReturnType<typeof createPerson>>;
/** The intake year of the places recorded through the API: this year (Beijing). */
const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));
const AID_FIGURES = [
  'tech_school_in_school',
  'tech_school_fee_waived',
  'tech_school_aided',
  'tech_school_aid_coverage',
];

/**
 * Aid coverage on hand-made rows (plan §3(3) 优先落实免学费、助学金、奖学金等助学政策; §7(2) 确保符合条件的
 * 贫困家庭学生都能够享受到资助政策), for the quarter 2026-07-01 … 2026-09-30.
 */
describe('aid coverage of poor families’ technical-school students, worked by hand', () => {
  const row = (year: number, enrolledOn: string | null, aid: [string, string][], state = 'enrolled'): AidFigureRow => ({
    state,
    year,
    enrolledOn,
    aid: aid.map(([kind, grantedOn]) => ({ kind, grantedOn })),
  });
  const ROWS = [
    row(2026, '2026-09-01', [
      ['fee_waiver', '2026-09-10'],
      ['state_grant', '2026-09-20'],
    ]), // R1: in, waived, aided
    row(2026, '2026-09-01', [['state_grant', '2026-09-20']]), // R2: in, aided
    row(2025, '2025-09-01', [['fee_waiver', '2026-03-01']]), // R3: in, its aid before the quarter
    row(2024, '2024-09-01', [['scholarship', '2026-07-15']]), // R4: in (third school year), aided
    row(2023, '2023-09-01', [['fee_waiver', '2026-08-01']]), // R5: intake 2023 has left school
    row(2026, '2026-10-08', [['fee_waiver', '2026-10-10']]), // R6: enrolled after the quarter
    row(2026, null, [], 'placed'), // R7: not enrolled
  ];

  it('counts the students in school at the period’s end and those aided within it', () => {
    // In school: R1–R4 = 4 (R5 intake 2023 < 2026 − 2; R6 enrolled 8 October; R7 placed only).
    // Fee waived in the quarter: R1 = 1 (R3's is of March). Aided: R1, R2, R4 = 3. Coverage 3 ÷ 4 = 75.0.
    expect(techSchoolAidFigures(ROWS, { from: '2026-07-01', to: '2026-09-30' })).toEqual({
      tech_school_in_school: 4,
      tech_school_fee_waived: 1,
      tech_school_aided: 3,
      tech_school_aid_coverage: 75,
    });
    // January – September: R3's March waiver counts too: waived R1, R3 = 2; aided R1–R4 = 4 → 100.0.
    expect(techSchoolAidFigures(ROWS, { from: '2026-01-01', to: '2026-09-30' })).toEqual({
      tech_school_in_school: 4,
      tech_school_fee_waived: 2,
      tech_school_aided: 4,
      tech_school_aid_coverage: 100,
    });
    // Nobody in school: 0, not a division by zero.
    expect(techSchoolAidFigures([ROWS[6]!], { from: '2026-07-01', to: '2026-09-30' }).tech_school_aid_coverage).toBe(0);
    // Graduates: G1 graduated 1 October, after the quarter, so in school at its end (and aided in it);
    // G2 graduated 1 July, within it, so no longer in school. In school 1, aided 1 → 100.0.
    const graduates = [
      { ...row(2024, '2024-09-01', [['state_grant', '2026-09-01']], 'graduated'), graduatedOn: '2026-10-01' },
      { ...row(2024, '2024-09-01', [['state_grant', '2026-09-01']], 'graduated'), graduatedOn: '2026-07-01' },
    ];
    expect(techSchoolAidFigures(graduates, { from: '2026-07-01', to: '2026-09-30' })).toEqual({
      tech_school_in_school: 1,
      tech_school_fee_waived: 0,
      tech_school_aided: 1,
      tech_school_aid_coverage: 100,
    });
  });
});

const GRADUATE_FIGURES = [
  'tech_school_graduated',
  'tech_school_graduates_placed',
  'tech_school_graduate_placement_rate',
];
/** Hand-made graduates: [graduated on, job started on (null: no job recorded)]. */
const GRADUATES: [string, string | null][] = [
  ['2026-07-01', '2026-07-15'], // G1: graduated in the quarter, placed in it
  ['2026-07-10', '2026-10-08'], // G2: graduated in the quarter, job only after its end
  ['2026-09-30', '2026-06-20'], // G3: graduated on the last day, the job (from the internship) began before
  ['2026-09-30', null], // G4: graduated in the quarter, no job
  ['2026-06-30', '2026-07-01'], // G5: graduated before the quarter
  ['2026-10-01', '2026-10-15'], // G6: graduated after the quarter
];

/**
 * Graduates and their jobs on hand-made rows (plan §3(3) 各技工院校要对贫困家庭学生……优先安排实习，优先推荐就业),
 * for the quarter 2026-07-01 … 2026-09-30 and the second half-year.
 */
describe('graduates of technical schools placed in jobs, worked by hand', () => {
  it('counts the graduates of the period and those with a job begun by its end', () => {
    const rows = GRADUATES.map(([graduatedOn, jobStartOn]) => ({ graduatedOn, jobStartOn }));
    // Graduated in the quarter: G1–G4 = 4. Placed by 30 September: G1, G3 = 2 (G2's job begins
    // 8 October, G4 has none). Rate 2 ÷ 4 = 50.0.
    expect(techSchoolGraduateFigures(rows, { from: '2026-07-01', to: '2026-09-30' })).toEqual({
      tech_school_graduated: 4,
      tech_school_graduates_placed: 2,
      tech_school_graduate_placement_rate: 50,
    });
    // July – December: G1–G4 and G6 = 5; placed G1, G2, G3, G6 = 4 → 80.0.
    expect(techSchoolGraduateFigures(rows, { from: '2026-07-01', to: '2026-12-31' })).toEqual({
      tech_school_graduated: 5,
      tech_school_graduates_placed: 4,
      tech_school_graduate_placement_rate: 80,
    });
    // Nobody graduated: 0, not a division by zero.
    expect(
      techSchoolGraduateFigures(rows, { from: '2026-01-01', to: '2026-03-31' }).tech_school_graduate_placement_rate,
    ).toBe(0);
  });
});

/** Issue #19 item 5: aid per student and term, applicants from the registry, the schools' lists compared. */
describe('technical-school aid, applicants and the schools’ lists (issue #19)', () => {
  let ctx: TestContext;
  let pii: PiiCipher;
  let officer: Headers;
  let ninghua: Headers;
  let family: Person;
  const ids: Record<string, string> = {};

  const call = (headers: Headers, method: 'GET' | 'POST', url: string, payload?: object) =>
    ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  /** A person of the registry with the school level and household number given. */
  const person = async (
    name: string,
    birth: string,
    over: { regionCode?: string; poverty?: PovertyStatus; education?: EducationLevel; household?: string } = {},
  ) => {
    const made = await createPerson(ctx.db, pii, {
      name,
      birth,
      ...(over.regionCode ? { regionCode: over.regionCode } : {}),
      povertyStatus: over.poverty ?? 'registered',
    });
    await ctx.db.labourer.update({
      where: { id: made.id },
      data: { educationLevel: over.education ?? 'junior_secondary', povertyHouseholdNo: over.household ?? null },
    });
    return made;
  };
  /** An enrolled place recorded through the API, the child linked when given. */
  const enrolledPlace = async (childName: string, child?: Person) => {
    const made = await call(officer, 'POST', '/api/v1/technical-schools/places', {
      householdLabourerId: family.id,
      ...(child ? { childLabourerId: child.id } : {}),
      childName,
      leftLevel: 'junior',
      leftYear: YEAR,
      schoolName: '龙岩技师学院',
      programme: '数控加工',
      year: YEAR,
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id as string;
    for (const to of ['placed', 'enrolled'])
      expect((await call(officer, 'POST', `/api/v1/technical-schools/places/${id}/state`, { to })).statusCode).toBe(
        200,
      );
    return id;
  };

  beforeAll(async () => {
    ctx = await createTestContext();
    pii = new PiiCipher(ctx.config.piiKey);
    await createUser(ctx.db, { role: 'officer', regionCode: '350821', username: 'aid.changting' });
    await createUser(ctx.db, { role: 'officer', regionCode: '350424', username: 'aid.ninghua' });
    family = await person('罗建国', '19780304', { regionCode: '350821104201', household: 'HH-LUO' });
    officer = await bearer(ctx, 'aid.changting');
    ninghua = await bearer(ctx, 'aid.ninghua');
    ids.enrolled = await enrolledPlace('罗小明');
    const wished = await call(officer, 'POST', '/api/v1/technical-schools/places', {
      householdLabourerId: family.id,
      childName: '罗小红',
      leftLevel: 'senior',
      leftYear: YEAR,
      schoolName: '龙岩技师学院',
      programme: '护理',
      year: YEAR,
    });
    ids.wished = wished.json().id;
  });
  afterAll(() => ctx.close());

  describe('aid per student and term', () => {
    const aid = (over: Record<string, unknown> = {}) => ({
      kind: 'fee_waiver',
      term: `${YEAR}秋`,
      amountYuan: 1250,
      grantedOn: TODAY,
      ...over,
    });

    it('records a fee waiver and a state grant for an enrolled student, audited, and lists them', async () => {
      const waiver = await call(officer, 'POST', `/api/v1/technical-schools/students/${ids.enrolled}/aid`, aid());
      expect(waiver.statusCode).toBe(201);
      expect(waiver.json()).toMatchObject({
        kind: 'fee_waiver',
        term: `${YEAR}秋`,
        amountYuan: 1250,
        grantedOn: TODAY,
      });
      // 2026年秋季学期 is the same term, as schools write it.
      const grant = await call(
        officer,
        'POST',
        `/api/v1/technical-schools/students/${ids.enrolled}/aid`,
        aid({ kind: 'state_grant', term: `${YEAR}年秋季学期`, amountYuan: 1000 }),
      );
      expect(grant.statusCode).toBe(201);
      expect(grant.json().term).toBe(`${YEAR}秋`);
      const list = await call(officer, 'GET', `/api/v1/technical-schools/students/${ids.enrolled}/aid`);
      expect(list.json().items.map((a: { kind: string }) => a.kind)).toEqual(['fee_waiver', 'state_grant']);
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.aid' } })).toBe(2);
      const students = await call(officer, 'GET', `/api/v1/technical-schools/students?term=${YEAR}秋`);
      expect(students.json().items).toHaveLength(1);
      expect(students.json().items[0]).toMatchObject({ id: ids.enrolled, childName: '罗**' });
      expect(students.json().items[0].aid).toHaveLength(2);
    });

    it('refuses the same kind and term twice (409), a student not enrolled (409) and another region’s (404)', async () => {
      const twice = await call(
        officer,
        'POST',
        `/api/v1/technical-schools/students/${ids.enrolled}/aid`,
        aid({ amountYuan: 900 }),
      );
      expect(twice.statusCode).toBe(409);
      expect(twice.json().details.reason).toBe('aid_exists');
      const wished = await call(officer, 'POST', `/api/v1/technical-schools/students/${ids.wished}/aid`, aid());
      expect(wished.statusCode).toBe(409);
      expect(wished.json().details.reason).toBe('aid_not_enrolled');
      const away = await call(ninghua, 'POST', `/api/v1/technical-schools/students/${ids.enrolled}/aid`, aid());
      expect(away.statusCode).toBe(404);
      expect((await call(ninghua, 'GET', `/api/v1/technical-schools/students/${ids.enrolled}/aid`)).statusCode).toBe(
        404,
      );
    });

    it('names each wrong field: kind, term, amount, a future date, a term outside the school years', async () => {
      const url = `/api/v1/technical-schools/students/${ids.enrolled}/aid`;
      const bad = await call(officer, 'POST', url, {
        kind: 'loan',
        term: '秋季',
        amountYuan: 0,
        grantedOn: '2026-13-01',
      });
      expect(bad.statusCode).toBe(400);
      const fields = bad
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort();
      expect(fields).toEqual(['amountYuan', 'grantedOn', 'kind', 'term']);
      const future = await call(officer, 'POST', url, aid({ kind: 'scholarship', grantedOn: `${YEAR + 1}-01-01` }));
      expect(future.statusCode).toBe(400);
      expect(future.json().details[0]).toMatchObject({ field: 'grantedOn', code: 'future' });
      // Intake YEAR: its school years are YEAR, YEAR + 1, YEAR + 2; the spring of YEAR comes before it.
      const before = await call(officer, 'POST', url, aid({ kind: 'scholarship', term: `${YEAR}春` }));
      expect(before.json().details[0]).toMatchObject({ field: 'term', code: 'outside_school_years' });
      const after = await call(officer, 'POST', url, aid({ kind: 'scholarship', term: `${YEAR + 3}秋` }));
      expect(after.json().details[0]).toMatchObject({ field: 'term', code: 'outside_school_years' });
    });

    it('shows the student page with the aid and its form, linked from the places; refusals in words', async () => {
      const page = await new PageClient(ctx).signIn('aid.changting');
      const list = await page.get(`/technical-schools?year=${YEAR}`);
      expect(list.body).toContain(`href="/technical-schools/students/${ids.enrolled}"`);
      const student = await page.get(`/technical-schools/students/${ids.enrolled}`);
      expect(student.statusCode).toBe(200);
      expect(student.body).toContain('免学费');
      expect(student.body).toContain('国家助学金');
      expect(student.body).toContain('合计 2,250 元');
      const empty = await page.post(`/technical-schools/students/${ids.enrolled}/aid`, {
        kind: '',
        term: '',
        amountYuan: '',
        grantedOn: '',
      });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain("class='field-error'");
      expect(empty.body).toContain('资助种类');
      expect(empty.body).toContain('金额（元）');
      const twice = await page.post(`/technical-schools/students/${ids.enrolled}/aid`, {
        kind: 'fee_waiver',
        term: `${YEAR}秋`,
        amountYuan: '1250',
        grantedOn: TODAY,
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('这名学生这个学期已经登记过这种资助。');
      const saved = await page.post(`/technical-schools/students/${ids.enrolled}/aid`, {
        kind: 'scholarship',
        term: `${YEAR}秋`,
        amountYuan: '500',
        grantedOn: TODAY,
        note: '校级奖学金',
      });
      expect(saved.statusCode).toBe(303);
      expect((await page.get(`/technical-schools/students/${ids.enrolled}`)).body).toContain('合计 2,750 元');
      const file = await page.get(`/technical-schools/students/${ids.enrolled}/aid/export?format=csv`);
      expect(file.statusCode).toBe(200);
      expect(file.body).toContain('奖学金');
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.aid_export' } })).toBe(1);
      const wished = await page.get(`/technical-schools/students/${ids.wished}`);
      expect(wished.body).toContain('入学后才能登记资助。');
      expect(wished.body).not.toContain(`action="/technical-schools/students/${ids.wished}/aid"`);
    });
  });

  describe('potential applicants from the registry', () => {
    const people: Record<string, Person> = {};

    beforeAll(async () => {
      // Ages in the intake year YEAR: listed from 15 to 22 (born YEAR − 22 … YEAR − 15).
      const born = (age: number) => `${YEAR - age}0501`;
      people.self = await person('罗小兵', born(17));
      people.household = await person('罗小梅', born(19), {
        poverty: 'unconfirmed',
        education: 'senior_secondary',
        household: 'HH-LUO',
      });
      people.college = await person('罗大学', born(19), { education: 'college' });
      people.older = await person('罗大哥', born(30));
      people.recorded = await person('罗小军', born(16));
      people.ninghua = await person('张小福', born(17), { regionCode: '350424' });
      people.notPoor = await person('王小山', born(17), { poverty: 'unconfirmed' });
      await enrolledPlace('罗小军', people.recorded);
    });

    it('lists children of registered poor families, themselves or through the household, per county', async () => {
      const res = await call(officer, 'GET', `/api/v1/technical-schools/applicants?year=${YEAR}`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as { labourerId: string; through: string; householdLabourerId: string }[];
      const byId = new Map(items.map((i) => [i.labourerId, i]));
      expect(byId.get(people.self!.id)).toMatchObject({ through: 'self', leftLevel: 'junior', name: '罗**' });
      expect(byId.get(people.household!.id)).toMatchObject({
        through: 'household',
        householdLabourerId: family.id,
        leftLevel: 'senior',
      });
      // Not listed: college, 30 years old, a place recorded, another county, not of a poor family.
      for (const key of ['college', 'older', 'recorded', 'ninghua', 'notPoor'])
        expect(byId.has(people[key]!.id), key).toBe(false);
      expect(res.json().counties).toEqual([{ code: '350821', name: '龙岩市长汀县', count: items.length }]);
      const theirs = await call(ninghua, 'GET', `/api/v1/technical-schools/applicants?year=${YEAR}`);
      expect(theirs.json().items.map((i: { labourerId: string }) => i.labourerId)).toEqual([people.ninghua!.id]);
    });

    it('shows the list, exports it audited, and records a wish for an applicant from the list', async () => {
      const page = await new PageClient(ctx).signIn('aid.changting');
      expect((await page.get('/technical-schools')).body).toContain('href="/technical-schools/applicants"');
      const list = await page.get(`/technical-schools/applicants?year=${YEAR}&regionCode=`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('同户成员是建档立卡贫困人口');
      expect(list.body).toContain(`href="/technical-schools?applicant=${people.self!.id}#new-place"`);
      const file = await page.get(`/technical-schools/applicants/export?format=xlsx&year=${YEAR}`);
      expect(file.statusCode).toBe(200);
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.applicants_export' } })).toBe(1);
      const form = await page.get(`/technical-schools?applicant=${people.household!.id}`);
      expect(form.body).toContain(`name="childLabourerId" value="${people.household!.id}"`);
      expect(form.body).toContain(`name="householdLabourerId" value="${family.id}"`);
      expect(form.body).toContain('value="罗小梅"');
      const saved = await page.post('/technical-schools', {
        householdLabourerId: family.id,
        childLabourerId: people.household!.id,
        childName: '罗小梅',
        childBirthYear: String(YEAR - 19),
        leftLevel: 'senior',
        leftYear: String(YEAR - 1),
        schoolName: '龙岩技师学院',
        programme: '电子商务',
        year: String(YEAR),
      });
      expect(saved.statusCode).toBe(303);
      const after = await call(officer, 'GET', `/api/v1/technical-schools/applicants?year=${YEAR}`);
      const listed = after.json().items.map((i: { labourerId: string }) => i.labourerId);
      expect(listed).not.toContain(people.household!.id);
      expect(listed).toContain(people.self!.id);
    });
  });

  describe('the schools’ student-status and aid lists compared', () => {
    const HEADER = ['姓名', '身份证号', '学校', '专业', '学期', '资助项目'];
    const students: Record<string, Person> = {};
    const clear: Record<string, string> = {};
    let page: PageClient;

    const upload = (name: string, content: Buffer, type: string) => {
      const boundary = 'aid-check-boundary';
      const payload = Buffer.concat([
        Buffer.from(
          [
            `--${boundary}`,
            `Content-Disposition: form-data; name="file"; filename="${name}"`,
            `Content-Type: ${type}`,
            '',
            '',
          ].join('\r\n'),
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return ctx.app.inject({
        method: 'POST',
        url: `/technical-schools/aid-check?_csrf=${encodeURIComponent(page.csrf)}`,
        headers: { cookie: page.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const csv = (rows: string[][]) => Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\n'));
    const xlsx = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('学籍资助');
      for (const r of [HEADER, ...rows]) sheet.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };

    beforeAll(async () => {
      students.missingGrant = await person('钟一', `${YEAR - 17}0301`);
      students.notEnrolled = await person('钟二', `${YEAR - 18}0301`);
      students.household = await person('钟三', `${YEAR - 17}0601`, { poverty: 'unconfirmed', household: 'HH-ZHONG' });
      await person('钟父', '19760101', { household: 'HH-ZHONG' });
      students.notPoor = await person('钟四', `${YEAR - 17}0901`, { poverty: 'unconfirmed' });
      students.ninghua = await person('张五', `${YEAR - 17}0301`, { regionCode: '350424' });
      for (const [key, p] of Object.entries(students)) clear[key] = p.idNumber;
      clear.unknown = makeIdNumber('350821', `${YEAR - 17}0101`);
      await enrolledPlace('钟一', students.missingGrant);
      page = await new PageClient(ctx).signIn('aid.changting');
      expect((await page.get('/technical-schools')).body).toContain('href="/technical-schools/aid-check"');
    });

    it('refuses a broken file whole, naming each row and column in words', async () => {
      const res = await upload(
        '学籍.csv',
        csv([
          ['钟一', clear.missingGrant!, '龙岩技师学院', '数控加工', `${YEAR}秋`, '免学费'],
          ['钟二', '12345', '龙岩技师学院', '护理', `${YEAR}秋`, '免学费'],
          ['钟三', clear.household!, '龙岩技师学院', '护理', '秋季', '助学贷款'],
          ['钟四', clear.notPoor!, '', '护理', `${YEAR}秋`, '无'],
          ['钟一', clear.missingGrant!, '龙岩技师学院', '数控加工', `${YEAR}年秋季`, '国家助学金'],
        ]),
        'text/csv',
      );
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('共 5 行，有问题 4 行。');
      for (const words of [
        '<th scope="row">3</th><td><span class="block">身份证号：应为 18 位身份证号。',
        '<th scope="row">4</th><td><span class="block">学期：应写成 2026秋 或 2027春 这样的学期。',
        '资助项目：不认识“助学贷款”',
        '<th scope="row">5</th><td><span class="block">学校：必须填写。',
        '<th scope="row">6</th><td><span class="block">身份证号：与第 2 行是同一名学生的同一学期。',
      ])
        expect(res.body).toContain(words);
      expect(await ctx.db.techSchoolAidCheck.count()).toBe(0);
      const columns = await upload('学籍.csv', Buffer.from('姓名,学校\n钟一,龙岩技师学院'), 'text/csv');
      expect(columns.statusCode).toBe(422);
      expect(columns.body).toContain('文件缺少必需的列');
      const none = await upload('', Buffer.alloc(0), 'application/octet-stream');
      expect(none.statusCode).toBe(422);
      expect(none.body).toContain('请选择一个 CSV 或 Excel 文件。');
    });

    it('flags poor families’ students lacking the aid they qualify for or an enrolment, per county', async () => {
      const content = await xlsx([
        ['钟一', clear.missingGrant!, '龙岩技师学院', '数控加工', `${YEAR}秋`, '免学费'],
        ['钟二', clear.notEnrolled!, '龙岩技师学院', '护理', `${YEAR}秋`, '免学费、国家助学金'],
        ['钟三', clear.household!, '龙岩技师学院', '护理', `${YEAR}秋`, '无'],
        ['钟四', clear.notPoor!, '龙岩技师学院', '护理', `${YEAR}秋`, '无'],
        ['无名', clear.unknown!, '龙岩技师学院', '护理', `${YEAR}秋`, ''],
        ['张五', clear.ninghua!, '龙岩技师学院', '护理', `${YEAR}秋`, '无'],
      ]);
      const res = await upload(
        '学籍资助.xlsx',
        content,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.statusCode).toBe(303);
      const check = await ctx.db.techSchoolAidCheck.findFirstOrThrow();
      // 6 rows; in the registry and 长汀: 钟一–钟四 = 4; of poor families: 钟一, 钟二, 钟三 (through 钟父) = 3.
      expect(check).toMatchObject({ rows: 6, matched: 4, poor: 3, regionCode: '350821' });
      const findings = await ctx.db.techSchoolAidFinding.findMany({ orderBy: [{ rowNumber: 'asc' }, { kind: 'asc' }] });
      expect(findings.map((f) => [f.rowNumber, f.kind, f.missingKinds, f.placeState])).toEqual([
        [2, 'aid_missing', ['state_grant'], null],
        [3, 'not_enrolled', [], null],
        [4, 'aid_missing', ['fee_waiver', 'state_grant'], null],
        [4, 'not_enrolled', [], null],
      ]);
      expect(findings[0]).toMatchObject({ name: '钟*', regionCode: '350821', labourerId: students.missingGrant!.id });
      // No ID number is kept or written in clear: the findings hold it masked, the audit not at all.
      const kept = JSON.stringify(
        [findings, await ctx.db.auditLog.findMany(), await ctx.db.techSchoolAidCheck.findMany()],
        (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v),
      );
      for (const number of Object.values(clear)) expect(kept).not.toContain(number);
      expect(findings[0]!.idNumberMasked).toMatch(/^350821\*{8}\d{3}[\dX]$/);
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.aid_check' } })).toBe(1);

      const shown = await page.get(`/technical-schools/aid-check?check=${check.id}&regionCode=350821`);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('共 6 行，本地区登记在册 4 人，其中建档立卡贫困家庭学生 3 人');
      expect(shown.body).toContain('没有享受：国家助学金');
      expect(shown.body).toContain('没有享受：免学费、国家助学金');
      expect(shown.body).toContain('平台记录：未登记');
      expect(shown.body).toMatch(/<th scope="row">龙岩市长汀县<\/th><td class="num">2<\/td><td class="num">2<\/td>/);
      const file = await page.get(`/technical-schools/aid-check/export?format=csv&check=${check.id}`);
      expect(file.statusCode).toBe(200);
      expect(file.body).toContain('应享未享资助');
      expect(file.body).toContain(findings[0]!.idNumberMasked);
      for (const number of Object.values(clear)) expect(file.body).not.toContain(number);
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.aid_check_export' } })).toBe(1);
      // 宁化's officer sees the check made over 长汀 not at all.
      const away = await new PageClient(ctx).signIn('aid.ninghua');
      expect((await away.get('/technical-schools/aid-check')).body).toContain('还没有比对过。');
    });
  });

  describe('green channel, internships, graduation and job placement', () => {
    const careers: Record<string, string> = {};
    let employer: { id: string; name: string };
    let away: { id: string };
    let vacancy: { id: string };
    let awayVacancy: { id: string };
    const stepTo = async (id: string) => {
      for (const to of ['placed', 'enrolled'])
        expect((await call(officer, 'POST', `/api/v1/technical-schools/places/${id}/state`, { to })).statusCode).toBe(
          200,
        );
    };
    const internship = (over: object = {}) => ({
      employerId: employer.id,
      post: '挡车工',
      startOn: `${YEAR}-03-01`,
      endOn: `${YEAR}-06-30`,
      ...over,
    });

    beforeAll(async () => {
      employer = await createEmployer(ctx.db, { regionCode: '350821', name: '长汀纺织有限公司' });
      away = await createEmployer(ctx.db, { regionCode: '350424', name: '宁化食品有限公司' });
      vacancy = await createVacancy(ctx.db, employer.id, { title: '机修工' });
      awayVacancy = await createVacancy(ctx.db, away.id, { regionCode: '350424' });
      careers.second = await enrolledPlace('罗小强');
      careers.page = await enrolledPlace('罗小勇');
    });

    it('records the green channel: exam-free admission and the order class wished; names a wrong one', async () => {
      const made = await call(officer, 'POST', '/api/v1/technical-schools/places', {
        householdLabourerId: family.id,
        childName: '罗小华',
        leftLevel: 'junior',
        leftYear: YEAR,
        schoolName: '龙岩技师学院',
        programme: '纺织技术',
        year: YEAR,
        examFree: true,
        orderClass: '长汀纺织订单班',
      });
      expect(made.statusCode).toBe(201);
      expect(made.json()).toMatchObject({ examFree: true, orderClass: '长汀纺织订单班', graduatedOn: null });
      careers.first = made.json().id;
      await stepTo(careers.first!);
      const bad = await call(officer, 'POST', '/api/v1/technical-schools/places', {
        householdLabourerId: family.id,
        childName: '罗小兰',
        leftLevel: 'junior',
        leftYear: YEAR,
        schoolName: '龙岩技师学院',
        programme: '护理',
        year: YEAR,
        examFree: 'maybe',
        orderClass: '班'.repeat(61),
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['examFree', 'orderClass']);
      // The form: the checkbox and the text, a refusal next to the field.
      const page = await new PageClient(ctx).signIn('aid.changting');
      const form = await page.get('/technical-schools');
      expect(form.body).toContain('name="examFree"');
      expect(form.body).toContain('name="orderClass"');
      const refused = await page.post('/technical-schools', { examFree: 'true', orderClass: '班'.repeat(61) });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain("id='orderClass-error'");
      expect(refused.body).toMatch(/name="examFree" value="true" checked/);
      const listed = await page.get(`/technical-schools?year=${YEAR}`);
      expect(listed.body).toContain('免试入学（绿色通道）');
      expect(listed.body).toContain('长汀纺织订单班');
    });

    it('records internships at a platform employer of the region or a named one; refuses the rest', async () => {
      const url = `/api/v1/technical-schools/students/${careers.first}/internships`;
      const onPlatform = await call(officer, 'POST', url, internship());
      expect(onPlatform.statusCode).toBe(201);
      expect(onPlatform.json()).toMatchObject({ employerId: employer.id, employerName: '长汀纺织有限公司' });
      const named = await call(
        officer,
        'POST',
        url,
        internship({ employerId: undefined, employerName: '厦门精工机械厂', post: '钳工' }),
      );
      expect(named.statusCode).toBe(201);
      expect(named.json()).toMatchObject({ employerId: null, employerName: '厦门精工机械厂' });
      const detail = async (body: object) => (await call(officer, 'POST', url, body)).json().details[0];
      expect(await detail(internship({ employerId: away.id }))).toMatchObject({
        field: 'employerId',
        code: 'not_in_region',
      });
      expect(await detail(internship({ employerId: undefined }))).toMatchObject({ field: 'employerName' });
      expect(await detail(internship({ endOn: `${YEAR}-02-01` }))).toMatchObject({
        field: 'endOn',
        code: 'before_start',
      });
      const malformed = await call(officer, 'POST', url, { post: '', startOn: 'March', endOn: '' });
      expect(malformed.statusCode).toBe(400);
      expect(
        malformed
          .json()
          .details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['endOn', 'post', 'startOn']);
      // Another county's officer: no such student (404); an employer's account: not theirs to call (403).
      expect((await call(ninghua, 'GET', url)).statusCode).toBe(404);
      expect((await call(ninghua, 'POST', url, internship({ employerId: away.id }))).statusCode).toBe(404);
      await createUser(ctx.db, { role: 'employer', employerId: employer.id, username: 'aid.employer' });
      expect((await call(await bearer(ctx, 'aid.employer'), 'GET', url)).statusCode).toBe(403);
      // A child not yet enrolled has no internship.
      const wished = await call(
        officer,
        'POST',
        `/api/v1/technical-schools/students/${ids.wished}/internships`,
        internship(),
      );
      expect(wished.statusCode).toBe(409);
      const list = (await call(officer, 'GET', url)).json().items;
      expect(list.map((i: { employerName: string }) => i.employerName).sort()).toEqual([
        '厦门精工机械厂',
        '长汀纺织有限公司',
      ]);
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.internship' } })).toBe(2);
    });

    it('graduates a student with the job placed in, the vacancy of a platform employer; a job later for another', async () => {
      const url = `/api/v1/technical-schools/students/${careers.first}/graduation`;
      const job = { graduatedOn: TODAY, employerId: employer.id, jobTitle: '机修工', startOn: TODAY };
      const wrongVacancy = await call(officer, 'POST', url, { ...job, vacancyId: awayVacancy.id });
      expect(wrongVacancy.json().details[0]).toMatchObject({ field: 'vacancyId', code: 'not_of_employer' });
      const future = await call(officer, 'POST', url, { ...job, graduatedOn: `${YEAR + 1}-07-01` });
      expect(future.json().details[0]).toMatchObject({ field: 'graduatedOn', code: 'future' });
      const noStart = await call(officer, 'POST', url, { ...job, startOn: undefined });
      expect(noStart.json().details[0]).toMatchObject({ field: 'startOn', code: 'required' });
      expect((await call(ninghua, 'POST', url, job)).statusCode).toBe(404);
      const done = await call(officer, 'POST', url, { ...job, vacancyId: vacancy.id });
      expect(done.statusCode).toBe(200);
      expect(done.json().student).toMatchObject({ state: 'graduated', graduatedOn: TODAY, examFree: true });
      expect(done.json().placement).toMatchObject({
        employerId: employer.id,
        employerName: '长汀纺织有限公司',
        vacancyId: vacancy.id,
        jobTitle: '机修工',
        startOn: TODAY,
      });
      expect((await call(officer, 'POST', url, job)).statusCode).toBe(409);
      // A graduate is no longer sent on internships, and takes no more steps.
      const late = `/api/v1/technical-schools/students/${careers.first}/internships`;
      expect((await call(officer, 'POST', late, internship())).statusCode).toBe(409);
      // Graduated without a job; the job recorded afterwards by the same call.
      const second = `/api/v1/technical-schools/students/${careers.second}/graduation`;
      const bare = await call(officer, 'POST', second, { graduatedOn: TODAY });
      expect(bare.statusCode).toBe(200);
      expect(bare.json()).toMatchObject({ student: { state: 'graduated' }, placement: null });
      const later = await call(officer, 'POST', second, {
        graduatedOn: TODAY,
        employerName: '厦门精工机械厂',
        jobTitle: '钳工',
        startOn: TODAY,
      });
      expect(later.statusCode).toBe(200);
      expect(later.json().placement).toMatchObject({ employerId: null, employerName: '厦门精工机械厂' });
      expect(await ctx.db.auditLog.count({ where: { action: 'training.tech_school.graduation' } })).toBe(3);
      // A wished child cannot graduate.
      const wished = `/api/v1/technical-schools/students/${ids.wished}/graduation`;
      expect((await call(officer, 'POST', wished, { graduatedOn: TODAY })).statusCode).toBe(409);
    });

    it('shows the internship and graduation forms on the student page; refusals next to the field', async () => {
      const page = await new PageClient(ctx).signIn('aid.changting');
      const base = `/technical-schools/students/${careers.page}`;
      const shown = await page.get(base);
      expect(shown.body).toContain(`action="${base}/internships"`);
      expect(shown.body).toContain(`action="${base}/graduation"`);
      expect(shown.body).toContain('长汀纺织有限公司');
      expect(shown.body).toContain('机修工 · 长汀纺织有限公司');
      const empty = await page.post(`${base}/internships`, { employerId: '', employerName: '', post: '' });
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain("id='in-post-error'");
      expect(empty.body).toContain('实习岗位');
      const saved = await page.post(`${base}/internships`, {
        employerId: employer.id,
        employerName: '',
        post: '挡车工',
        startOn: `${YEAR}-03-01`,
        endOn: `${YEAR}-06-30`,
      });
      expect(saved.statusCode).toBe(303);
      expect((await page.get(base)).body).toContain(`长汀纺织有限公司 · 挡车工 · ${YEAR}-03-01 至 ${YEAR}-06-30`);
      const noStart = await page.post(`${base}/graduation`, { graduatedOn: TODAY, jobTitle: '挡车工', startOn: '' });
      expect(noStart.statusCode).toBe(422);
      expect(noStart.body).toContain("id='gr-startOn-error'");
      const graduated = await page.post(`${base}/graduation`, { graduatedOn: TODAY });
      expect(graduated.statusCode).toBe(303);
      const after = await page.get(base);
      expect(after.body).toContain('已毕业');
      expect(after.body).toContain('还没有就业记录。');
      expect(after.body).toContain('登记就业');
      expect(after.body).not.toContain(`action="${base}/internships"`);
      const away = await new PageClient(ctx).signIn('aid.ninghua');
      expect((await away.get(base)).statusCode).toBe(404);
    });
  });

  describe('aid coverage in the indicators', () => {
    it('counts 上杭’s hand-made students for a quarter, with the clause', async () => {
      // The rows of the hand-worked case above, as places and aid of 上杭 (350823).
      const rows: [number, string | null, [string, string][], string][] = [
        [
          2026,
          '2026-09-01',
          [
            ['fee_waiver', '2026-09-10'],
            ['state_grant', '2026-09-20'],
          ],
          'enrolled',
        ],
        [2026, '2026-09-01', [['state_grant', '2026-09-20']], 'enrolled'],
        [2025, '2025-09-01', [['fee_waiver', '2026-03-01']], 'enrolled'],
        [2024, '2024-09-01', [['scholarship', '2026-07-15']], 'enrolled'],
        [2023, '2023-09-01', [['fee_waiver', '2026-08-01']], 'enrolled'],
        [2026, '2026-10-08', [['fee_waiver', '2026-10-10']], 'enrolled'],
        [2026, null, [], 'placed'],
      ];
      for (const [i, [year, enrolledOn, aid, state]] of rows.entries()) {
        const place = await ctx.db.techSchoolPlace.create({
          data: {
            householdLabourerId: family.id,
            childName: `上杭学生${i + 1}`,
            regionCode: '350823',
            leftLevel: 'junior',
            leftYear: year,
            schoolName: '龙岩技师学院',
            programme: '数控加工',
            year,
            state: state as 'enrolled' | 'placed',
            enrolledAt: enrolledOn ? new Date(`${enrolledOn}T10:00:00+08:00`) : null,
          },
        });
        for (const [kind, grantedOn] of aid)
          await ctx.db.techSchoolAid.create({
            data: {
              placeId: place.id,
              kind: kind as 'fee_waiver',
              term: `${year}秋`,
              amountYuan: 1000,
              grantedOn: new Date(`${grantedOn}T00:00:00Z`),
              regionCode: '350823',
              recordedById: 'hand-made',
            },
          });
      }
      const admin = await createUser(ctx.db, { role: 'admin', username: 'aid.admin' });
      expect(admin).toBeTruthy();
      const headers = await bearer(ctx, 'aid.admin');
      const values = (
        await call(headers, 'GET', '/api/v1/indicators?regionCode=350823&from=2026-07-01&to=2026-09-30')
      ).json().values;
      // As worked by hand above: 4 in school, 1 fee waived, 3 aided, 75.0 %.
      expect(Object.fromEntries(AID_FIGURES.map((id) => [id, values[id]]))).toEqual({
        tech_school_in_school: 4,
        tech_school_fee_waived: 1,
        tech_school_aided: 3,
        tech_school_aid_coverage: 75,
      });
      const definitions = (await call(headers, 'GET', '/api/v1/indicators/definitions')).json();
      const coverage = definitions.items.find((d: { id: string }) => d.id === 'tech_school_aid_coverage');
      expect(coverage).toMatchObject({ group: 'skills', unit: 'percent' });
      expect(coverage.clause).toContain('§3(3)');
      expect(coverage.clause).toContain('§7(2)');
    });

    it('counts 上杭’s hand-made graduates placed in jobs for a quarter, with the clause', async () => {
      // The graduates of the hand-worked case above, as places of 上杭 (350823) graduated (never counted
      // in school: no enrolment time), with their jobs.
      for (const [i, [graduatedOn, jobStartOn]] of GRADUATES.entries()) {
        const place = await ctx.db.techSchoolPlace.create({
          data: {
            householdLabourerId: family.id,
            childName: `上杭毕业生${i + 1}`,
            regionCode: '350823',
            leftLevel: 'junior',
            leftYear: 2023,
            schoolName: '龙岩技师学院',
            programme: '数控加工',
            year: 2023,
            state: 'graduated',
            graduatedOn: new Date(`${graduatedOn}T00:00:00Z`),
          },
        });
        if (jobStartOn)
          await ctx.db.techSchoolPlacement.create({
            data: {
              placeId: place.id,
              employerName: '上杭紫金机械厂',
              jobTitle: '数控车工',
              startOn: new Date(`${jobStartOn}T00:00:00Z`),
              regionCode: '350823',
              recordedById: 'hand-made',
            },
          });
      }
      await createUser(ctx.db, { role: 'admin', username: 'grad.admin' });
      const headers = await bearer(ctx, 'grad.admin');
      const values = (
        await call(headers, 'GET', '/api/v1/indicators?regionCode=350823&from=2026-07-01&to=2026-09-30')
      ).json().values;
      // As worked by hand above: 4 graduated, 2 placed, 50.0 %; the aid coverage stays as it was.
      expect(Object.fromEntries(GRADUATE_FIGURES.map((id) => [id, values[id]]))).toEqual({
        tech_school_graduated: 4,
        tech_school_graduates_placed: 2,
        tech_school_graduate_placement_rate: 50,
      });
      expect(values.tech_school_in_school).toBe(4);
      const definitions = (await call(headers, 'GET', '/api/v1/indicators/definitions')).json();
      const rate = definitions.items.find((d: { id: string }) => d.id === 'tech_school_graduate_placement_rate');
      expect(rate).toMatchObject({ group: 'skills', unit: 'percent' });
      expect(rate.clause).toContain('§3(3)');
      expect(rate.clause).toContain('优先推荐就业');
    });
  });
});
