import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Ctx } from './context';
import type { LanguageRequest } from '../i18n';
import { addVary, chooseEncoding, encode, keptText, replaceResponse, type Encoding } from './compression';

/**
 * The public page cache (docs/decisions/0007-public-page-cache.md).
 *
 * A public page asked for by an anonymous visitor (no session, no token, no cookies but the CSRF and
 * language ones) is rendered once into bytes and kept in memory with an ETag; the next visitors get
 * those bytes (or a 304) without the route running again.
 *
 * Anonymous visitors' forms carry no token (decision 37), so a cached page holds nothing of one visitor:
 * it is kept with its compressed bodies (brotli, gzip), made once, and every visitor gets the same bytes.
 *
 * Correctness after edits: every successful state-changing request (POST, PUT, PATCH, DELETE; pages and
 * API alike) and every background task or schedule that ran clears the cache, and an entry started
 * before such a clear is never stored. On PostgreSQL every clear is announced to the other processes on
 * the database (cache-sync.ts, LISTEN/NOTIFY), so a second app server forgets within a moment; on a
 * broken connection, PAGE_CACHE_SECONDS still bounds how stale a page can be. Code that writes outside a
 * request or task calls `invalidatePublicCache()`; a page that must never be kept calls
 * `noPublicCache(c)` (pages rendered with `index: false` do so already).
 *
 * Only HTML is kept unless a route says otherwise with `keepPublicFile(c)`: a public file that is the
 * same for every visitor and changes only with a write (a conference's schedule.xml) then gets the same
 * treatment (ETag, 304, compressed once, answered early). Other answers (CSV for one organizer, feeds
 * behind a signed link) are never kept by accident.
 */

/** A CSRF cookie left from a signed-out session says nothing about the visitor: still anonymous. */
const COOKIES_ALLOWED = new Set(['pw_csrf', 'lang']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_ENTRIES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Headers that belong to one answer, not to the page: everything else the page set is kept and replayed. */
const PER_ANSWER_HEADERS = new Set([
  'set-cookie',
  'content-length',
  'content-encoding',
  'etag',
  'cache-control',
  'vary',
  'date',
  'x-request-id',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

interface Entry {
  body: Buffer;
  hash: string;
  createdAt: number;
  headers: [string, string][];
  bytes: number;
  /** Compressed bodies, each made on first demand. */
  encoded: Partial<Record<Encoding, Buffer>>;
  /** Each encoding's whole answer as it left the app (every header the chain added), for the early path. */
  wire: Partial<Record<Encoding, { headers: string[]; notModified: string[]; body: Buffer }>>;
}

const entries = new Map<string, Entry>();
let generation = 0;
let totalBytes = 0;
const stats = { hits: 0, misses: 0, stores: 0, clears: 0, early: 0 };

let tellPeers: (() => void) | null = null;

/** Forget every cached page. Called after each successful write; cheap, call it whenever in doubt. */
export function invalidatePublicCache(): void {
  forgetLocally();
  tellPeers?.();
}

/**
 * Other processes on the same database (a second app server, a worker, a `pathways` command) keep their
 * own caches: `share` is told of every clear here so it can pass it on, and `forgetLocally` is what a
 * clear announced by one of them calls (without announcing it again).
 */
export function sharePublicCacheClears(share: (() => void) | null): void {
  tellPeers = share;
}

export function forgetLocally(): void {
  generation++;
  if (entries.size) stats.clears++;
  entries.clear();
  totalBytes = 0;
}

/** This response must never be served to someone else (a page built for one visitor). */
export function noPublicCache(c: Ctx): void {
  c.set('noPublicCache', true);
}

/** This non-HTML answer is public and the same for everyone until the next write: keep it as pages are. */
export function keepPublicFile(c: Ctx): void {
  c.set('publicFile', true);
}

export function publicCacheStats() {
  return { ...stats, entries: entries.size, bytes: totalBytes, generation };
}

/** The Cookie header as [name, value] pairs: one reading for the app's path and the early one. */
function cookiePairs(header: string | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (name) pairs.push([name, eq < 0 ? '' : part.slice(eq + 1).trim()]);
  }
  return pairs;
}

function onlyAllowedCookies(header: string | undefined): boolean {
  return cookiePairs(header).every(([name]) => COOKIES_ALLOWED.has(name));
}

function keyOf(c: Ctx): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

function cacheableRequest(c: Ctx): boolean {
  const path = c.req.path;
  if (path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  if (c.var.viewer || c.req.header('authorization')) return false;
  return onlyAllowedCookies(c.req.header('cookie'));
}

function cacheableResponse(c: Ctx, res: Response): boolean {
  if (res.status !== 200 || c.get('noPublicCache')) return false;
  if (!(res.headers.get('content-type') ?? '').startsWith('text/html') && !c.get('publicFile')) return false;
  if (res.headers.has('content-encoding')) return false;
  if (/no-store|private/i.test(res.headers.get('cache-control') ?? '')) return false;
  // A cookie set is for one visitor; a page that sets one is never kept.
  return res.headers.getSetCookie().length === 0;
}

function store(key: string, entry: Entry) {
  const old = entries.get(key);
  if (old) totalBytes -= old.bytes;
  entries.set(key, entry);
  totalBytes += entry.bytes;
  stats.stores++;
  for (const [k, e] of entries) {
    if (entries.size <= MAX_ENTRIES && totalBytes <= MAX_BYTES) break;
    entries.delete(k);
    totalBytes -= e.bytes;
  }
}

function keptHeaders(headers: Headers): [string, string][] {
  const out: [string, string][] = [];
  headers.forEach((value, name) => {
    if (!PER_ANSWER_HEADERS.has(name.toLowerCase())) out.push([name, value]);
  });
  return out;
}

/** The browser already holds this version (a weak or strong match, as browsers send either). */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  return !!ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2));
}

/** Builds the answer from a cached (or just rendered) entry: the same for every anonymous visitor. */
function answer(c: Ctx, entry: Entry): Response {
  const etag = `W/"${entry.hash}"`;
  const headers = new Headers(entry.headers);
  for (const cookie of c.res.headers.getSetCookie()) headers.append('Set-Cookie', cookie);
  headers.set('ETag', etag);
  // The browser may keep the page but must ask again (and gets a 304 when nothing changed).
  headers.set('Cache-Control', 'no-cache');
  headers.set('Vary', 'Accept-Language, Cookie');
  addVary(headers, 'Accept-Encoding');
  if (notModified(c.req.header('if-none-match'), etag)) {
    headers.delete('Content-Type');
    return new Response(null, { status: 304, headers });
  }
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  const body = (entry.encoded[encoding] ??= encode(entry.body, encoding));
  if (encoding !== 'identity') headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.length));
  if (c.req.method === 'GET') c.set('pageCacheAnswer', { key: keyOf(c), entry, encoding, body });
  return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/**
 * The same cache, consulted first thing: a hit for an anonymous visitor is answered without running
 * the session, CSRF and language middleware (their rules are applied here: no session cookie or token,
 * no language redirect due). Misses go on down the chain.
 */
export function cachedPageFastPath(opts: { ttlSeconds: number; redirects: (c: Ctx) => boolean }): MiddlewareHandler<AppEnv> {
  const ttlMs = opts.ttlSeconds * 1000;
  return async (c, next) => {
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || ttlMs <= 0 || entries.size === 0) return next();
    const path = c.req.path;
    if (path.startsWith('/api/') || path.startsWith('/assets/') || c.req.header('authorization')) return next();
    if (!onlyAllowedCookies(c.req.header('cookie'))) return next();
    const key = keyOf(c);
    const hit = entries.get(key);
    if (!hit || Date.now() - hit.createdAt >= ttlMs || opts.redirects(c)) return next();
    stats.hits++;
    entries.delete(key);
    entries.set(key, hit);
    replaceResponse(c, answer(c, hit));
  };
}

export function publicPageCache(opts: { ttlSeconds: number }): MiddlewareHandler<AppEnv> {
  const ttlMs = opts.ttlSeconds * 1000;
  return async (c, next) => {
    const method = c.req.method;
    if (!SAFE.has(method)) {
      try {
        await next();
      } finally {
        // (A refusal, 4xx, changed nothing; anything else, failures included, may have.)
        if (c.res.status < 400 || c.res.status >= 500) invalidatePublicCache();
      }
      return;
    }
    if (method === 'OPTIONS' || ttlMs <= 0 || !cacheableRequest(c)) return next();
    const key = keyOf(c);
    const hit = entries.get(key);
    if (hit && Date.now() - hit.createdAt < ttlMs) {
      stats.hits++;
      // Most recently used last, so eviction drops the coldest pages.
      entries.delete(key);
      entries.set(key, hit);
      replaceResponse(c, answer(c, hit));
      return;
    }
    stats.misses++;
    const startedAt = generation;
    await next();
    const res = c.res;
    const kept = keptText(res);
    if (!cacheableResponse(c, res) || (kept === null && !res.body)) return;
    const html = kept ?? (await res.text());
    const entry: Entry = {
      body: Buffer.from(html),
      hash: crypto.createHash('sha256').update(html).digest('base64url').slice(0, 16),
      createdAt: Date.now(),
      headers: keptHeaders(res.headers),
      bytes: html.length * 3,
      encoded: {},
      wire: {},
    };
    // Rendered from data read before a write finished? Then it may be stale: answer it, don't keep it.
    if (generation === startedAt && method === 'GET') store(key, entry);
    replaceResponse(c, answer(c, entry));
  };
}

/** Headers that differ between two answers of the same page: made anew for each. */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'date', 'connection', 'keep-alive']);
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

/**
 * Outermost in the chain: when the page cache answered, keep that answer whole, headers and all, so the
 * next visitor asking the same way gets it from `answerEarly` without the framework running at all.
 */
export const rememberWholeAnswers: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const answered = c.get('pageCacheAnswer');
  if (!answered || c.res.status !== 200 || c.res.headers.getSetCookie().length) return;
  const { entry, encoding, body } = answered;
  if (entries.get(answered.key) !== entry) return;
  // Flat [name, value, name, value, …], as Node's writeHead takes them.
  const headers: string[] = [];
  const notModified: string[] = [];
  c.res.headers.forEach((value, name) => {
    if (PER_REQUEST_HEADERS.has(name)) return;
    headers.push(name, value);
    // A 304 says what a 200 would, less what describes the body it does not send (as `answer` does).
    if (!BODY_HEADERS.has(name)) notModified.push(name, value);
  });
  entry.wire[encoding] = { headers, notModified, body };
};

/** What the page cache served for this request, kept by `rememberWholeAnswers` once the chain has finished. */
export interface CachedAnswer {
  key: string;
  entry: Entry;
  encoding: Encoding;
  body: Buffer;
}

/**
 * The fastest answer Node can give (issue: cache hits near a bare `node:http` server): called from the
 * server's request listener before the framework builds a request. It answers only what the chain would
 * answer from the cache with these very bytes: an anonymous GET (no session, token or other cookie) of a
 * stored, fresh page, no language redirect due, in an encoding the chain has already sent once (so every header is the chain's own). Anything else returns false and goes on.
 */
export function answerEarly(
  req: IncomingMessage,
  res: ServerResponse,
  opts: { ttlSeconds: number; redirects: (r: LanguageRequest) => boolean; answered: (requestId: string, path: string, ms: number) => void },
): boolean {
  const started = performance.now();
  if (req.method !== 'GET' || opts.ttlSeconds <= 0 || entries.size === 0 || !req.url) return false;
  const h = req.headers;
  if (h.authorization) return false;
  const cookies = cookiePairs(h.cookie);
  if (!cookies.every(([name]) => COOKIES_ALLOWED.has(name))) return false;
  const langCookie = cookies.find(([name]) => name === 'lang')?.[1];
  // The address as sent is looked up as it is: keys are normalised addresses, so one written otherwise
  // (`/a/../b`, `%7E`) finds nothing here and goes to the app, which normalises it.
  const key = req.url;
  const q = key.indexOf('?');
  const path = q < 0 ? key : key.slice(0, q);
  if (path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  const hit = entries.get(key);
  if (!hit || Date.now() - hit.createdAt >= opts.ttlSeconds * 1000) return false;
  const wire = hit.wire[chooseEncoding(h['accept-encoding'])];
  if (!wire) return false;
  if (opts.redirects({ method: 'GET', path, accept: h.accept, acceptLanguage: h['accept-language'], langCookie })) return false;
  stats.hits++;
  stats.early++;
  entries.delete(key);
  entries.set(key, hit);
  const requestId = (typeof h['x-request-id'] === 'string' && h['x-request-id'].slice(0, 100)) || crypto.randomUUID();
  if (notModified(h['if-none-match'], `W/"${hit.hash}"`)) {
    res.writeHead(304, wire.notModified.concat('x-request-id', requestId));
    res.end();
  } else {
    res.writeHead(200, wire.headers.concat('x-request-id', requestId));
    res.end(wire.body);
  }
  opts.answered(requestId, path, performance.now() - started);
  return true;
}
