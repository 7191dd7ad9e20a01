import { describe, expect, it } from 'vitest';
import { formKey, formRule, linkSkipReason } from './policy.ts';
import type { FieldInfo, FormInfo } from './types.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const at = (path: string) => new URL(path, ORIGIN);

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

function form(method: 'get' | 'post', action: string, fields: FieldInfo[]): FormInfo {
  return { index: 0, method, action: `${ORIGIN}${action}`, enctype: 'application/x-www-form-urlencoded', fields };
}

describe('linkSkipReason', () => {
  it('follows the pages of the site', () => {
    expect(linkSkipReason(at('/labourers/1?page=2'), ORIGIN, false)).toBeUndefined();
    expect(linkSkipReason(at('/fairs/1/registrations?checkedIn=false'), ORIGIN, false)).toBeUndefined();
  });

  it('skips downloads, the language switch, the API, other sites and signing out', () => {
    expect(linkSkipReason(at('/labourers/export?format=csv'), ORIGIN, false)).toBe('an export download');
    expect(linkSkipReason(at('/imports/1/error-report'), ORIGIN, false)).toBe('an export download');
    expect(linkSkipReason(at('/fairs?lang=en'), ORIGIN, false)).toBe('the language switch');
    expect(linkSkipReason(at('/api/v1/regions'), ORIGIN, false)).toBe('not a page (API, docs, assets)');
    expect(linkSkipReason(new URL('tel:13800000000'), ORIGIN, false)).toBe('another site or scheme (tel:, mailto:)');
    expect(linkSkipReason(at('/report.pdf'), ORIGIN, true)).toBe('a download');
    expect(linkSkipReason(at('/logout'), ORIGIN, false)).toBe('signs out');
  });
});

describe('formRule', () => {
  const csrf = field({ type: 'hidden', name: '_csrf', value: 'abc123' });

  it('never submits forms that erase, broadcast or take final decisions', () => {
    expect(formRule(form('post', '/labourers/3f2a/erase', [csrf]))?.mode).toBe('never');
    expect(formRule(form('post', '/notifications/broadcasts', [csrf]))?.mode).toBe('never');
    expect(formRule(form('post', '/logout', [csrf]))?.mode).toBe('never');
  });

  it('tells the publishing button from the closing and pausing ones by the value it sends', () => {
    const status = (value: string) =>
      form('post', '/employer/vacancies/7b1c/status', [csrf, field({ type: 'hidden', name: 'status', value })]);
    expect(formRule(status('closed'))?.mode).toBe('never');
    // Pausing takes the job off the list the visitor's walk follows links from at the same time.
    expect(formRule(status('paused'))?.mode).toBe('never');
    expect(formRule(status('open'))).toBeUndefined();
  });

  it('submits everything else, and every GET form', () => {
    expect(formRule(form('post', '/employer/vacancies/new', [csrf]))).toBeUndefined();
    expect(formRule(form('get', '/labourers/1/erase', []))).toBeUndefined();
    expect(formRule(form('post', '/login', [csrf]))?.mode).toBe('empty-only');
  });
});

describe('formKey', () => {
  it('is one key for the same form on every record, and tells fixed hidden values apart', () => {
    const a = form('post', '/labourers/1a/matches/not-interested', [
      field({ type: 'hidden', name: '_csrf', value: 'x1' }),
      field({ type: 'hidden', name: 'vacancyId', value: 'v-123' }),
    ]);
    const b = form('post', '/labourers/2b/matches/not-interested', [
      field({ type: 'hidden', name: '_csrf', value: 'y2' }),
      field({ type: 'hidden', name: 'vacancyId', value: 'v-456' }),
    ]);
    expect(formKey(a)).toBe(formKey(b));
    expect(formKey(a)).toBe('POST /labourers/:id/matches/not-interested [vacancyId]');
    const pause = form('post', '/employer/vacancies/1/status', [
      field({ type: 'hidden', name: 'status', value: 'paused' }),
    ]);
    const open = form('post', '/employer/vacancies/1/status', [
      field({ type: 'hidden', name: 'status', value: 'open' }),
    ]);
    expect(formKey(pause)).not.toBe(formKey(open));
  });
});
