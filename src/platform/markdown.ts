import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { keptResults } from './kept';

/**
 * The one allow-list for text people write (event descriptions, guides, newsletter issues) and for HTML
 * that arrives from job feeds. Anything else (scripts, iframes, styles, forms, event handlers) is removed
 * and its text kept; `script`, `style` and `textarea` lose their content too.
 */
const TAGS = [
  'h2',
  'h3',
  'h4',
  'p',
  'br',
  'hr',
  'a',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  'b',
  'i',
  'blockquote',
  'code',
  'pre',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ATTRIBUTES = { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], th: ['scope'] };
/** Links may only leave for the web or a mail program; `javascript:`, `data:` and the rest are dropped. */
const SCHEMES = ['http', 'https', 'mailto'];

export interface SafeHtmlOptions {
  /** Keep images (https/http only, alt always present). Only the newsletter shows them; elsewhere they go. */
  images?: boolean;
  /** The highest heading allowed: 2 where the page or email title is the h1, 3 inside a job description. */
  topHeading?: 2 | 3;
  /** Foreign HTML tidied to one spelling: `b`/`i` become `strong`/`em`, empty paragraphs and items go. */
  tidy?: boolean;
}

/** HTML reduced to the allow-list. */
export function safeHtml(html: string, opts: SafeHtmlOptions = {}): string {
  const top = opts.topHeading ?? 2;
  const transformTags: sanitizeHtml.IOptions['transformTags'] = { h1: `h${top}`, h5: 'h4', h6: 'h4' };
  if (top === 3) transformTags.h2 = 'h3';
  if (opts.tidy) Object.assign(transformTags, { b: 'strong', i: 'em' });
  if (opts.images) transformTags.img = (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? '' } });
  return sanitizeHtml(html, {
    allowedTags: TAGS.filter((tag) => (tag !== 'img' || opts.images) && (tag !== 'h2' || top === 2)),
    allowedAttributes: ATTRIBUTES,
    allowedSchemes: SCHEMES,
    allowedSchemesByTag: { img: ['https', 'http'] },
    transformTags,
    exclusiveFilter: opts.tidy ? (frame) => ['p', 'li'].includes(frame.tag) && !frame.text.trim() : undefined,
  });
}

/** Markdown (GitHub flavour, no hard line breaks) to HTML reduced to the allow-list. */
export function renderMarkdown(md: string, opts: SafeHtmlOptions = {}): string {
  const key = `${opts.images ? 1 : 0}${opts.topHeading ?? 2}${opts.tidy ? 1 : 0}${md ?? ''}`;
  return rendered(key, () => safeHtml(marked.parse(md ?? '', { async: false, gfm: true, breaks: false }) as string, opts));
}
/**
 * A page shows the same descriptions on every request, and parsing and sanitising one costs a tenth of
 * a job page's time (about 7%): each text is rendered once, up to about 4 MB of sources and results together.
 */
const rendered = keptResults<string>({ entries: 1000, chars: 2_000_000, charsOf: (key, html) => key.length + html.length });

/** The text of some HTML with every tag removed (entities stay encoded). */
export function htmlText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} });
}
