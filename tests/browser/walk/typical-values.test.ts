import { describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../services/platform/crypto/id-number.ts';
import { isValidCreditCode } from '../../../services/platform/validation/credit-code.ts';
import { fillPlan, hasEditableFields, idNumber, submitterIndex, typicalText } from './typical-values.ts';
import type { FieldInfo, FormInfo } from './types.ts';

function field(overrides: Partial<FieldInfo>): FieldInfo {
  return {
    tag: 'input',
    type: 'text',
    name: '',
    label: '',
    value: '',
    checked: false,
    required: false,
    disabled: false,
    readOnly: false,
    options: [],
    min: '',
    max: '',
    step: '',
    minLength: -1,
    maxLength: -1,
    pattern: '',
    inputMode: '',
    autocomplete: '',
    ...overrides,
  };
}

const context = { today: new Date('2026-12-05T08:00:00Z'), serial: 17 };
const option = (value: string, label = value) => ({ value, label, disabled: false });

const registration: FormInfo = {
  index: 0,
  method: 'post',
  action: 'http://127.0.0.1:3000/register',
  enctype: 'application/x-www-form-urlencoded',
  fields: [
    field({ type: 'hidden', name: '_csrf', value: 'token' }),
    field({ name: 'name', label: '姓名', required: true }),
    field({ name: 'idNumber', label: '身份证号', maxLength: 18 }),
    field({ name: 'phone', label: '手机号', inputMode: 'tel', maxLength: 11 }),
    field({
      tag: 'select',
      type: 'select-one',
      name: 'regionCode',
      options: [option('', '请选择'), option('350821', '长汀县')],
    }),
    field({ type: 'radio', name: 'mobility', value: 'county' }),
    field({ type: 'radio', name: 'mobility', value: 'province' }),
    field({ type: 'checkbox', name: 'needsAccommodation', value: 'true', checked: true }),
    field({ name: 'expectedWage', inputMode: 'numeric', maxLength: 6 }),
    field({ tag: 'button', type: 'submit', name: '' }),
  ],
};

describe('fillPlan', () => {
  it('leaves the page as served for defaults', () => {
    expect(fillPlan(registration, 'defaults', context)).toEqual([]);
  });

  it('clears what a person can clear and keeps hidden fields', () => {
    expect(fillPlan(registration, 'empty', context)).toEqual([
      { index: 1, name: 'name', kind: 'value', value: '' },
      { index: 2, name: 'idNumber', kind: 'value', value: '' },
      { index: 3, name: 'phone', kind: 'value', value: '' },
      { index: 4, name: 'regionCode', kind: 'selected', values: [''] },
      { index: 5, name: 'mobility', kind: 'checked', checked: false },
      { index: 6, name: 'mobility', kind: 'checked', checked: false },
      { index: 7, name: 'needsAccommodation', kind: 'checked', checked: false },
      { index: 8, name: 'expectedWage', kind: 'value', value: '' },
    ]);
  });

  it('gives each field one plausible value, one choice per group', () => {
    const plan = fillPlan(registration, 'typical', context);
    const byName = Object.fromEntries(plan.map((fill) => [fill.name, fill]));
    expect(byName.name).toMatchObject({ value: '陈明' });
    expect(parseIdNumber((byName.idNumber as { value: string }).value)).toMatchObject({
      ok: true,
      value: { regionCode: '350821' },
    });
    expect(byName.phone).toMatchObject({ value: expect.stringMatching(/^1\d{10}$/) });
    expect(byName.regionCode).toEqual({ index: 4, name: 'regionCode', kind: 'selected', values: ['350821'] });
    expect(plan.filter((fill) => fill.name === 'mobility')).toEqual([
      { index: 5, name: 'mobility', kind: 'checked', checked: true },
    ]);
    expect(byName.expectedWage).toMatchObject({ value: '4500' });
  });

  it('keeps what the page filled in on a POST form and fills only the blanks', () => {
    const saved: FormInfo = {
      ...registration,
      fields: registration.fields.map((f) =>
        f.name === 'name' ? { ...f, value: '李华' } : f.name === 'regionCode' ? { ...f, value: '350821' } : f,
      ),
    };
    const names = fillPlan(saved, 'typical', context).map((fill) => fill.name);
    expect(names).not.toContain('name');
    expect(names).not.toContain('regionCode');
    expect(names).toEqual(expect.arrayContaining(['idNumber', 'phone', 'mobility', 'expectedWage']));
    // A search form's typical submission gives every field a value, filled in or not.
    const search = { ...saved, method: 'get' as const };
    expect(fillPlan(search, 'typical', context).map((fill) => fill.name)).toEqual(
      expect.arrayContaining(['name', 'regionCode']),
    );
  });

  it('finds the submit button and whether anything is editable', () => {
    expect(submitterIndex(registration)).toBe(9);
    expect(hasEditableFields(registration)).toBe(true);
    expect(hasEditableFields({ ...registration, fields: [registration.fields[0]!, registration.fields[9]!] })).toBe(
      false,
    );
  });
});

describe('typicalText', () => {
  it('keeps dates, numbers and lengths within the field limits', () => {
    expect(typicalText(field({ type: 'date', name: 'expiresAt' }), context)).toBe('2027-01-04');
    expect(typicalText(field({ type: 'date', name: 'arrivedOn', max: '2026-12-01' }), context)).toBe('2026-12-01');
    expect(typicalText(field({ type: 'datetime-local', name: 'startsAt' }), context)).toBe('2026-12-19T09:00');
    expect(typicalText(field({ type: 'number', name: 'headcount', min: '1', max: '3' }), context)).toBe('3');
    expect(typicalText(field({ name: 'title', label: '岗位名称', maxLength: 3 }), context)).toBe('仓库管');
  });

  it('makes unique values valid and distinct per serial', () => {
    expect(idNumber(1)).not.toBe(idNumber(2));
    expect(parseIdNumber(idNumber(399))).toMatchObject({ ok: true, value: { sex: 'male' } });
    expect(isValidCreditCode(typicalText(field({ name: 'creditCode' }), context))).toBe(true);
  });
});
