import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:import|export)\s[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative imports of one source file, resolved to files that exist. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = path.resolve(path.dirname(file), match[1] ?? match[2]!);
    for (const candidate of [target, `${target}.ts`, path.join(target, 'index.ts')]) {
      if (candidate.endsWith('.ts') && fs.existsSync(candidate)) {
        found.push(candidate);
        break;
      }
    }
  }
  return found;
}

/**
 * Whether a test file opens a database of its own: its relative imports, followed through every
 * file they import, reach `tests/helpers/database.ts` (the one place a test gets a database).
 * The second CI run, against PostgreSQL, runs just these; the others (pure logic, and the tests
 * that start the embedded database on purpose) would only repeat the first run.
 */
export function opensTestDatabase(testFile: string, root: string): boolean {
  const target = path.resolve(root, 'tests/helpers/database.ts');
  const seen = new Set<string>();
  const queue = [path.resolve(root, testFile)];
  while (queue.length) {
    const file = queue.pop()!;
    if (file === target) return true;
    if (seen.has(file) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return false;
}
