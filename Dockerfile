# WorkBridge application image. Meilisearch, PostgreSQL and Redis run as their own services
# (see docker-compose.yml), so the bundled Meilisearch binary is left out.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --omit=optional --no-audit --no-fund && npm cache clean --force
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD node -e "fetch('http://127.0.0.1:3000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npx", "tsx", "services/main.ts"]
