import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageClient } from '../helpers/pages.ts';
import { TEST_PASSWORD } from '../helpers/factories.ts';
import type { TestContext } from '../helpers/test-context.ts';
import { securityContext } from './fixture.ts';

/** `next` as sent (already URL-encoded for the query string) → where sign-in may send the browser. */
const NEXT_TABLE: Array<[string, string]> = [
  ['/jobs', '/jobs'],
  ['/jobs%3Fq%3D%E7%94%B5%E5%B7%A5', '/jobs?q=%E7%94%B5%E5%B7%A5'],
  ['/labourers/abc%23top', '/labourers/abc#top'],
  ['%2F%09%2Fevil.example', '/'],
  ['%2F%0A%2Fevil.example', '/'],
  ['%2F%0D%2Fevil.example', '/'],
  ['%2F%2Fevil.example', '/'],
  ['%2F%5Cevil.example', '/'],
  ['%5C%5Cevil.example', '/'],
  ['%2F%5C%2Fevil.example', '/'],
  ['https%3A%2F%2Fevil.example%2F', '/'],
  ['%2F%2F%2Fevil.example', '/'],
  ['%2F.%2F%2Fevil.example', '/'],
  ['%2F..%2F%2Fevil.example', '/'],
  ['%2F%E3%80%80%2Fevil.example', '/'],
  ['%2Fjobs%E3%80%80', '/'],
  ['%2F%0D%0ASet-Cookie%3A%20x%3D1', '/'],
  ['javascript%3Aalert(1)', '/'],
  ['evil.example', '/'],
  ['', '/'],
  ['%20%2Fjobs', '/'],
];

describe('where sign-in sends the browser next', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await securityContext();
  });
  afterAll(() => ctx.close());

  it.each(NEXT_TABLE)('signs in with next=%s and goes to %s', async (next, expected) => {
    const client = new PageClient(ctx);
    const form = await client.get(`/login?next=${next}`);
    expect(form.statusCode).toBe(200);
    const sent = decodeURIComponent(next);
    const response = await client.post('/login', { username: 'labourer.demo', password: TEST_PASSWORD, next: sent });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(expected);
    // A signed-in visit to the sign-in page redirects too, by the same rule.
    const again = await client.get(`/login?next=${next}`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(expected);
  });

  it.each(['%00', '%2F%00evil'])('answers next=%s with 400, not a server fault', async (next) => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/login?next=${next}`,
      headers: { accept: 'text/html' },
    });
    expect(response.statusCode).toBe(400);
  });
});
