import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';

export type Encoding = 'br' | 'gzip' | 'identity';

const COMPRESSIBLE =
  /^\s*(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|rss\+xml|atom\+xml|ld\+json|manifest\+json)|image\/svg\+xml)/i;

/** Brotli when the client takes it (smaller), else gzip, else none. q=0 means "not this one". */
export function chooseEncoding(acceptEncoding: string | undefined | null): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

const brotliOptions = (body: Buffer, quality: number, windowBits = zlib.constants.BROTLI_DEFAULT_WINDOW): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_LGWIN]: windowBits,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
  },
});
const brotliLater = promisify(zlib.brotliCompress);
const gzipLater = promisify(zlib.gzip);

/**
 * Bytes kept in memory and sent many times (cached pages, built assets): compressed once, at the best
 * levels (brotli 11, gzip 9).
 */
export function encode(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return zlib.brotliCompressSync(body, brotliOptions(body, 11));
  if (encoding === 'gzip') return zlib.gzipSync(body, { level: 9 });
  return body;
}

/**
 * A one-off answer (an uncached page, JSON): brotli 3, which takes half the time of 4 on our pages for
 * 7% more bytes (decision 60); gzip 6. Compressed on libuv's thread pool, so the event loop answers
 * other requests meanwhile (decision 59). Pages most visitors get come from the page cache, at 11.
 * The window is 256 KB instead of brotli's 4 MB: on the pool's threads, brotli 3 with the large
 * window took 1.5 ms of CPU for a 19 KB page (0.35 ms with this one, the same bytes).
 */
function encodeLater(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') return brotliLater(body, brotliOptions(body, 3, 18));
  if (encoding === 'gzip') return gzipLater(body, { level: 6 });
  return Promise.resolve(body);
}

export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

const texts = new WeakMap<Response, string>();

/**
 * Keeps the text a response was made from beside it. Reading a body back through the response makes
 * the Node adapter build a full web Response and stream the string through it; the compression and
 * the page cache, which read every page they see, take the text from here instead.
 */
export function withText(res: Response, text: string): Response {
  texts.set(res, text);
  return res;
}

/** The text a response was made from (`withText`), or null when it was not kept. */
export function keptText(res: Response): string | null {
  return texts.get(res) ?? null;
}

/** Replaces the response whole (Hono's `c.res =` would copy the old headers, stale lengths included). */
export function replaceResponse(c: Context, res: Response): void {
  c.res = undefined as unknown as Response;
  c.res = res;
}

export function addVary(headers: Headers, value: string): void {
  const current = headers.get('Vary');
  if (current === '*') return;
  const parts = (current ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.some((p) => p.toLowerCase() === value.toLowerCase())) parts.push(value);
  headers.set('Vary', parts.join(', '));
}

/**
 * Compresses pages, JSON, CSS and scripts that were not compressed already (the page cache and the
 * asset handler send bytes they compressed once). Small bodies (< 1 KB) and HEAD answers go as they are.
 */
export const compression: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const res = c.res;
  const text = keptText(res);
  if (c.req.method === 'HEAD' || (text === null && !res.body) || res.status === 204 || res.status === 206 || res.status === 304) return;
  if (res.headers.has('Content-Encoding') || !isCompressible(res.headers.get('Content-Type'))) return;
  if (/no-transform/i.test(res.headers.get('Cache-Control') ?? '')) return;
  const length = Number(res.headers.get('Content-Length') ?? NaN);
  if (length < 1024) return;
  addVary(res.headers, 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  if (encoding === 'identity') return;
  const body = text === null ? Buffer.from(await res.arrayBuffer()) : Buffer.from(text);
  const headers = new Headers(res.headers);
  if (body.length < 1024) {
    headers.set('Content-Length', String(body.length));
    replaceResponse(c, new Response(new Uint8Array(body), { status: res.status, headers }));
    return;
  }
  const out = await encodeLater(body, encoding);
  headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(out.length));
  const etag = headers.get('ETag');
  if (etag && !etag.startsWith('W/')) headers.set('ETag', `W/${etag}`);
  replaceResponse(c, new Response(new Uint8Array(out), { status: res.status, headers }));
};
