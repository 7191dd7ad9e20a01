import { translate } from '../platform/i18n/i18n.ts';
import type { Contribution, ReasonParams } from './features.ts';
import type { Taxonomy } from './taxonomy.ts';
import type { Audience, Lang, Reason } from './types.ts';

/** At most this many skill names in one reason: a phone screen, a reader in a hurry. */
const MAX_NAMES = 3;

function names(codes: string[], lang: Lang, name: (code: string) => string): string {
  const shown = codes.slice(0, MAX_NAMES).map(name);
  return shown.join(lang === 'en' ? ', ' : '、') + (codes.length > MAX_NAMES ? (lang === 'en' ? '…' : '等') : '');
}

function textParams(params: ReasonParams, lang: Lang, taxonomy: Taxonomy): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null) continue;
    if (key === 'skills' && Array.isArray(value)) out.skills = names(value, lang, (c) => taxonomy.skillName(c, lang));
    else if (key === 'occupation') out.occupation = taxonomy.occupationName(String(value), lang);
    else if (key === 'certificate') out.certificate = taxonomy.certificateName(String(value), lang);
    else if (key === 'region') out.region = taxonomy.regionName(String(value), lang);
    else if (key === 'kind') out.kind = translate(lang, `employerKind.${String(value)}`);
    else if (typeof value === 'number') out[key] = value.toLocaleString(lang === 'en' ? 'en' : 'zh-CN');
    else out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * The reasons of a match in plain words, strongest effect first. The person reads about a job
 * ("您会…"); an employer or officer reads about a person ("会…"). A place without a distance
 * (no coordinates) uses the reason's "_plain" wording.
 */
export function explain(
  contributions: readonly Contribution[],
  options: { lang: Lang; audience: Audience; taxonomy: Taxonomy },
): Array<Reason & { good: boolean }> {
  const side = options.audience === 'person' ? 'job' : 'candidate';
  return [...contributions]
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .map((c) => {
      const plain = c.code.startsWith('place_') && (c.params.km === null || c.params.km === undefined);
      const key = `matching.reasons.${side}.${c.code}${plain ? '_plain' : ''}`;
      const text = translate(options.lang, key, textParams(c.params, options.lang, options.taxonomy));
      return { code: c.code, text, good: c.value > 0 };
    });
}
