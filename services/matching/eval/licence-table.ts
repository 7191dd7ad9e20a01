import fs from 'node:fs';
import path from 'node:path';

/** Which occupations the law closes to people without a licence, and which certificate kinds are licences. */
export interface LicenceTable {
  /** Occupation → certificate kinds of which one is required. */
  occupations: Map<string, string[]>;
  /** Kinds that are operating licences (a vacancy requiring one bars those without it). */
  kinds: Set<string>;
}

const REFERENCE = path.resolve(import.meta.dirname, '../../../prisma/reference');

/**
 * The licence rules read straight from the reference files (prisma/reference/occupations.json and
 * certificates.json), so the harness judges licences without the engine's taxonomy code.
 */
export function readLicenceTable(dir = REFERENCE): LicenceTable {
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T;
  const { occupations } = read<{ occupations: Array<{ code: string; licences?: string[] }> }>('occupations.json');
  const certificates = read<Array<{ code: string; category?: string }>>('certificates.json');
  const table = new Map(occupations.filter((o) => o.licences?.length).map((o) => [o.code, o.licences!]));
  return {
    occupations: table,
    kinds: new Set([
      ...[...table.values()].flat(),
      ...certificates.filter((c) => c.category === 'operating_licence').map((c) => c.code),
    ]),
  };
}
