import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../services/platform/project-root.ts';

/**
 * Search helps for Chinese job text. Meilisearch segments Chinese with a dictionary and keeps
 * dictionary words whole, so 电工 does not find 水电工 and a colloquial name (普工, 月嫂, 跑腿) finds
 * only documents that happen to contain it. Two fields in each vacancy document close the gap:
 * `nameGrams`, the 2- and 3-character pieces of the title and occupation name, and
 * `occupationAliases`, the colloquial names of the occupation from prisma/reference/occupation-aliases.json.
 */

const ALIASES_FILE = path.join(PROJECT_ROOT, 'prisma/reference/occupation-aliases.json');

/** Changes whenever the vacancy document's shape changes: bump it with every such change. */
const VACANCY_DOCUMENT_SHAPE = 3;

let aliases: Map<string, string[]> | undefined;
let aliasesText = '';

function load(): Map<string, string[]> {
  if (!aliases) {
    aliasesText = fs.readFileSync(ALIASES_FILE, 'utf8');
    const parsed = JSON.parse(aliasesText) as Record<string, unknown>;
    aliases = new Map(
      Object.entries(parsed).map(([code, names]) => [
        code,
        Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n.trim() !== '') : [],
      ]),
    );
  }
  return aliases;
}

/** The colloquial names of an occupation (普工 for 普工（流水线操作工）, 月嫂, 保姆, 跑腿 …). */
export function occupationAliases(code: string): string[] {
  return load().get(code) ?? [];
}

/**
 * The version the vacancy documents are built at: the shape plus the alias data they carry, so
 * editing the alias file or the mapper makes the next start rebuild the index (see document-version.ts).
 */
export function vacancyDocumentVersion(): string {
  load();
  const hash = crypto.createHash('sha256').update(aliasesText).digest('hex').slice(0, 12);
  return `${VACANCY_DOCUMENT_SHAPE}-${hash}`;
}

const HAN = /\p{Script=Han}/u;

/**
 * The 2- and 3-character pieces of the Chinese runs in some texts, each once, space-separated:
 * 维修电工 → 维修 修电 电工 维修电 修电工. Runs of one character and non-Chinese text add nothing;
 * brackets and punctuation end a run, so 普工（流水线操作工） gives pieces of 普工 and of 流水线操作工.
 */
export function nameGrams(texts: string[]): string {
  const grams = new Set<string>();
  for (const text of texts) {
    let run: string[] = [];
    const flush = () => {
      for (const size of [2, 3]) {
        for (let i = 0; i + size <= run.length; i++) grams.add(run.slice(i, i + size).join(''));
      }
      run = [];
    };
    for (const char of text) {
      if (HAN.test(char)) run.push(char);
      else flush();
    }
    flush();
  }
  return [...grams].join(' ');
}

/** Every colloquial name of every occupation: words a query reader must not cut (沙县小吃 is not 沙县 + 小吃). */
export function knownJobWords(): Set<string> {
  return new Set([...load().values()].flat());
}
