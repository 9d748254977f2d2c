import { htmlText, renderMarkdown } from '../../../platform/markdown';

/**
 * Organizer markdown to safe HTML: scripts, iframes, styles, event handlers and javascript: links are
 * removed; headings start at level two (the subject is the email's only h1); images keep their alt.
 */
export function markdownToHtml(md: string): string {
  return renderMarkdown(md, { images: true });
}

/** True when the markdown has something a reader would see. */
export function hasContent(md: string | undefined | null): boolean {
  if (!md) return false;
  const html = markdownToHtml(md);
  return htmlText(html).trim().length > 0 || /<img\b/.test(html);
}

/** Plain-text version of sanitised HTML: links as "text (url)", list items with dashes. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, text: string) => `${text} (${decode(href)})`)
    .replace(/<img [^>]*alt="([^"]*)"[^>]*>/g, (_m, alt: string) => (alt ? `[${alt}]` : ''))
    .replace(/<li>/g, '- ')
    .replace(/<\/(p|h2|h3|h4|li|blockquote|pre|tr|ul|ol)>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<h[234]>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .split('\n')
    .map((l) => decode(l).trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every http(s) link in sanitised HTML, in order, once each. */
export function linksIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a [^>]*href="(https?:[^"]+)"/g)) {
    const url = decode(m[1]);
    if (!out.includes(url)) out.push(url);
  }
  return out;
}
