// Module boundaries of WorkBridge, checked by dependency-cruiser in `npm run lint`.
// The README's "Module boundaries" section says the same in words; change both together.
//
// Layout the rules assume:
//   services/<module>/...    a domain module; services/<module>/index.ts is its public face
//   services/platform/...    shared infrastructure and rules, importable by every module
//   services/*.ts            the composition root (app.ts, server.ts, infrastructure.ts, main.ts)
//   search-index/, prisma/   Meilisearch and database tooling (seed, migrations)
// Paths are matched as regular expressions on paths relative to the project root.

/** A domain module's folder: any folder under services/ except the shared platform. */
const MODULE = '^services/(?!platform/)[^/]+/';
/** Files every rule except the cycle rule leaves alone: tests may reach anything they check. */
const TEST = '(\\.test\\.ts$|^tests/)';
/** Where the app is wired: it creates clients and repositories and hands them on (a CLI wires itself). */
const WIRING = '(^services/[^/]+\\.ts$|^services/[^/]+/index\\.ts$|^services/platform/modules\\.ts$|\\.cli\\.ts$)';

/** The Prisma client: the package, its adapters, and the generated client except its enums. */
const PRISMA =
  '(^node_modules/(@prisma/client|@prisma/adapter-[^/]+|pglite-prisma-adapter)/|^services/platform/database/(?!generated/enums\\.ts$))';
const MEILISEARCH = '^node_modules/meilisearch/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-deep-import-across-modules',
      comment:
        'A module uses another only through its public face, services/<module>/index.ts; ' +
        'everything else in a module is private to it. services/platform/ is shared and open to all.',
      severity: 'error',
      from: { path: '^services/((?!platform/)[^/]+)/', pathNot: TEST },
      to: { path: MODULE, pathNot: ['^services/$1/', '^services/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-deep-import-from-root',
      comment: 'The composition root (services/*.ts) reaches a module only through its index.ts.',
      severity: 'error',
      from: { path: '^services/[^/]+\\.ts$', pathNot: TEST },
      to: { path: MODULE, pathNot: '^services/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-deep-import-from-prisma',
      comment: 'prisma/ (seed, migrations) reaches a module only through its index.ts.',
      severity: 'error',
      from: { path: '^prisma/', pathNot: TEST },
      to: { path: MODULE, pathNot: '^services/[^/]+/index\\.ts$' },
    },
    {
      name: 'no-search-index-to-module',
      comment:
        'search-index/ sits below the modules (their repositories write its outbox, their *.search.ts ' +
        'query its indexes): it imports only services/platform/ and, in a CLI, the composition root.',
      severity: 'error',
      from: { path: '^search-index/', pathNot: TEST },
      to: { path: MODULE },
    },
    {
      name: 'no-platform-to-module',
      comment:
        'services/platform/ is shared by every module and imports none of them (nor the composition ' +
        'root): a module brings its own config section, notices and jobs through its module file.',
      severity: 'error',
      from: { path: '^services/platform/', pathNot: TEST },
      to: { path: ['^services/(?!platform/)[^/]+/', '^services/[^/]+\\.ts$'] },
    },
    {
      name: 'no-prisma-outside-repositories',
      comment:
        'Prisma (the client, its types and the Db handle of services/platform/database) is used only in ' +
        '*.repository.ts, services/platform/database/, the wiring that creates repositories (services/*.ts, ' +
        '*.module.ts, platform/modules.ts, *.cli.ts), search-index/ (the outbox drain, reindex) and prisma/ ' +
        '(seed, migrations). ' +
        'Type-only imports count too. The generated enums (generated/enums.ts) are domain vocabulary and ' +
        'free to use anywhere.',
      severity: 'error',
      from: {
        pathNot: [
          '\\.repository\\.ts$',
          '^services/platform/database/',
          WIRING,
          '^search-index/',
          '^prisma/',
          '^bench/',
          TEST,
        ],
      },
      to: { path: PRISMA },
    },
    {
      name: 'no-meilisearch-outside-search',
      comment:
        'The Meilisearch client (the meilisearch package, types included) is used only in search-index/, ' +
        "a module's *.search.ts, and the wiring that creates the client and hands it on.",
      severity: 'error',
      from: { pathNot: ['^search-index/', '\\.search\\.ts$', WIRING, '^bench/', TEST] },
      to: { path: MEILISEARCH },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles in services/, search-index/ or prisma/, type-only imports included.',
      severity: 'error',
      from: { path: '^(services|search-index|prisma)/' },
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports count: a service that names Prisma's types is coupled to Prisma.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules', '^services/platform/database/generated/'] },
    moduleSystems: ['es6'],
    // Resolve packages the way Node does for this ESM project (meilisearch has only an exports map).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      mainFields: ['module', 'main'],
    },
  },
};
