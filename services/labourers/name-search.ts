import { pinyin } from 'pinyin-pro';

/**
 * Toneless pinyin (without spaces) and initials of a Chinese name, reading the first character as
 * a surname (曾 → zeng, 单 → shan), so officers find 张三丰 by "zhangsanfeng", "zhang san" or "zsf".
 */
export function nameKeys(name: string): { namePinyin: string; nameInitials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { namePinyin: syllables.join(''), nameInitials: syllables.map((s) => s[0]).join('') };
}

/** A search term typed by an officer, in the form the keys are stored in. */
export function normaliseSearchTerm(term: string): { text: string; latin: string | null } {
  const text = term.trim();
  const latin = /^[a-zA-Z\s]+$/.test(text) ? text.toLowerCase().replace(/\s+/g, '') : null;
  return { text, latin };
}
