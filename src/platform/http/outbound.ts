import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';

/**
 * The one way the server fetches an address someone typed in (job feeds, URL imports). Anyone who may
 * add a feed could otherwise make the server reach its own loopback, the private network or a cloud
 * metadata service, and read the answer back. See docs/decisions/0009-outbound-fetch-and-urls.md.
 */

export type OutboundReason = 'scheme' | 'port' | 'address' | 'redirects' | 'tooLarge' | 'timeout' | 'status' | 'network' | 'badUrl';

/** Carries only a reason and, for `status`, the status code: never text from the other side. */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundReason,
    readonly status?: number,
  ) {
    super(status ? `outbound ${reason} ${status}` : `outbound ${reason}`);
    this.name = 'OutboundError';
  }
}

export interface OutboundOptions {
  /** `host:port` entries reachable even on non-public addresses or other ports (OUTBOUND_ALLOW). */
  allow?: readonly string[];
  headers?: Record<string, string>;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The address finally answered, after redirects. */
  url: string;
}

export const OUTBOUND_MAX_BYTES = 20 * 1_048_576;
const OUTBOUND_TIMEOUT_MS = 30_000;
const OUTBOUND_MAX_REDIRECTS = 3;

/** Only addresses on the public internet: ipaddr.js calls every other range by a name of its own. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'unicast';
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? 443 : 80);
/** URL.hostname keeps the brackets of an IPv6 literal; addresses and allow entries do not. */
const bareHost = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();

function allowed(allow: readonly string[], host: string, port: number): boolean {
  return allow.some((entry) => {
    const i = entry.lastIndexOf(':');
    if (i < 0) return false;
    const h = bareHost(entry.slice(0, i).trim());
    const p = entry.slice(i + 1).trim();
    return (h === '*' || h === host) && Number(p) === port;
  });
}

/** Whether the address may be contacted at all, before any connection. */
function checkTarget(url: URL, allow: readonly string[]): { host: string; port: number; trusted: boolean } {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('scheme');
  if (url.username || url.password) throw new OutboundError('badUrl');
  const host = bareHost(url.hostname);
  const port = url.port ? Number(url.port) : defaultPort(url.protocol);
  // An exact host:port entry trusts that host, private or not; `*:port` only opens a port.
  const trusted = allow.some((e) => !e.trim().startsWith('*:') && allowed([e], host, port));
  if (port !== 80 && port !== 443 && !allowed(allow, host, port)) throw new OutboundError('port');
  if (!trusted && net.isIP(host) && !isPublicAddress(host)) throw new OutboundError('address');
  return { host, port, trusted };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Resolves like the default lookup, then refuses the connection if any address is not public: the
 * address checked is the one connected to, so a name that resolves differently a second time (DNS
 * rebinding) gains nothing.
 */
function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as dns.LookupAddress[];
    if (list.length === 0 || list.some((a) => !isPublicAddress(a.address))) {
      return callback(Object.assign(new OutboundError('address'), { code: 'EADDRNOTALLOWED' }), '', 0);
    }
    if (options.all) callback(null, list);
    else callback(null, list[0].address, list[0].family);
  });
}

const SAFE_ACROSS_ORIGINS = new Set(['accept', 'accept-language', 'user-agent']);

/**
 * GETs `raw`, following at most three redirects by hand (each target checked again), with a time
 * limit on the whole exchange and a size limit while reading (after decompression). Answers other than
 * 2xx are an OutboundError('status') whose body is never read.
 */
export async function outboundFetch(raw: string | URL, opts: OutboundOptions = {}): Promise<OutboundResponse> {
  const allow = opts.allow ?? [];
  const maxBytes = opts.maxBytes ?? OUTBOUND_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? OUTBOUND_MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? OUTBOUND_TIMEOUT_MS);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    clearTimeout(timer);
    throw new OutboundError('badUrl');
  }
  let headers = { ...(opts.headers ?? {}) };
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(url, headers, allow, maxBytes, controller.signal);
      if (res.location !== undefined) {
        if (hop >= maxRedirects) throw new OutboundError('redirects');
        let next: URL;
        try {
          next = new URL(res.location, url);
        } catch {
          throw new OutboundError('badUrl');
        }
        // Credentials meant for one site (an API key header) are not handed to another.
        if (next.origin !== url.origin)
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => SAFE_ACROSS_ORIGINS.has(k.toLowerCase())));
        url = next;
        continue;
      }
      return { status: res.status, headers: res.headers, body: res.body!, url: url.toString() };
    }
  } catch (err) {
    if (controller.signal.aborted && !(err instanceof OutboundError && err.reason !== 'network')) throw new OutboundError('timeout');
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  location?: string;
  body?: Buffer;
}

function request(url: URL, headers: Record<string, string>, allow: readonly string[], maxBytes: number, signal: AbortSignal): Promise<Hop> {
  const { trusted } = checkTarget(url, allow);
  return new Promise<Hop>((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(
      url,
      {
        method: 'GET',
        headers: { 'accept-encoding': 'gzip, deflate, br', ...headers },
        signal,
        lookup: trusted ? undefined : (guardedLookup as unknown as net.LookupFunction),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location !== undefined) {
          res.resume();
          return resolve({ status, headers: res.headers, location: res.headers.location });
        }
        if (status < 200 || status >= 300) {
          res.destroy();
          return reject(new OutboundError('status', status));
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          return reject(new OutboundError('tooLarge'));
        }
        let stream: Readable = res;
        const encoding = String(res.headers['content-encoding'] ?? '')
          .trim()
          .toLowerCase();
        if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const chunks: Buffer[] = [];
        let size = 0;
        let settled = false;
        const fail = (err: OutboundError) => {
          if (settled) return;
          settled = true;
          res.destroy();
          if (stream !== res) stream.destroy();
          reject(err);
        };
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return fail(new OutboundError('tooLarge'));
          if (settled) return;
          chunks.push(chunk);
        });
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          resolve({ status, headers: res.headers, body: Buffer.concat(chunks) });
        });
        // A connection cut (or the time limit) mid-body ends the response without 'end'.
        stream.on('close', () => fail(new OutboundError(signal.aborted ? 'timeout' : 'network')));
        stream.on('error', () => fail(new OutboundError(signal.aborted ? 'timeout' : 'network')));
        res.on('error', () => fail(new OutboundError(signal.aborted ? 'timeout' : 'network')));
      },
    );
    req.on('error', (err) =>
      reject(
        err instanceof OutboundError
          ? err
          : (err as { reason?: string }).reason === 'address'
            ? new OutboundError('address')
            : new OutboundError(signal.aborted ? 'timeout' : 'network'),
      ),
    );
    req.end();
  });
}
