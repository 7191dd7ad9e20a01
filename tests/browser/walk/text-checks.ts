/**
 * Checks on what a page says. Pure functions over the text the probe read, so they are unit-tested
 * without a browser.
 */

/** What a template prints when it formats something that is not there or not what it expected. */
const LEAKED_VALUES: { name: string; pattern: RegExp }[] = [
  { name: 'NaN', pattern: /(?<![A-Za-z])NaN(?![A-Za-z])/ },
  { name: 'undefined', pattern: /(?<![A-Za-z])undefined(?![A-Za-z])/ },
  { name: 'null', pattern: /(?<![A-Za-z])null(?![A-Za-z])/ },
  { name: '[object Object]', pattern: /\[object Object\]/ },
  { name: 'Invalid Date', pattern: /Invalid Date/ },
];

/** The leaked values found in the texts, each with a little of its surroundings. */
export function findLeakedValues(texts: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const { name, pattern } of LEAKED_VALUES) {
      const match = pattern.exec(text);
      if (match) found.push(`"${name}" in "${around(text, match.index, name.length)}"`);
    }
  }
  return [...new Set(found)];
}

/**
 * Latin words a zh-CN page may show: names of file formats and units as Chinese users write them,
 * the product's own name and the abbreviations the Chinese texts use on purpose. Anything else is
 * an untranslated label, a raw enum value or a developer's message.
 */
export const ENGLISH_ALLOW_LIST: ReadonlySet<string> = new Set([
  // File formats and sizes named in upload and export labels (and the format of the status probe).
  'csv',
  'json',
  'excel',
  'xlsx',
  'xls',
  'pdf',
  'mb',
  'kb',
  'utf',
  'gbk',
  // The product's name as the login hint spells the demo password (WorkBridge-demo-1), and the file
  // that lists the demo accounts.
  'workbridge',
  'demo',
  'readme',
  // Abbreviations used in Chinese as they are: QR code tickets, text messages, a person's ID.
  'qr',
  'sms',
  'id',
  'api',
  // An industry abbreviation kept in Chinese occupation names (SMT贴片工).
  'smt',
  // Distances and times printed with numbers.
  'km',
]);

/**
 * Latin words on a page in Chinese that the allow-list does not know. Single letters (A栋, B班) and
 * words stuck to digits (codes such as 3K7Q9M2X) are not words.
 */
export function findEnglishWords(text: string, allow: ReadonlySet<string> = ENGLISH_ALLOW_LIST): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<![A-Za-z0-9_@./:-])[A-Za-z][A-Za-z'’]*[A-Za-z](?![A-Za-z0-9_@/])/g)) {
    const word = match[0];
    if (allow.has(word.toLowerCase())) continue;
    // The head of a user name, an e-mail address or a file name (officer.changting): data, not a label.
    const after = text.slice(match.index + word.length, match.index + word.length + 2);
    if (/^[.@][A-Za-z0-9]/.test(after)) continue;
    found.add(word);
  }
  return [...found];
}

/** Banners that say the request was wrong without saying which field or why. */
const GENERIC_BANNERS = ['条件有误'];

export function findGenericBanners(text: string): string[] {
  return GENERIC_BANNERS.filter((banner) => text.includes(banner)).map((banner) => {
    const index = text.indexOf(banner);
    return around(text, index, banner.length);
  });
}

function around(text: string, index: number, length: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const endOfLine = text.indexOf('\n', index + length);
  const end = endOfLine === -1 ? text.length : endOfLine;
  const line = text.slice(start, end);
  return line.length <= 80 ? line : `…${text.slice(Math.max(start, index - 30), Math.min(end, index + length + 30))}…`;
}
