import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it.each([
    ['/jobs', '/jobs'],
    ['/jobs?q=电工&sort=', '/jobs?q=%E7%94%B5%E5%B7%A5&sort='],
    ['/labourers/1#history', '/labourers/1#history'],
    ['/a/../b', '/b'],
  ])('keeps the same-site path %s as %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\u0000/evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/.//evil.example',
    '/..//evil.example',
    '/%2e%2e//evil.example',
    '/\u3000/evil.example',
    '/jobs\u00a0',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    ' /jobs',
    undefined,
    ['/jobs'],
  ])('sends %j to the home page', (next) => {
    expect(safeNext(next)).toBe('/');
  });
});
