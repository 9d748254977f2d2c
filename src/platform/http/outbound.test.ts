import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundError, isPublicAddress, outboundFetch } from './outbound';

/** A local server that counts the requests it gets. */
function counting(handler: http.RequestListener = (_req, res) => void res.end('ok')) {
  const s = { hits: 0, port: 0, server: http.createServer((req, res) => (s.hits++, handler(req, res))) };
  return s;
}

const victim = counting();
const front = counting((req, res) => {
  const url = req.url ?? '/';
  const m = /^\/chain\/(\d+)$/.exec(url);
  if (m) return void (Number(m[1]) > 0 ? res.writeHead(302, { location: `/chain/${Number(m[1]) - 1}` }).end() : res.end('arrived'));
  if (url.startsWith('/to/')) return void res.writeHead(302, { location: decodeURIComponent(url.slice(4)) }).end();
  if (url === '/secret-error') return void res.writeHead(500).end('SECRET-db-password-hunter2');
  if (url === '/endless') {
    // Streams until the client hangs up; a fetch that never stops reading would never finish.
    const chunk = Buffer.alloc(1 << 20, 97);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    res.writeHead(200, { 'content-type': 'text/plain' });
    return pump();
  }
  if (url === '/gzip-bomb') {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    return void res.end(zlib.gzipSync(Buffer.alloc(200 * 1_048_576)));
  }
  if (url === '/silent') return; // never answers
  res.end('hello');
});

beforeAll(async () => {
  for (const s of [victim, front]) {
    await new Promise<void>((r) => s.server.listen(0, '127.0.0.1', r));
    s.port = (s.server.address() as AddressInfo).port;
  }
});
afterAll(() => {
  victim.server.closeAllConnections();
  front.server.closeAllConnections();
  victim.server.close();
  front.server.close();
});

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    return (err as OutboundError).reason;
  }
  return 'fetched';
}

describe('outboundFetch', () => {
  it('classifies addresses: only public unicast, IPv4-mapped IPv6 judged as IPv4', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '100.64.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '224.0.0.1',
      '255.255.255.255',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });

  it('refuses every form of a non-public address without connecting, even on an opened port', async () => {
    const p = victim.port;
    // `*:port` opens the port for public addresses only, so what refuses these is the address rule.
    const allow = [`*:${p}`];
    const hostile = [
      `http://127.0.0.1:${p}/`,
      `http://2130706433:${p}/`,
      `http://0x7f.1:${p}/`,
      `http://0177.0.0.1:${p}/`,
      `http://127.1:${p}/`,
      `http://[::1]:${p}/`,
      `http://[::ffff:127.0.0.1]:${p}/`,
      `http://[::ffff:7f00:1]:${p}/`,
      `http://0.0.0.0:${p}/`,
      `http://localhost:${p}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
      'http://10.0.0.1/',
      'http://[fd00::1]/',
    ];
    for (const url of hostile) expect(await reason(outboundFetch(url, { allow, timeoutMs: 5000 })), url).toBe('address');
    expect(await reason(outboundFetch(`file:///etc/passwd`))).toBe('scheme');
    expect(await reason(outboundFetch(`gopher://127.0.0.1:${p}/`))).toBe('scheme');
    expect(await reason(outboundFetch(`http://93.184.216.34:${p + 1}/`))).toBe('port');
    expect(victim.hits).toBe(0);
    // The same server is reached when allowed by name: the refusals above were not a dead port.
    expect((await outboundFetch(`http://127.0.0.1:${p}/`, { allow: [`127.0.0.1:${p}`] })).body.toString()).toBe('ok');
    expect(victim.hits).toBe(1);
    victim.hits = 0;
  });

  it('checks every redirect target again and follows at most three', async () => {
    const allow = [`127.0.0.1:${front.port}`, `*:${victim.port}`];
    const base = `http://127.0.0.1:${front.port}`;
    for (const target of [
      `http://127.0.0.1:${victim.port}/`,
      `http://localhost:${victim.port}/`,
      `http://2130706433:${victim.port}/`,
      `http://[::ffff:127.0.0.1]:${victim.port}/`,
      'http://169.254.169.254/',
    ]) {
      expect(await reason(outboundFetch(`${base}/to/${encodeURIComponent(target)}`, { allow })), target).toBe('address');
    }
    expect(await reason(outboundFetch(`${base}/to/${encodeURIComponent('file:///etc/passwd')}`, { allow }))).toBe('scheme');
    expect(victim.hits).toBe(0);
    expect((await outboundFetch(`${base}/chain/3`, { allow })).body.toString()).toBe('arrived');
    expect(await reason(outboundFetch(`${base}/chain/4`, { allow }))).toBe('redirects');
  });

  it('stops reading past the size limit, decompressed size included, and past the time limit', async () => {
    const allow = [`127.0.0.1:${front.port}`];
    const base = `http://127.0.0.1:${front.port}`;
    const before = process.memoryUsage().rss;
    expect(await reason(outboundFetch(`${base}/endless`, { allow }))).toBe('tooLarge');
    expect(await reason(outboundFetch(`${base}/gzip-bomb`, { allow }))).toBe('tooLarge');
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1_048_576);
    const started = Date.now();
    expect(await reason(outboundFetch(`${base}/silent`, { allow, timeoutMs: 300 }))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports an error status by its code only, never the body', async () => {
    const err = await outboundFetch(`http://127.0.0.1:${front.port}/secret-error`, { allow: [`127.0.0.1:${front.port}`] }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ reason: 'status', status: 500 });
    expect(JSON.stringify(err) + String(err) + (err as Error).stack).not.toContain('SECRET');
  });
});
