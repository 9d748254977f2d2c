/**
 * The one rule for every `next` the app redirects to: read it the way a browser would (against our own
 * address, so `/\evil.example`, `/%09/evil.example` and `https://evil.example` resolve to where they
 * really point) and keep only the path, query and fragment of an address on our own origin. Anything
 * else (another host, `javascript:`, a path a browser would read as `//host`, control characters the
 * parser cannot place) is null, and the caller falls back to a page of its own.
 */
export function sameOriginPath(next: unknown, baseUrl: string, max = 500): string | null {
  // Our own links are absolute paths or full addresses; anything else is not ours to follow.
  if (typeof next !== 'string' || !/^(\/|https?:\/\/)/i.test(next) || next.length > 4 * max) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseUrl);
    url = new URL(next, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  const path = url.pathname + url.search + url.hash;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\') || path.length > max) return null;
  return path;
}
