/**
 * Characters XML 1.0 does not allow anywhere in a document, not even escaped: C0 controls other than
 * tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF. One of them in a title makes
 * every feed reader reject the whole feed, so every XML writer passes its output through here.
 */

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/** Text or an attribute value for hand-written XML: forbidden characters removed, markup escaped. */
export function xmlEscape(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
