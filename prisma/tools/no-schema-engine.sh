#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on offline machines.
# `prisma generate` only probes for it; migrations run through @prisma/schema-engine-wasm (prisma/tools/migrate.ts).
echo "The native Prisma schema engine is not installed; use npm run db:migrate*" >&2
exit 1
