import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../project-root.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

type Messages = { [key: string]: string | Messages };

const LOCALE_DIR = path.join(PROJECT_ROOT, 'web/locales');

/** Each locale is a folder of JSON files (one per module), merged at the top level. */
function loadCatalogue(locale: Locale): Messages {
  const dir = path.join(LOCALE_DIR, locale);
  const merged: Messages = {};
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const messages = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Messages;
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`Locale ${locale}: key "${key}" is defined twice (${file})`);
      merged[key] = value;
    }
  }
  return merged;
}

const catalogues = new Map<Locale, Messages>(LOCALES.map((locale) => [locale, loadCatalogue(locale)]));

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function lookup(messages: Messages | undefined, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates a dotted key, filling {name} placeholders; falls back to zh-CN, then to the key. */
export function translate(locale: string, key: string, params: Record<string, unknown> = {}): string {
  const template =
    lookup(catalogues.get(isLocale(locale) ? locale : DEFAULT_LOCALE), key) ??
    lookup(catalogues.get(DEFAULT_LOCALE), key) ??
    key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Every key path of a catalogue, for the test that keeps the locales in step. */
export function keysOf(locale: Locale): string[] {
  const out: string[] = [];
  const walk = (node: Messages, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const full = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string') out.push(full);
      else walk(value, full);
    }
  };
  walk(catalogues.get(locale) ?? {}, '');
  return out.sort();
}
