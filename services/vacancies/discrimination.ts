/**
 * Wording that restricts a job by sex or ethnicity (就业促进法 第二十七、二十八条). A job ad
 * carrying it is refused, naming the phrase, so the employer can reword it.
 */
const PATTERNS: RegExp[] = [
  /(?:限|仅限|只限|仅招|只招|仅要|只要|限招|招收)\s*(?:男|女)(?:性|士|生|工)?/,
  /(?:男|女)(?:性|士|生|工)?\s*(?:优先|勿扰|免谈|不要|不招|不收)/,
  /不(?:招|收|要)(?:收)?\s*(?:男|女)(?:性|士|生|工)?/,
  /(?:限|仅限|只限|只招|仅招)?\s*汉族/,
  /(?:限|仅限|只限|只招|仅招|不招|不收|谢绝)\s*[\p{Script=Han}]{0,3}族/u,
  /少数民族\s*(?:勿扰|不要|不招|免谈)/,
];

export function discriminatoryPhrase(text: string): string | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return match[0].trim();
  }
  return null;
}
