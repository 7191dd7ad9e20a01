import { idCheckCharacter } from '../../../services/platform/crypto/id-number.ts';
import { creditCodeCheck } from '../../../services/platform/validation/credit-code.ts';
import type { FieldInfo, FormInfo } from './types.ts';

/**
 * What the walk types into a form. `defaults` leaves the page's values; `empty` clears everything a
 * person can clear (hidden fields and the CSRF token stay); `typical` gives every field a value a
 * real user would plausibly enter. On a POST form, `typical` leaves what the page filled in (an
 * edit form's saved values, a default the server chose) and fills what is blank, as a person
 * completing or correcting a form does: retyping a saved person's region would move them out of
 * the county whose officer is walking the site at the same time.
 */
export type FillMode = 'defaults' | 'empty' | 'typical';

/** One change to one field, by its position among the form's inputs, selects, textareas and buttons. */
export type Fill =
  | { index: number; name: string; kind: 'value'; value: string }
  | { index: number; name: string; kind: 'checked'; checked: boolean }
  | { index: number; name: string; kind: 'selected'; values: string[] };

/** Things a typical value must not repeat: two registrations with one ID number would conflict. */
export interface FillContext {
  today: Date;
  /** Distinct per submission, so unique fields (ID numbers, user names, credit codes) never collide. */
  serial: number;
}

const TEXT_TYPES = new Set(['text', 'search', 'tel', 'email', 'url', 'password', 'number', 'textarea', '']);
const BUTTON_TYPES = new Set(['submit', 'button', 'reset', 'image']);

export function isEditable(field: FieldInfo): boolean {
  return (
    field.tag !== 'button' &&
    !BUTTON_TYPES.has(field.type) &&
    field.type !== 'hidden' &&
    !field.disabled &&
    !field.readOnly &&
    field.name !== ''
  );
}

export function fillPlan(form: FormInfo, mode: FillMode, context: FillContext): Fill[] {
  if (mode === 'defaults') return [];
  const fills: Fill[] = [];
  const groupsDone = new Set<string>();
  const keepFilled = mode === 'typical' && form.method === 'post';
  form.fields.forEach((field, index) => {
    if (!isEditable(field)) return;
    const { name } = field;
    if (keepFilled && field.type !== 'checkbox' && field.type !== 'radio' && field.value.trim() !== '') return;
    if (field.type === 'checkbox' || field.type === 'radio') {
      if (mode === 'empty') {
        fills.push({ index, name, kind: 'checked', checked: false });
      } else if (!groupsDone.has(name)) {
        // One choice per group: the first radio, the first box of a list of boxes.
        groupsDone.add(name);
        fills.push({ index, name, kind: 'checked', checked: true });
      }
      return;
    }
    if (field.type === 'file') return;
    if (field.tag === 'select') {
      const choices = field.options.filter((o) => !o.disabled && o.value !== '');
      if (mode === 'empty') {
        const blank = field.options.some((o) => o.value === '');
        if (blank || field.type === 'select-multiple') {
          fills.push({ index, name, kind: 'selected', values: blank && field.type !== 'select-multiple' ? [''] : [] });
        }
      } else if (choices[0]) {
        fills.push({ index, name, kind: 'selected', values: [choices[0].value] });
      }
      return;
    }
    fills.push({ index, name, kind: 'value', value: mode === 'empty' ? '' : typicalText(field, context) });
  });
  return fills;
}

/** True when the form has nothing a person could leave empty: sending it "empty" is sending it as is. */
export function hasEditableFields(form: FormInfo): boolean {
  return form.fields.some((field) => isEditable(field) && field.type !== 'file');
}

/** The button a person would press: the form's first submit button, if any. */
export function submitterIndex(form: FormInfo): number | undefined {
  const index = form.fields.findIndex(
    (f) =>
      !f.disabled &&
      ((f.tag === 'button' && f.type === 'submit') ||
        (f.tag === 'input' && (f.type === 'submit' || f.type === 'image'))),
  );
  return index === -1 ? undefined : index;
}

/** A value for a text-like, date or number field, chosen from its name, label, type and limits. */
export function typicalText(field: FieldInfo, context: FillContext): string {
  const value = byKind(field, context);
  return TEXT_TYPES.has(field.type) ? clip(value, field.maxLength) : value;
}

function byKind(field: FieldInfo, context: FillContext): string {
  const name = field.name.toLowerCase();
  const label = field.label;
  const { today, serial } = context;
  switch (field.type) {
    case 'date':
      return withinLimits(isoDate(addDays(today, dateOffset(name))), field);
    case 'datetime-local':
      return withinLimits(
        `${isoDate(addDays(today, dateOffset(name)))}T${/end/.test(name) ? '17:00' : '09:00'}`,
        field,
      );
    case 'month':
      return withinLimits(isoDate(today).slice(0, 7), field);
    case 'time':
      return /end|to/.test(name) ? '07:00' : '22:00';
    case 'email':
      return `walk${serial}@example.com`;
    case 'url':
      return 'https://example.com/';
    case 'password':
      return 'WorkBridge-walk-1';
  }
  if (/idnumber|身份证/i.test(name + label)) return idNumber(serial);
  if (/phone|mobile|手机|电话/i.test(name + label)) return `139${String(10_000_000 + serial * 7919).slice(-8)}`;
  if (/creditcode|信用代码/i.test(name + label)) return creditCode(serial);
  if (name === 'username') return `walk${serial}`;
  if (name === 'lat') return '25.84';
  if (name === 'lng') return '116.36';
  if (field.type === 'number' || field.inputMode === 'numeric' || field.inputMode === 'decimal') {
    return withinLimits(String(typicalNumber(name, today)), field);
  }
  if (name === 'q' || field.type === 'search') return '电工';
  if (name === 'code') return 'ABCD2345';
  if (/contactname|escortname/.test(name) || /姓名|联系人/.test(label)) return '陈明';
  if (name === 'name' && /单位|企业|公司|车间|名称|站/.test(label)) return `长汀示例车间${serial}`;
  if (name === 'name') return '陈明';
  if (/address|place/.test(name)) return '长汀县汀州镇兆征路 8 号';
  if (name === 'title') return /会|fair/i.test(label) ? `春风行动专场招聘会${serial}` : '仓库管理员';
  if (/note|reason|description|body|intro/.test(name) || field.tag === 'textarea') return '走访核实，情况属实。';
  return `示例${label
    .replace(/[（(].*$/, '')
    .trim()
    .slice(0, 8)}`;
}

function dateOffset(name: string): number {
  if (/birth/.test(name)) return -12_000;
  if (/expires|deadline|until/.test(name)) return 30;
  if (/ends|endsat/.test(name)) return 14;
  if (/starts|available|departure|interview|startdate/.test(name)) return 14;
  // Something that happened (arrived, started, a follow-up, a report period's end): today.
  return 0;
}

function typicalNumber(name: string, today: Date): number {
  if (/wagemax/.test(name)) return 6000;
  if (/wage|salary|pay/.test(name)) return 4500;
  if (/agemin/.test(name)) return 18;
  if (/agemax/.test(name)) return 50;
  if (/year/.test(name)) return today.getUTCFullYear();
  if (/subsidy|amount/.test(name)) return 500;
  if (/hours/.test(name)) return 40;
  if (/grade/.test(name)) return 3;
  if (/target|capacity/.test(name)) return 20;
  return 5;
}

function withinLimits(value: string, field: FieldInfo): string {
  if (field.min && value < field.min && !/^\d+$/.test(value)) return field.min;
  if (field.max && value > field.max && !/^\d+$/.test(value)) return field.max;
  if (/^\d+$/.test(value)) {
    let n = Number(value);
    if (field.min !== '' && n < Number(field.min)) n = Number(field.min);
    if (field.max !== '' && n > Number(field.max)) n = Number(field.max);
    return String(n);
  }
  return value;
}

function clip(value: string, maxLength: number): string {
  return maxLength > 0 ? value.slice(0, maxLength) : value;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A valid ID number of a man from 长汀县 born 1985-03-07, distinct per serial. */
export function idNumber(serial: number): string {
  const sequence = String(((serial * 2 + 1) % 1000) | 1).padStart(3, '0');
  const first17 = `35082119850307${sequence}`;
  return first17 + idCheckCharacter(first17);
}

function creditCode(serial: number): string {
  const first17 = `91350821${String(100_000_000 + serial).slice(-9)}`;
  return first17 + creditCodeCheck(first17);
}
