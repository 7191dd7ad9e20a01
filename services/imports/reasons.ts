import { translate } from '../platform/i18n/i18n.ts';

/**
 * Issues and duplicate flags store a reason code; people read it in their language
 * (imports.reasons.<code>, imports.duplicateReasons.<code> in web/locales).
 */
export function reasonText(locale: string, code: string, group: 'reasons' | 'duplicateReasons' = 'reasons'): string {
  const key = `imports.${group}.${code}`;
  const text = translate(locale, key);
  return text === key ? code : text;
}
