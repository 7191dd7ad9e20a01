/**
 * Reading a job seeker's query the way it is typed: "长汀 保洁", "普工包吃住", "日结 小工", "找保姆工作".
 * Place names become a region filter, conditions (包吃住, 日结, 公益岗 …) become filters, filler words
 * (找, 工作, 招聘 …) are dropped; what remains is searched as text.
 */

export interface Place {
  code: string;
  name: string;
}

/** Condition words and the filters they stand for (Meilisearch filter syntax on the vacancy index). */
export const CONDITIONS = {
  boardLodging: {
    words: ['包吃包住', '包吃住', '包食宿', '管吃住', '吃住全包', '提供食宿', '包住宿和吃饭'],
    filter: ['accommodation = true', 'meals = true'],
  },
  lodging: {
    words: ['包住宿', '包住', '包宿', '提供住宿', '有宿舍', '管住', '住宿'],
    filter: ['accommodation = true'],
  },
  meals: { words: ['包吃', '包餐', '管饭', '包伙食', '供餐', '工作餐', '管吃'], filter: ['meals = true'] },
  dayPay: {
    words: ['日结', '日薪', '当天结', '天结', '现结', '按天结', '按天算', '一天一结'],
    filter: ['payBasis = "day"'],
  },
  piecePay: { words: ['计件'], filter: ['(payBasis = "piece" OR contractType = "piecework")'] },
  partTime: { words: ['兼职', '零工', '临时工', '短工'], filter: ['contractType IN ["part_time", "seasonal"]'] },
  seasonal: { words: ['季节工', '季节性', '暑假工', '寒假工'], filter: ['contractType = "seasonal"'] },
  longTerm: { words: ['长期工', '长期', '正式工'], filter: ['contractType IN ["labour_contract", "labour_dispatch"]'] },
  dayShift: { words: ['长白班', '白班', '不上夜班', '不倒班'], filter: ['shiftPattern = "day"'] },
  workshop: { words: ['扶贫车间', '家门口就业', '家门口'], filter: ['employerKind = "poverty_workshop"'] },
  publicWelfare: { words: ['公益性岗位', '公益岗位', '公益岗'], filter: ['publicWelfarePost = true'] },
  disability: { words: ['残疾人岗位', '残疾人', '残疾', '助残'], filter: ['disabilityFriendly = true'] },
  travel: { words: ['报销路费', '包路费', '路费报销', '报路费'], filter: ['travelSupport = true'] },
} as const satisfies Record<string, { words: readonly string[]; filter: readonly string[] }>;

export type ConditionKey = keyof typeof CONDITIONS;

/** Words that say nothing about the job: dropped wherever they stand. */
const FILLER = [
  '找工作',
  '有没有',
  '哪里有',
  '招聘',
  '招工',
  '急招',
  '求职',
  '工作',
  '附近',
  '本地',
  '岗位',
  '上班',
  '打工',
];
/** One-character fillers, dropped only at the start of the query or as a word of their own. */
const LEADING = ['我想找', '我要找', '想找', '我想', '我要', '找', '要', '招', '在', '的', '去'];

const SUFFIXES = ['回族自治区', '自治区', '畲族乡', '回族乡', '街道', '省', '市', '县', '区', '镇', '乡'];

export interface PlaceIndex {
  /** Name (full or without its level word) → regions; the highest level first. */
  byName: Map<string, Place[]>;
  /** Names a query word may start with (counties, cities, provinces), longest first. */
  prefixes: string[];
}

function shortName(name: string): string | null {
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) return name.slice(0, -suffix.length);
  }
  return null;
}

/** Township-level units that are not townships (development zones, farms: 7th digit 4 or 5). */
const isZone = (code: string) => code.length === 9 && (code[6] === '4' || code[6] === '5');

export function placeIndex(places: Place[]): PlaceIndex {
  const byName = new Map<string, Place[]>();
  const prefixes = new Set<string>();
  for (const place of places) {
    if (isZone(place.code) || place.code.length > 9) continue;
    for (const name of [place.name, shortName(place.name)]) {
      if (!name) continue;
      byName.set(name, [...(byName.get(name) ?? []), place]);
      if (place.code.length <= 6) prefixes.add(name);
    }
  }
  for (const [name, list] of byName) {
    // A county named like a township elsewhere (长乐区, 长乐镇) is the county: keep the highest level.
    const top = Math.min(...list.map((p) => p.code.length));
    byName.set(
      name,
      list.filter((p) => p.code.length === top),
    );
  }
  return { byName, prefixes: [...prefixes].sort((a, b) => b.length - a.length) };
}

export interface UnderstoodQuery {
  /** What is left to search as text. */
  text: string;
  places: Place[];
  conditions: ConditionKey[];
  /** An age said in the query (50岁): jobs whose age range leaves it out are not shown. */
  age: number | null;
  /** The query as typed without its place names: the search to offer when the place is to go. */
  withoutPlaces: string;
}

const CONDITION_WORDS = Object.entries(CONDITIONS)
  .flatMap(([key, { words }]) => words.map((word) => ({ word, key: key as ConditionKey })))
  .sort((a, b) => b.word.length - a.word.length);

function takePlaces(token: string, index: PlaceIndex, keep: Set<string>, found: Place[], words: string[]): string {
  let rest = token;
  for (;;) {
    if (keep.has(rest)) return rest;
    const exact = index.byName.get(rest);
    if (exact) {
      found.push(...exact);
      words.push(rest);
      return '';
    }
    const prefix = index.prefixes.find((name) => rest.startsWith(name) && rest.length > name.length);
    if (!prefix) return rest;
    found.push(...index.byName.get(prefix)!);
    words.push(prefix);
    rest = rest.slice(prefix.length);
  }
}

/** Keeps the most precise places: 龙岩 长汀 → 长汀县 only. */
function narrowest(places: Place[]): Place[] {
  const unique = [...new Map(places.map((p) => [p.code, p])).values()];
  return unique.filter((p) => !unique.some((other) => other.code !== p.code && other.code.startsWith(p.code)));
}

/**
 * Splits a query into places, conditions and text. `keep` holds words never split for a place
 * (沙县小吃 is a trade, not 沙县 + 小吃).
 */
export function understandQuery(q: string, index: PlaceIndex, keep: Set<string> = new Set()): UnderstoodQuery {
  let text = q.normalize('NFKC').toLowerCase();
  const conditions = new Set<ConditionKey>();
  let age: number | null = null;
  text = text.replace(/(\d{2})\s*(岁|周岁)(以上|以下|左右)?/g, (_, n: string) => {
    age = Number(n);
    return ' ';
  });
  if (/大龄|年纪大|年龄大|中老年/.test(text)) {
    age ??= 50;
    text = text.replace(/大龄|年纪大|年龄大|中老年/g, ' ');
  }
  for (const { word, key } of CONDITION_WORDS) {
    if (text.includes(word)) {
      conditions.add(key);
      text = text.replaceAll(word, ' ');
    }
  }
  if (conditions.has('boardLodging')) {
    conditions.delete('lodging');
    conditions.delete('meals');
  }
  for (const word of FILLER) text = text.replaceAll(word, ' ');
  const places: Place[] = [];
  const placeWords: string[] = [];
  const words: string[] = [];
  for (const raw of text.split(/[\s,，、。;；/|+＋]+/)) {
    let token = raw;
    for (const lead of LEADING) {
      if (token.startsWith(lead) && !keep.has(token)) token = token.slice(lead.length);
    }
    token = takePlaces(token, index, keep, places, placeWords);
    if (token && !LEADING.includes(token)) words.push(token);
  }
  let withoutPlaces = q.normalize('NFKC');
  for (const word of placeWords) withoutPlaces = withoutPlaces.replace(word, ' ');
  withoutPlaces = withoutPlaces.replace(/\s+/g, ' ').trim();
  return { text: words.join(' '), places: narrowest(places), conditions: [...conditions], age, withoutPlaces };
}

/** The Meilisearch filters a read query adds. */
export function understoodFilter(understood: UnderstoodQuery): string[] {
  const filter: string[] = understood.conditions.flatMap((key) => CONDITIONS[key].filter);
  if (understood.places.length) {
    filter.push(`regionPrefixes IN [${understood.places.map((p) => `"${p.code}"`).join(', ')}]`);
  }
  if (understood.age !== null) {
    filter.push(`(ageMax IS NULL OR ageMax >= ${understood.age})`, `(ageMin IS NULL OR ageMin <= ${understood.age})`);
  }
  return filter;
}

/**
 * The text as Meilisearch should read it: each Chinese word of two or more characters as a phrase.
 * Meilisearch cuts a query word it does not know (服务员 → 服务 + 员) and, unquoted, would take the
 * pieces from different fields (服务 from an employer's name, 员 from another job's title). Quoted,
 * the pieces must stand together; nameGrams holds every 2-3 character piece of a job's names on its
 * own, so a word inside a longer word is still found. A single character stays a prefix (茶 → 茶园).
 */
export function asPhrases(text: string): string {
  return text
    .split(' ')
    .filter(Boolean)
    .map((word) => (/\p{Script=Han}/u.test(word) && [...word].length > 1 ? `"${word.replaceAll('"', '')}"` : word))
    .join(' ');
}
