import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { BACKGROUND_NICE } from '../thread-priority.ts';

const optionalUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.url({ message: 'must be a URL' }).optional(),
);
const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

// A secret must be long enough to key HMAC/AES; in development a fixed fallback keeps the app
// running out of the box, but production refuses to start without real secrets.
const secret = (name: string) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .min(32, { message: `${name} must be at least 32 characters` })
      .optional(),
  );

// Which proxies may set X-Forwarded-For: none by default, so a client cannot pick its own address
// (and with it a fresh sign-in budget). `true` trusts every hop, else a comma-separated list of
// addresses, CIDR ranges or proxy-addr's names (loopback, linklocal, uniquelocal).
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}
const trustProxy = z
  .preprocess((value) => (value === '' ? undefined : value), z.string().optional())
  .transform((value, ctx): boolean | string => {
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyEntry)) return entries.join(',');
    ctx.addIssue({ code: 'custom', message: 'true, false, or a comma-separated list of addresses/CIDRs' });
    return z.NEVER;
  });

/**
 * A whole-number setting (of the platform or of a module's section), between min and max; unset or
 * empty takes the default. Messages name the rule, and loadConfig prefixes the variable's name.
 */
export const wholeSetting = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number({ error: 'must be a whole number' })
      .int({ error: 'must be a whole number' })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: optionalUrl,
    DATA_DIR: z.string().min(1).default('./data'),
    MEILI_URL: optionalUrl,
    // Meilisearch itself refuses a production master key shorter than 16 bytes.
    MEILI_MASTER_KEY: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.string().min(16, { message: 'MEILI_MASTER_KEY must be at least 16 characters' }).optional(),
    ),
    MEILI_BINARY: optionalText,
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[a-z0-9_]*$/, { message: 'only a-z, 0-9 and _' })
      .default(''),
    /** Nice value of the embedded database's worker thread (see services/platform/database/connect.ts); 0: the app's own. */
    PGLITE_NICE: wholeSetting(0, 19, 5),
    /** Nice value of an app-started Meilisearch's indexing threads (see search-index/meili-priority.ts); 0: the app's own. */
    MEILI_INDEXING_NICE: wholeSetting(0, 19, BACKGROUND_NICE),
    /** Outbox rows sent to Meilisearch per index and turn (see search-index/outbox.ts). */
    SEARCH_DRAIN_BATCH: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.coerce.number().int().min(1).max(100_000).default(2000),
    ),
    REDIS_URL: optionalUrl,
    METRICS_TOKEN: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
    ),
    TRUST_PROXY: trustProxy,
    SESSION_SECRET: secret('SESSION_SECRET'),
    PII_KEY: secret('PII_KEY'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMS_PROVIDER: z.enum(['development', 'disabled']).default('development'),
    SMS_SIGNATURE: z.string().min(1).max(12).default('就业桥'),
    QUIET_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:MM-HH:MM, e.g. 22:00-07:00' })
      .default('22:00-07:00'),
    PUSH_CAP_MULTIPLE: z.coerce.number().int().min(1).max(100).default(5),
    PUSH_JOBS_PER_PERSON: z.coerce.number().int().min(1).max(10).default(3),
    PUSH_EVERY_MINUTES: z.coerce.number().int().min(0).default(1440),
    SEED_DEMO: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
  })
  .superRefine((config, ctx) => {
    if (config.NODE_ENV !== 'production') return;
    // An app-started Meilisearch would otherwise run with the development key printed in the source.
    for (const key of ['SESSION_SECRET', 'PII_KEY', 'MEILI_MASTER_KEY'] as const) {
      if (!config[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required in production` });
    }
  });

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Nice value of the embedded database's worker thread (PGLITE_NICE; 0: unchanged). */
  pgliteNice: number;
  meili: {
    url: string | undefined;
    masterKey: string;
    binary: string | undefined;
    indexPrefix: string;
    /** Nice value of an app-started Meilisearch's indexing threads (MEILI_INDEXING_NICE; 0: unchanged). */
    indexingNice: number;
    /** Outbox rows sent per index and turn (SEARCH_DRAIN_BATCH). */
    drainBatch: number;
  };
  redisUrl: string | undefined;
  /** Bearer token for GET /metrics (unset: the route answers 404). */
  metricsToken: string | undefined;
  /** Fastify's trustProxy: which hops may name the client in X-Forwarded-For. */
  trustProxy: boolean | string;
  sessionSecret: string;
  piiKey: string;
  logLevel: RawConfig['LOG_LEVEL'];
  seedDemo: boolean;
  /** A module's own settings, read from the same environment (see `ConfigSection`). */
  section<T>(section: ConfigSection<T>): T;
  sms: { provider: RawConfig['SMS_PROVIDER']; signature: string; quietHours: { start: number; end: number } };
  push: { capMultiple: number; jobsPerPerson: number; everyMinutes: number };
}

/** "22:00-07:00" → minutes after midnight. */
function quietHours(spec: string) {
  const [start, end] = spec.split('-').map((part) => {
    const [h, m] = part.split(':').map(Number);
    return h! * 60 + m!;
  });
  return { start: start!, end: end! };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SESSION_SECRET = 'workbridge-development-session-secret-not-for-production';
const DEV_PII_KEY = 'workbridge-development-pii-key-not-for-production-use';
const DEV_MEILI_KEY = 'workbridge-development-meili-master-key';

/**
 * A module's own settings: the environment variables it reads and what it makes of them. The
 * platform knows none of them; a module declares its section and reads it with `config.section`.
 */
export interface ConfigSection<T> {
  name: string;
  schema: z.ZodType<T>;
}

const problemsOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);

function readSection<T>(env: NodeJS.ProcessEnv, section: ConfigSection<T>, cache: Map<string, unknown>): T {
  if (cache.has(section.name)) return cache.get(section.name) as T;
  const parsed = section.schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  cache.set(section.name, parsed.data);
  return parsed.data;
}

/**
 * Parses the environment once; throws ConfigError listing every bad variable, the given modules'
 * sections included (so a start fails on all of them at once, not on the first a module reads).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  sections: readonly ConfigSection<unknown>[] = [],
): AppConfig {
  const parsed = ConfigSchema.safeParse(env);
  const problems = parsed.success ? [] : problemsOf(parsed.error);
  const sectionCache = new Map<string, unknown>();
  for (const section of sections) {
    try {
      readSection(env, section, sectionCache);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const c = parsed.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    pgliteNice: c.PGLITE_NICE,
    meili: {
      url: c.MEILI_URL,
      masterKey: c.MEILI_MASTER_KEY ?? DEV_MEILI_KEY,
      binary: c.MEILI_BINARY,
      indexPrefix: c.MEILI_INDEX_PREFIX,
      indexingNice: c.MEILI_INDEXING_NICE,
      drainBatch: c.SEARCH_DRAIN_BATCH,
    },
    redisUrl: c.REDIS_URL,
    metricsToken: c.METRICS_TOKEN,
    trustProxy: c.TRUST_PROXY,
    sessionSecret: c.SESSION_SECRET ?? DEV_SESSION_SECRET,
    piiKey: c.PII_KEY ?? DEV_PII_KEY,
    logLevel: c.LOG_LEVEL,
    seedDemo: c.SEED_DEMO,
    section: (section) => readSection(env, section, sectionCache),
    sms: { provider: c.SMS_PROVIDER, signature: c.SMS_SIGNATURE, quietHours: quietHours(c.QUIET_HOURS) },
    // Campaigns run every PUSH_EVERY_MINUTES (0: only on demand).
    push: {
      capMultiple: c.PUSH_CAP_MULTIPLE,
      jobsPerPerson: c.PUSH_JOBS_PER_PERSON,
      everyMinutes: c.PUSH_EVERY_MINUTES,
    },
  };
}
