/**
 * The one rule for a link that came from someone else (an import, a form, the database): it is an
 * absolute http or https address, or a mailto: address where a mail link is meant. Everything else
 * (`javascript:`, `data:`, `vbscript:`, relative or protocol-relative paths) is refused, however it
 * is spelled: entities decoded, case folded, and whitespace and control characters that browsers
 * skip when reading a scheme removed before looking. See docs/decisions/0009-outbound-fetch-and-urls.md.
 */

const NAMED: Record<string, string> = {
  tab: '\t',
  newline: '\n',
  colon: ':',
  amp: '&',
  sol: '/',
  lpar: '(',
  rpar: ')',
  nbsp: '\u00a0',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
};

/** Decodes numeric and the few named character references that can hide a scheme; repeats for `&amp;#x09;`. */
function decodeEntities(s: string): string {
  let prev: string;
  let out = s;
  let rounds = 0;
  do {
    prev = out;
    out = out.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, ref: string) => {
      if (ref[0] === '#') {
        const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return NAMED[ref.toLowerCase()] ?? m;
    });
  } while (out !== prev && ++rounds < 5);
  return out;
}

// C0 controls, space, DEL, C1 controls, and invisible format characters.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g;

/** The scheme a browser would act on, lower-cased, or null when the text has none. */
function schemeOf(s: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(s.replace(INVISIBLE, ''));
  return m ? m[1].toLowerCase() : null;
}

/** A safe, normalised link, or null. */
export function safeHref(raw: string | null | undefined, opts: { mailto?: boolean } = {}): string | null {
  if (typeof raw !== 'string') return null;
  const allowed = opts.mailto ? ['http', 'https', 'mailto'] : ['http', 'https'];
  // Both spellings must agree: what the text says literally and what it says once entities are read.
  const schemes = [schemeOf(raw), schemeOf(decodeEntities(raw))];
  if (schemes.some((s) => s === null || !allowed.includes(s))) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const scheme = url.protocol.slice(0, -1);
  if (!allowed.includes(scheme) || scheme !== schemes[0]) return null;
  if (scheme !== 'mailto' && !url.hostname) return null;
  if (scheme === 'mailto' && !/^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname))) return null;
  return url.href;
}

/** For rendering stored links: a safe link, or undefined so the attribute is left out. */
export const hrefOf = (raw: string | null | undefined, opts: { mailto?: boolean } = {}): string | undefined =>
  safeHref(raw, opts) ?? undefined;

/** An address with a query built from values as typed (each one encoded): a map search, a share link. */
export function urlWithQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.href;
}
