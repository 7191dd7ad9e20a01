import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const prodSecrets = { SESSION_SECRET: 's'.repeat(32), PII_KEY: 'p'.repeat(32), MEILI_MASTER_KEY: 'm'.repeat(32) };

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      logLevel: 'info',
      seedDemo: true,
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.meili.url).toBeUndefined();
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud', SESSION_SECRET: 'short' });
      expect.unreachable('loadConfig accepted a bad environment');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'SESSION_SECRET']);
    }
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET is required in production[\s\S]*PII_KEY/,
    );
    const secret = 'x'.repeat(32);
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, PII_KEY: secret, MEILI_MASTER_KEY: secret }).env,
    ).toBe('production');
  });

  it('requires a Meilisearch master key of at least 16 characters in production, not the public development key', () => {
    const secret = 'x'.repeat(32);
    const base = { NODE_ENV: 'production', SESSION_SECRET: secret, PII_KEY: secret };
    expect(() => loadConfig(base)).toThrow(/MEILI_MASTER_KEY is required in production/);
    expect(() => loadConfig({ ...base, MEILI_MASTER_KEY: 'short' })).toThrow(/MEILI_MASTER_KEY/);
    expect(loadConfig({ ...base, MEILI_MASTER_KEY: 'k'.repeat(16) }).meili.masterKey).toBe('k'.repeat(16));
    // Development keeps working out of the box.
    expect(loadConfig({}).meili.masterKey.length).toBeGreaterThanOrEqual(16);
  });

  it('trusts no proxy unless TRUST_PROXY says which', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', ...prodSecrets }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,loopback' }).trustProxy).toBe(
      '10.0.0.1,172.16.0.0/12,loopback',
    );
    expect(() => loadConfig({ TRUST_PROXY: 'my proxy' })).toThrow(/TRUST_PROXY/);
  });

  it("lowers an app-started Meilisearch's indexing priority to nice 10 unless MEILI_INDEXING_NICE says otherwise", () => {
    expect(loadConfig({}).meili.indexingNice).toBe(10);
    expect(loadConfig({ MEILI_INDEXING_NICE: '0' }).meili.indexingNice).toBe(0);
    expect(loadConfig({ MEILI_INDEXING_NICE: '' }).meili.indexingNice).toBe(10);
    expect(() => loadConfig({ MEILI_INDEXING_NICE: '20' })).toThrow(/MEILI_INDEXING_NICE/);
    expect(() => loadConfig({ MEILI_INDEXING_NICE: '-5' })).toThrow(/MEILI_INDEXING_NICE/);
  });

  it("lowers the embedded database's thread to nice 5 unless PGLITE_NICE says otherwise", () => {
    expect(loadConfig({}).pgliteNice).toBe(5);
    expect(loadConfig({ PGLITE_NICE: '0' }).pgliteNice).toBe(0);
    expect(() => loadConfig({ PGLITE_NICE: 'low' })).toThrow(/PGLITE_NICE/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', MEILI_URL: '', REDIS_URL: '' }).databaseUrl).toBeUndefined();
  });
});
