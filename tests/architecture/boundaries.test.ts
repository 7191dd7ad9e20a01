import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The module boundaries of .dependency-cruiser.js, tried on a small tree laid out like this one:
 * two modules (shop, stock), the platform, search-index/ and prisma/. The clean tree passes; each
 * deliberate break is reported under the rule that names it, and the known-violations baseline
 * lets through only what it lists.
 */
const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = path.join(root, '.dependency-cruiser.js');
const run = promisify(execFile);

type Files = Record<string, string>;

const cleanTree: Files = {
  'package.json': JSON.stringify({ type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      allowImportingTsExtensions: true,
      noEmit: true,
      verbatimModuleSyntax: true,
    },
  }),
  // Stand-ins for the two clients the rules fence in, resolved like the real packages.
  'node_modules/meilisearch/package.json': JSON.stringify({
    name: 'meilisearch',
    type: 'module',
    exports: { '.': './dist/index.js' },
  }),
  'node_modules/meilisearch/dist/index.js': 'export class Meilisearch {}\n',
  'node_modules/@prisma/client/package.json': JSON.stringify({ name: '@prisma/client', main: 'index.js' }),
  'node_modules/@prisma/client/index.js': 'exports.PrismaClient = class {};\n',

  'services/platform/database/generated/client.ts': "export { PrismaClient } from '@prisma/client';\n",
  'services/platform/database/generated/enums.ts': "export const Role = { admin: 'admin' } as const;\n",
  'services/platform/database/prisma.ts': [
    "import { PrismaClient } from './generated/client.ts';",
    'export type Db = InstanceType<typeof PrismaClient>;',
    'export const createDb = (): Db => new PrismaClient();',
  ].join('\n'),
  'services/platform/time.ts': 'export const now = () => new Date();\n',
  'services/platform/modules.ts': [
    "import type { Meilisearch } from 'meilisearch';",
    "import type { Db } from './database/prisma.ts';",
    'export interface ModuleDeps { db: Db; meili: Meilisearch }',
  ].join('\n'),

  'services/stock/index.ts': "export { countStock } from './stock.service.ts';\n",
  'services/stock/stock.service.ts': [
    "import { now } from '../platform/time.ts';",
    'export const countStock = () => now().getTime();',
  ].join('\n'),

  'services/shop/index.ts': "export { shopModule } from './shop.module.ts';\n",
  'services/shop/shop.repository.ts': [
    "import type { Db } from '../platform/database/prisma.ts';",
    'export const createShopRepository = (db: Db) => ({ db });',
  ].join('\n'),
  'services/shop/shop.search.ts': [
    "import type { Meilisearch } from 'meilisearch';",
    'export const createShopSearch = (meili: Meilisearch) => ({ meili });',
  ].join('\n'),
  'services/shop/shop.service.ts': [
    "import { Role } from '../platform/database/generated/enums.ts';",
    "import { countStock } from '../stock/index.ts';",
    "import type { createShopRepository } from './shop.repository.ts';",
    'export const createShopService = (repo: ReturnType<typeof createShopRepository>) => ({ repo, role: Role.admin, stock: countStock() });',
  ].join('\n'),
  'services/shop/shop.module.ts': [
    "import type { ModuleDeps } from '../platform/modules.ts';",
    "import { createShopRepository } from './shop.repository.ts';",
    "import { createShopSearch } from './shop.search.ts';",
    "import { createShopService } from './shop.service.ts';",
    'export const shopModule = (deps: ModuleDeps) => ({',
    '  service: createShopService(createShopRepository(deps.db)),',
    '  search: createShopSearch(deps.meili),',
    '});',
  ].join('\n'),
  'services/shop/shop.test.ts': [
    // Tests may reach into any module they check.
    "import { countStock } from '../stock/stock.service.ts';",
    "import { createDb } from '../platform/database/prisma.ts';",
    'export const probe = () => [countStock(), createDb()];',
  ].join('\n'),

  'services/app.ts': [
    "import { Meilisearch } from 'meilisearch';",
    "import { createDb } from './platform/database/prisma.ts';",
    "import { shopModule } from './shop/index.ts';",
    "import { countStock } from './stock/index.ts';",
    'export const app = () => [shopModule({ db: createDb(), meili: new Meilisearch() }), countStock()];',
  ].join('\n'),
  'search-index/indexes.ts': [
    "import { Meilisearch } from 'meilisearch';",
    "import { createDb } from '../services/platform/database/prisma.ts';",
    'export const indexes = () => [new Meilisearch(), createDb()];',
  ].join('\n'),
  'prisma/seed/demo.ts': [
    "import { createDb } from '../../services/platform/database/prisma.ts';",
    "import { countStock } from '../../services/stock/index.ts';",
    'export const seed = () => [createDb(), countStock()];',
  ].join('\n'),
};

/** One deliberate break each, with the rule that must name it. */
const breaks: { rule: string; from: string; to: string; files: Files }[] = [
  {
    rule: 'no-deep-import-across-modules',
    from: 'services/shop/stock-report.ts',
    to: 'services/stock/stock.service.ts',
    files: {
      'services/shop/stock-report.ts':
        "import { countStock } from '../stock/stock.service.ts';\nexport const report = () => countStock();\n",
    },
  },
  {
    rule: 'no-deep-import-from-root',
    from: 'services/server.ts',
    to: 'services/shop/shop.service.ts',
    files: {
      'services/server.ts':
        "import { createShopService } from './shop/shop.service.ts';\nexport const server = createShopService;\n",
    },
  },
  {
    rule: 'no-platform-to-module',
    from: 'services/platform/notices.ts',
    to: 'services/shop/index.ts',
    files: {
      'services/platform/notices.ts':
        "import { shopModule } from '../shop/index.ts';\nexport const notices = shopModule;\n",
    },
  },
  {
    rule: 'no-prisma-outside-repositories',
    from: 'services/stock/stock-levels.ts',
    to: 'node_modules/@prisma/client/index.js',
    files: {
      'services/stock/stock-levels.ts':
        "import { PrismaClient } from '@prisma/client';\nexport const levels = () => new PrismaClient();\n",
    },
  },
  {
    // Receiving the database handle is using Prisma too, even as a type.
    rule: 'no-prisma-outside-repositories',
    from: 'services/shop/shop.pages.ts',
    to: 'services/platform/database/prisma.ts',
    files: {
      'services/shop/shop.pages.ts':
        "import type { Db } from '../platform/database/prisma.ts';\nexport const pages = (db: Db) => db;\n",
    },
  },
  {
    rule: 'no-meilisearch-outside-search',
    from: 'services/stock/stock-lookup.ts',
    to: 'node_modules/meilisearch/dist/index.js',
    files: {
      'services/stock/stock-lookup.ts':
        "import { Meilisearch } from 'meilisearch';\nexport const lookup = () => new Meilisearch();\n",
    },
  },
  {
    rule: 'no-search-index-to-module',
    from: 'search-index/documents.ts',
    to: 'services/shop/index.ts',
    files: {
      'search-index/documents.ts':
        "import { shopModule } from '../services/shop/index.ts';\nexport const d = shopModule;\n",
    },
  },
  {
    rule: 'no-deep-import-from-prisma',
    from: 'prisma/seed/demo-shop.ts',
    to: 'services/shop/shop.service.ts',
    files: {
      'prisma/seed/demo-shop.ts':
        "import { createShopService } from '../../services/shop/shop.service.ts';\nexport const s = createShopService;\n",
    },
  },
  {
    rule: 'no-cycles',
    from: 'services/stock/shelf.ts',
    to: 'services/stock/aisle.ts',
    files: {
      'services/stock/shelf.ts': "import { aisle } from './aisle.ts';\nexport const shelf = () => aisle;\n",
      'services/stock/aisle.ts':
        "import type { shelf } from './shelf.ts';\nexport const aisle: typeof shelf | null = null;\n",
    },
  },
];

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tree(files: Files): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'workbridge-boundaries-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

/** Runs the cruiser as `npm run lint` does (same config, same folders) and returns what it reports. */
async function cruise(dir: string, ...extra: string[]): Promise<Violation[]> {
  const { stdout } = await run(
    process.execPath,
    [depcruise, 'services', 'search-index', 'prisma', '--config', config, '--output-type', 'json', ...extra],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  // Guard against a cruise that found nothing to check and so reported nothing.
  expect(result.summary.totalCruised).toBeGreaterThan(15);
  return result.summary.violations.filter((v) => v.rule.severity !== 'ignore');
}

/** One line per violation; a cycle is named by its files in order, whichever end reports it. */
function brief(v: { rule: string; from: string; to: string }): string {
  const ends = v.rule === 'no-cycles' ? [v.from, v.to].sort() : [v.from, v.to];
  return `${v.rule}: ${ends.join(' → ')}`;
}
const reportedAs = (violations: Violation[]) => violations.map((v) => brief({ ...v, rule: v.rule.name })).sort();

const platformToModule = breaks.find((b) => b.rule === 'no-platform-to-module')!;

describe('module boundaries (.dependency-cruiser.js)', () => {
  it('passes a tree that keeps to them and reports each deliberate break under its rule', async () => {
    const [clean, broken] = await Promise.all([
      tree(cleanTree).then((dir) => cruise(dir)),
      tree(Object.assign({}, cleanTree, ...breaks.map((b) => b.files))).then((dir) => cruise(dir)),
    ]);
    expect(clean).toEqual([]);
    expect(reportedAs(broken)).toEqual(breaks.map(brief).sort());
  });

  it('lets the known violations (the baseline) through and fails on a new one', async () => {
    const known = breaks.filter((b) => b !== platformToModule);
    const dir = await tree(Object.assign({}, cleanTree, ...known.map((b) => b.files)));
    // What `npm run lint:deps:baseline` does, into a file of the fixture's own.
    await run(
      process.execPath,
      [depcruise, 'services', 'search-index', 'prisma', '--config', config, '-T', 'baseline', '-f', 'known.json'],
      { cwd: dir },
    );
    for (const [name, text] of Object.entries(platformToModule.files)) await writeFile(path.join(dir, name), text);

    const reported = await cruise(dir, '--ignore-known', 'known.json');
    expect(reportedAs(reported)).toEqual([brief(platformToModule)]);
  });
});
