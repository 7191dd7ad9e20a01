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
  it('queues each URL once and at most the cap of each pattern', () => {
    const frontier = new Frontier(2, 100);
    expect(frontier.add(at('/labourers/a1'), '/')).toBe(true);
    expect(frontier.add(at('/labourers/a1#top'), '/')).toBe(false);
    expect(frontier.add(at('/labourers/a2'), '/')).toBe(true);
    expect(frontier.add(at('/labourers/a3'), '/')).toBe(false);
    expect(frontier.add(at('/jobs'), '/')).toBe(true);
    const order = [frontier.next()?.url, frontier.next()?.url, frontier.next()?.url, frontier.next()];
    expect(order).toEqual([
      'http://127.0.0.1:3000/labourers/a1',
      'http://127.0.0.1:3000/labourers/a2',
      'http://127.0.0.1:3000/jobs',
      undefined,
    ]);
  });

  it('stops at the page budget and says how many were left', () => {
    const frontier = new Frontier(5, 1);
    frontier.add(at('/a'), '/');
    frontier.add(at('/b'), '/');
    expect(frontier.next()?.url).toBe('http://127.0.0.1:3000/a');
    expect(frontier.next()).toBeUndefined();
    expect(frontier.left).toBe(1);
  });
});
