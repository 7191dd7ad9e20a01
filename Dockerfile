# WorkBridge application image: the server compiled to JavaScript, run by Node 24 (LTS) without tsx.
# Meilisearch, PostgreSQL and Redis run as their own services (see docker-compose.yml), so the
# bundled Meilisearch binary is left out.

# ── build: every dependency (TypeScript), the Prisma client generated, the server compiled to dist/
FROM node:24-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# The install's postinstall script runs `prisma generate` (services/platform/database/generated/).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY services ./services
COPY search-index ./search-index
RUN npm run build

# ── run: production dependencies, the compiled server, and the files it reads at run time
FROM node:24-trixie-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the generated client is already compiled into dist/, so postinstall's
# `prisma generate` is not needed. Optional dependencies stay (not --omit=optional): the native
# prebuilds (@node-rs/argon2's, msgpackr's) are optional dependencies; only the Meilisearch binary
# is removed, in the same layer so the image never holds it.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/@gaubee \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read from the project root at run time (services/platform/project-root.ts finds it by package.json).
COPY web ./web
COPY prisma/schema.prisma ./prisma/schema.prisma
COPY prisma/migrations ./prisma/migrations
COPY prisma/reference ./prisma/reference
# Without DATABASE_URL the embedded database lives in ./data (DATA_DIR): the app's user must own it.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/services/main.js"]
