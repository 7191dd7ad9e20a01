import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI looks for its native schema engine before every command and tries to download it,
// which fails offline. Pointing it at a stand-in lets `prisma generate` run; migrations go through
// the wasm engine instead (prisma/tools/migrate.ts). A machine that has the native engine can set
// PRISMA_SCHEMA_ENGINE_BINARY itself.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('prisma/tools/no-schema-engine.sh');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
