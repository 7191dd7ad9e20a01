/**
 * The officer registry list under load, on the embedded database: `--connections` clients (50)
 * each ask GET /api/v1/labourers again as soon as answered, for `--seconds` (20), as the
 * province officer (everyone in scope): first pages, and pages followed by cursor. Prints
 * requests per second, p50, p99 and time-outs (no answer within 10 s).
 *
 *   npm run bench:registry -- --dir /tmp/wb-resp-20000     (a data directory made by bench:responsiveness or npm run seed)
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../prisma/seed/demo.ts';
import { loadConfig } from '../services/platform/config/config.ts';
import { startServer } from '../services/server.ts';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: '/tmp/wb-resp-20000' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
  },
});
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: args.dir,
  PII_KEY: 'bench-responsiveness-pii-key-0123456789abcdef',
  PORT: '0',
  LOG_LEVEL: 'warn',
  PUSH_EVERY_MINUTES: '0',
};
delete env.DATABASE_URL;
delete env.REDIS_URL;

const running = await startServer(loadConfig({ ...env, LOG_LEVEL: 'warn' }));
const { url, db } = running;
const inScope = await db.labourer.count({ where: { erasedAt: null, regionCode: { startsWith: '35' } } });
const login = await fetch(`${url}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'officer.fujian', password: DEMO_PASSWORD }),
});
const authorization = `Bearer ${((await login.json()) as { token: string }).token}`;

const latencies: number[] = [];
let timeouts = 0;
let errors = 0;
const until = performance.now() + Number(args.seconds) * 1000;

async function client(index: number) {
  let cursor: string | null = null;
  while (performance.now() < until) {
    // Half the clients page on by cursor, half read the first page again.
    const query = cursor && index % 2 ? `&cursor=${cursor}` : '';
    const started = performance.now();
    try {
      const response = await fetch(`${url}/api/v1/labourers?pageSize=20${query}`, {
        headers: { authorization },
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as { nextCursor?: string | null };
      if (!response.ok) errors++;
      else latencies.push(performance.now() - started);
      cursor = body.nextCursor ?? null;
    } catch {
      timeouts++;
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: Number(args.connections) }, (_, i) => client(i)));
const seconds = (performance.now() - started) / 1000;
await running.stop();
const sorted = latencies.sort((a, b) => a - b);
const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
console.log(
  `bench:registry  ${inScope.toLocaleString('en')} labourers in scope, ${args.connections} connections, ${seconds.toFixed(0)} s\n` +
    `${(sorted.length / seconds).toFixed(1)} req/s  p50 ${at(0.5).toFixed(0)} ms  p99 ${at(0.99).toFixed(0)} ms  ` +
    `timeouts ${timeouts}  errors ${errors}`,
);
process.exit(0);
