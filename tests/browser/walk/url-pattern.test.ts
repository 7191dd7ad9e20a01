import { describe, expect, it } from 'vitest';
import { Frontier } from './frontier.ts';
import { canonicalUrl, urlPattern } from './url-pattern.ts';

const at = (path: string) => new URL(path, 'http://127.0.0.1:3000');

describe('urlPattern', () => {
  it('counts pages that differ only by a record id as one pattern', () => {
    expect(urlPattern(at('/labourers/06951f2b-794f-4e9f-b972-7463fcc42d81'))).toBe('/labourers/:id');
    expect(urlPattern(at('/labourers/3ca3eeaf-5a0f-4f68-ae18-e1977645e99e/matches'))).toBe('/labourers/:id/matches');
    expect(urlPattern(at('/dashboard/350821'))).toBe('/dashboard/:id');
    expect(urlPattern(at('/fairs/new'))).toBe('/fairs/new');
  });

  it('keeps the names of query parameters but not their values', () => {
    expect(urlPattern(at('/jobs?page=2&q=缝纫'))).toBe('/jobs?page&q');
    expect(urlPattern(at('/jobs?q=电工&page=9'))).toBe('/jobs?page&q');
    expect(urlPattern(at('/jobs'))).toBe('/jobs');
  });
});

describe('canonicalUrl', () => {
  it('drops the fragment and orders the query', () => {
    expect(canonicalUrl(at('/jobs?q=a&page=2#results'))).toBe('http://127.0.0.1:3000/jobs?page=2&q=a');
  });
});

describe('Frontier', () => {
  it('admits each URL once and at most the cap of each pattern', () => {
    const frontier = new Frontier(2, 100);
    expect(frontier.admit(at('/labourers/a1'))).toBe('http://127.0.0.1:3000/labourers/a1');
    expect(frontier.admit(at('/labourers/a1#top'))).toBeUndefined();
    expect(frontier.admit(at('/labourers/a2'))).toBe('http://127.0.0.1:3000/labourers/a2');
    expect(frontier.admit(at('/labourers/a3'))).toBeUndefined();
    expect(frontier.admit(at('/jobs?sort=new&q=a'))).toBe('http://127.0.0.1:3000/jobs?q=a&sort=new');
  });

  it('counts a page seen another way (where a form landed) against its pattern', () => {
    const frontier = new Frontier(1, 100);
    frontier.visited(at('/fairs/f1'));
    expect(frontier.admit(at('/fairs/f1'))).toBeUndefined();
    expect(frontier.admit(at('/fairs/f2'))).toBeUndefined();
    expect(frontier.admit(at('/fairs'))).toBe('http://127.0.0.1:3000/fairs');
  });

  it('stops at the page budget and says how many were left', () => {
    const frontier = new Frontier(5, 1);
    expect(frontier.admit(at('/a'))).toBe('http://127.0.0.1:3000/a');
    expect(frontier.admit(at('/b'))).toBeUndefined();
    expect(frontier.admit(at('/c'))).toBeUndefined();
    expect(frontier.cutShort).toBe(2);
  });
});
