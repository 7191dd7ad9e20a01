import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keysOf, translate } from './i18n.ts';

const VIEWS = path.resolve(import.meta.dirname, '../../../web/views');

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? templates(full) : entry.name.endsWith('.hbs') ? [full] : [];
  });
}

describe('locales', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keysOf('en')).toEqual(keysOf('zh-CN'));
  });

  it('define every literal key the templates use', () => {
    const keys = new Set(keysOf('zh-CN'));
    const used = templates(VIEWS).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/\{\{t ["']([\w.]+)["']/g)].map((m) => m[1]!),
    );
    expect(used.length).toBeGreaterThan(20);
    expect(used.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('fills placeholders and falls back to Chinese for an unknown locale', () => {
    expect(translate('en', 'officer.title', { region: 'Changting' })).toBe('Employment in Changting');
    expect(translate('fr', 'nav.login')).toBe('登录');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
