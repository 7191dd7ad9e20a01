import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchMeilisearch } from '../../search-index/launcher.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    meiliUrl: string;
    meiliKey: string;
  }
}

/** One real Meilisearch for the whole run; each test file works under its own index prefix. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-test-meili-'));
  const masterKey = 'workbridge-test-master-key';
  const meili = await launchMeilisearch({ dataDir: dir, masterKey, binary: process.env.MEILI_BINARY });
  project.provide('meiliUrl', meili.url);
  project.provide('meiliKey', masterKey);
  return async () => {
    await meili.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
