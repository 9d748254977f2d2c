import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { addVary, chooseEncoding, encode, isCompressible, type Encoding } from './compression';

/**
 * The built files in public/build (one CSS file, small scripts, icons), served from memory: each is
 * read once, compressed once (brotli and gzip, best settings: the build writes them beside the file,
 * and a file without them, as in development, is compressed here) and given an ETag from its content.
 * A file is looked at again at most once a second, so a rebuild shows without a stat on every page.
 * Pages link them as `/assets/<file>?v=<hash>` (`assetUrl`), so a browser may keep such a URL for a
 * year; a new build changes the hash and so the URL. Without `?v` (or an old one) the file is sent
 * with its ETag and must be revalidated, which answers 304 when nothing changed.
 */
const ROOT = path.resolve('public/build');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  mtimeMs: number;
  checkedAt: number;
  hash: string;
  type: string;
  bodies: Partial<Record<Encoding, Buffer>>;
}

const loaded = new Map<string, Asset>();

function load(rel: string): Asset | null {
  const file = path.join(ROOT, rel);
  if (!file.startsWith(ROOT + path.sep)) return null;
  const known = loaded.get(rel);
  const now = Date.now();
  if (known && now - known.checkedAt < 1000) return known;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    loaded.delete(rel);
    return null;
  }
  if (!stat.isFile()) return null;
  if (known && known.mtimeMs === stat.mtimeMs) {
    known.checkedAt = now;
    return known;
  }
  const body = fs.readFileSync(file);
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const asset: Asset = {
    mtimeMs: stat.mtimeMs,
    checkedAt: now,
    hash: crypto.createHash('sha256').update(body).digest('base64url').slice(0, 12),
    type,
    bodies: { identity: body },
  };
  if (isCompressible(type) && body.length >= 512) {
    asset.bodies.br = prebuilt(`${file}.br`, stat.mtimeMs) ?? encode(body, 'br');
    asset.bodies.gzip = prebuilt(`${file}.gz`, stat.mtimeMs) ?? encode(body, 'gzip');
  }
  loaded.set(rel, asset);
  return asset;
}

/** The build's compressed copy, if it was written after the file itself (else it is of an older file). */
function prebuilt(file: string, sourceMtimeMs: number): Buffer | null {
  try {
    return fs.statSync(file).mtimeMs >= sourceMtimeMs ? fs.readFileSync(file) : null;
  } catch {
    return null;
  }
}

/** `/assets/<file>?v=<content hash>`: the URL pages should use, cacheable for a year. */
export function assetUrl(file: string): string {
  const asset = load(file);
  return asset ? `/assets/${file}?v=${asset.hash}` : `/assets/${file}`;
}

export const serveAssets: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
  let rel: string;
  try {
    rel = decodeURIComponent(c.req.path.slice('/assets/'.length));
  } catch {
    return next();
  }
  if (!rel || rel.includes('\0') || rel.split('/').some((s) => s === '..' || s === '')) return next();
  const asset = load(rel);
  if (!asset) return next();
  // Weak: the same content is sent as brotli, gzip or plain bytes.
  const etag = `W/"${asset.hash}"`;
  const headers = new Headers({
    'Content-Type': asset.type,
    ETag: etag,
    'Cache-Control': c.req.query('v') === asset.hash ? 'public, max-age=31536000, immutable' : 'public, no-cache',
  });
  const compressible = !!asset.bodies.br;
  if (compressible) addVary(headers, 'Accept-Encoding');
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.slice(2)))
    return new Response(null, { status: 304, headers });
  const encoding = compressible ? chooseEncoding(c.req.header('accept-encoding')) : 'identity';
  const body = asset.bodies[encoding] ?? asset.bodies.identity!;
  if (encoding !== 'identity' && asset.bodies[encoding]) headers.set('Content-Encoding', encoding);
  headers.set('Content-Length', String(body.length));
  return new Response(c.req.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
};
