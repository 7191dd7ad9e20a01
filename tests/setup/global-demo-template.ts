import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../services/platform/config/config.ts';
import { startServer } from '../../services/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplateDir: string;
  }
}

/**
 * Seeds the demo province once for all browser tests (about half a minute) and lets its first
 * push campaign finish; each test file then starts the app on a copy of this data directory.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'workbridge-demo-template-'));
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MEILI_URL;
  delete env.REDIS_URL;
  const running = await startServer(
    loadConfig({ ...env, DATA_DIR: dir, PORT: '0', LOG_LEVEL: 'warn', SEED_DEMO: 'true' }),
  );
  try {
    const deadline = Date.now() + 120_000;
    while ((await running.db.pushCampaign.count({ where: { status: { in: ['completed', 'failed'] } } })) === 0) {
      if (Date.now() > deadline) throw new Error('the demo push campaign did not finish within 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await running.stop();
  }
  project.provide('demoTemplateDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
