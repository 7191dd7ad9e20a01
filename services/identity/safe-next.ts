/** Any origin will do: only whether `next` stays on it matters. */
const ORIGIN = 'http://workbridge.invalid';
// Browsers drop tabs and line breaks inside URLs and read `\` as `/`; header values refuse the
// rest. Ideographic and other Unicode spaces have no place in our paths either.
function unsafe(next: string): boolean {
  for (const char of next) {
    const code = char.codePointAt(0)!;
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || char === '\\' || /\s/u.test(char)) return true;
  }
  return false;
}

/**
 * Where to send the browser after sign-in: a path of this site that a browser reads as such, else
 * `/`. An open redirect would let a phishing link borrow our sign-in page (`/\t/evil.example` is
 * `//evil.example` to a browser).
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || unsafe(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
  return path.startsWith('//') ? '/' : path;
}
