import fs from 'node:fs';
import path from 'node:path';

/**
 * The project's root folder, the nearest one above this file that holds package.json. It is the same
 * whether the sources run (services/platform/) or the compiled build does (dist/services/platform/):
 * templates, static files, locales, migrations and reference data are read from the root, not copied
 * into dist/.
 */
export const PROJECT_ROOT = findProjectRoot(import.meta.dirname);

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
