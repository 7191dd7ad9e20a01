/**
 * The one spelling of an account name used for look-up, throttling and new accounts alike:
 * full-width letters and digits folded (NFKC), surrounding spaces (ideographic ones too) trimmed,
 * lower-cased. Every spelling a person might type reaches the same account and the same budget.
 */
export function normaliseUsername(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase();
}
