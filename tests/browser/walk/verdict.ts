import { findEnglishWords, findGenericBanners, findLeakedValues } from './text-checks.ts';
import type { Arrival, LayoutProbe, PageProbe } from './types.ts';

/** The phone width the walk checks overflow at. */
export const PHONE_WIDTH = 390;

/**
 * Whether the status a page answered with is a defect. The site's own links and forms never lead to
 * an error page; the one exception is a POST form sent empty, which is refused with 422 and says
 * what is wrong next to each field.
 */
export function judgeStatus(status: number, arrival: Arrival, fieldErrors: string[], banners: string[] = []): string[] {
  if (status >= 500) return [`answered ${status}`];
  if (status === 422 && arrival === 'post-empty') {
    return fieldErrors.length > 0 ? [] : ['answered 422 to an empty form without naming any field'];
  }
  if (status >= 400) {
    // What the page said, so a refused form can be told from a wrong typical value without rerunning.
    const said = [...banners, ...fieldErrors].slice(0, 4).join(' | ');
    return [`answered ${status}${said ? `: ${said}` : ''}`];
  }
  return [];
}

/** What the page says: leaked values, generic banners, English words on a Chinese page. */
export function judgeText(probe: Pick<PageProbe, 'lang' | 'text' | 'attributeText' | 'fieldValues'>): string[] {
  const problems: string[] = [];
  const leaks = findLeakedValues([probe.text, probe.attributeText, ...probe.fieldValues]);
  for (const leak of leaks) problems.push(`shows ${leak}`);
  for (const banner of findGenericBanners(probe.text)) problems.push(`shows the generic banner "${banner}"`);
  if (probe.lang.toLowerCase().startsWith('zh')) {
    // A leaked value (NaN, undefined) is reported once, as what it is, not also as English.
    const leaked = new Set(leaks.flatMap((leak) => /^"([^"]+)"/.exec(leak)?.[1]?.match(/[A-Za-z]+/g) ?? []));
    const words = findEnglishWords(`${probe.text}\n${probe.attributeText}`).filter((word) => !leaked.has(word));
    if (words.length > 0) problems.push(`shows English on a Chinese page: ${words.slice(0, 12).join(', ')}`);
  }
  return problems;
}

/** Horizontal overflow at phone width and boxes spilling out of their cards (at every width). */
export function judgeLayout(layout: LayoutProbe, width: number): string[] {
  const problems: string[] = [];
  if (width <= PHONE_WIDTH && layout.documentWidth > layout.viewportWidth + 1) {
    const culprits = layout.pastViewport.map((s) => `${s.element} by ${s.by}px`).join('; ');
    problems.push(
      `scrolls sideways at ${width}px (page ${layout.documentWidth}px wide)${culprits ? `: ${culprits}` : ''}`,
    );
  }
  for (const spill of layout.outOfCard) {
    problems.push(`${spill.element} spills ${spill.by}px out of its card ${spill.container}`);
  }
  return problems;
}
