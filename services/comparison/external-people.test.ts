import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../tests/helpers/labourers.ts';
import { PiiCipher } from '../platform/crypto/pii.ts';
import { idCheckCharacter } from '../platform/crypto/id-number.ts';
import { ValidationError } from '../platform/errors/domain-errors.ts';
import type { RawRow } from './external-list.ts';
import { collectPeople } from './external-people.ts';

const pii = new PiiCipher('unit-test-secret-unit-test-secret-0001');
const hash = (id: string) => pii.hash(id);

/** Rows as a reader gives them: header first, numbered from 1. */
function table(rows: string[][]): RawRow[] {
  return rows.map((cells, index) => ({ rowNumber: index + 1, cells }));
}

function validationCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues[0]?.code;
    throw error;
  }
  return undefined;
}

describe('collecting the people of a list', () => {
  it('keys people by the keyed hash of the ID number and keeps only the masked number', () => {
    const id = makeIdNumber('350821', '19800101');
    const list = collectPeople(
      'training_records',
      table([
        ['姓名', '身份证号', '培训项目'],
        ['张三', id.toLowerCase(), '电工'],
      ]),
      hash,
    );
    const person = list.people.get(hash(id))!;
    expect(person).toMatchObject({ name: '张三', idMasked: `350821********${id.slice(-4)}`, rows: [2] });
    expect(JSON.stringify([...list.people.values()])).not.toContain(id);
  });

  it('finds the header below a title row and reports the header it read each field from', () => {
    const id = makeIdNumber();
    const list = collectPeople(
      'skills_appraisal',
      table([
        ['长汀县职业技能鉴定合格人员名单'],
        ['姓名', '公民身份号码', '职业（工种）', '等级'],
        ['李四', id, '电工', '四级'],
      ]),
      hash,
    );
    expect(list.headerRow).toBe(2);
    expect(list.columns).toEqual({ name: '姓名', idNumber: '公民身份号码', occupation: '职业（工种）', level: '等级' });
    expect(list.people.get(hash(id))?.detail).toBe('电工 · 四级');
  });

  it('refuses a list without an ID number column', () => {
    expect(validationCode(() => collectPeople('poverty_office', table([['姓名'], ['张三']]), hash))).toBe(
      'no_id_column',
    );
  });

  it('refuses an employment registration without a status or employer column', () => {
    expect(
      validationCode(() =>
        collectPeople(
          'employment_registration',
          table([
            ['姓名', '身份证号'],
            ['张三', makeIdNumber()],
          ]),
          hash,
        ),
      ),
    ).toBe('missing_columns_employment_registration');
  });

  it('lists every row with a missing or invalid ID number as a problem, never in clear', () => {
    const good = makeIdNumber();
    const badChecksum = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const impossible = '35082119900230123';
    const list = collectPeople(
      'training_records',
      table([
        ['姓名', '身份证号'],
        ['甲', ''],
        ['乙', badChecksum],
        ['丙', '350821900101123'],
        ['丁', impossible + idCheckCharacter(impossible)],
        ['戊', 'unknown'],
        ['己', good],
      ]),
      hash,
    );
    expect(list.problems.map((p) => [p.row, p.name, p.reason])).toEqual([
      [2, '甲', 'id_missing'],
      [3, '乙', 'id_checksum'],
      [4, '丙', 'id_legacy_15_digits'],
      [5, '丁', 'id_birth_date'],
      [6, '戊', 'id_format'],
    ]);
    expect(list.problems[1]).toMatchObject({ column: '身份证号', value: `350821********${badChecksum.slice(-4)}` });
    expect(JSON.stringify(list.problems)).not.toContain(badChecksum);
    expect(list.people.size).toBe(1);
    expect(list.dataRows).toBe(6);
  });

  it('reports an ID number stored as a spreadsheet number (in XLSX or written to CSV): its last digits are lost', () => {
    const id = makeIdNumber();
    const rows: RawRow[] = [
      { rowNumber: 1, cells: ['姓名', '身份证号'] },
      { rowNumber: 2, cells: ['张三', String(Number(id.slice(0, 17)) * 10)], numeric: new Set([1]) },
    ];
    rows.push({ rowNumber: 3, cells: ['李四', '3.50821E+17'] });
    expect(collectPeople('training_records', rows, hash).problems.map((p) => p.reason)).toEqual([
      'id_stored_as_number',
      'id_stored_as_number',
    ]);
  });

  it('merges several rows of one person, but flags a repeat in the poverty office’s export', () => {
    const id = makeIdNumber();
    const rows = table([
      ['姓名', '身份证号', '培训项目', '脱贫状态'],
      ['张三', id, '电工', '已脱贫'],
      ['张三', id, '焊工', '已脱贫'],
    ]);
    const training = collectPeople('training_records', rows, hash);
    expect(training.people.get(hash(id))).toMatchObject({ rows: [2, 3], detail: '电工、焊工' });
    expect(training.problems).toEqual([]);
    const poverty = collectPeople('poverty_office', rows, hash);
    expect(poverty.people.get(hash(id))?.rows).toEqual([2]);
    expect(poverty.problems).toEqual([expect.objectContaining({ row: 3, reason: 'duplicate_id' })]);
  });

  it('takes the latest employment registration, an employer meaning employed', () => {
    const a = makeIdNumber();
    const b = makeIdNumber();
    const list = collectPeople(
      'employment_registration',
      table([
        ['姓名', '身份证号', '就业状态', '就业单位', '登记日期'],
        ['甲', a, '已就业', '恒昌电子厂', '2024-03-01'],
        ['甲', a, '失业', '', '2023/1/5'],
        ['乙', b, '', '长汀县家政服务公司', ''],
      ]),
      hash,
    );
    expect(list.people.get(hash(a))?.employment).toEqual({ state: 'employed', text: '已就业 · 恒昌电子厂' });
    expect(list.people.get(hash(b))?.employment).toEqual({ state: 'employed', text: '长汀县家政服务公司' });
  });

  it('lists a status word it does not understand, and still uses the row', () => {
    const id = makeIdNumber();
    const list = collectPeople(
      'employment_registration',
      table([
        ['姓名', '身份证号', '就业状态'],
        ['甲', id, '见备注'],
      ]),
      hash,
    );
    expect(list.problems).toEqual([
      { row: 2, column: '就业状态', reason: 'value_not_understood', value: '见备注', name: '甲' },
    ]);
    expect(list.people.get(hash(id))?.employment).toBeUndefined();
  });

  it('reads pension enrolment from insurance rows: any active 养老 row wins, other insurances are named', () => {
    const [active, lapsed, other, drawing] = [makeIdNumber(), makeIdNumber(), makeIdNumber(), makeIdNumber()];
    const list = collectPeople(
      'social_insurance',
      table([
        ['姓名', '身份证号', '参保险种', '参保状态'],
        ['甲', active, '城乡居民基本养老保险', '暂停缴费'],
        ['甲', active, '城乡居民基本养老保险', '正常缴费'],
        ['乙', lapsed, '城乡居民基本养老保险', '终止参保'],
        ['丙', other, '基本医疗保险', '正常缴费'],
        ['丙', other, '失业保险', '正常缴费'],
        ['丁', drawing, '城乡居民基本养老保险', '待遇领取'],
      ]),
      hash,
    );
    expect(list.people.get(hash(active))?.pension?.state).toBe('enrolled');
    expect(list.people.get(hash(lapsed))?.pension).toEqual({
      state: 'not_enrolled',
      text: '城乡居民基本养老保险 · 终止参保',
    });
    expect(list.people.get(hash(other))?.pension).toEqual({ state: 'not_enrolled', text: '基本医疗保险、失业保险' });
    expect(list.people.get(hash(drawing))?.pension?.state).toBe('enrolled');
  });

  it('places a person by the list’s region code, else by the region that issued the ID number', () => {
    const a = makeIdNumber('350821');
    const b = makeIdNumber('350424');
    const list = collectPeople(
      'poverty_office',
      table([
        ['姓名', '身份证号', '户籍区划'],
        ['甲', a, '350821100201'],
        ['乙', b, '宁化县'],
      ]),
      hash,
    );
    expect(list.people.get(hash(a))?.regionCode).toBe('350821100201');
    expect(list.people.get(hash(b))?.regionCode).toBe('350424');
  });
});
