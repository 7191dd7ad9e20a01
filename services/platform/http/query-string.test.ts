import { describe, expect, it } from 'vitest';
import { parseQueryString } from './query-string.ts';

describe('parseQueryString', () => {
  it('leaves out empty and blank values, as a GET form sends them', () => {
    expect({ ...parseQueryString('q=%E7%BC%9D%E7%BA%AB&regionCode=&minWage=+&sort=') }).toEqual({ q: '缝纫' });
  });

  it('gives a repeated name as a list, without its empty values', () => {
    expect({ ...parseQueryString('ids=a&ids=&ids=b') }).toEqual({ ids: ['a', 'b'] });
    expect({ ...parseQueryString('ids=a&ids=') }).toEqual({ ids: 'a' });
  });

  it('keeps a parameter named like an object property as a plain value', () => {
    const query = parseQueryString('__proto__=x&constructor=y');
    expect(query['__proto__']).toBe('x');
    expect(query['constructor']).toBe('y');
    expect(Object.getPrototypeOf(query)).toBeNull();
  });
});
