import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { events } from './schema';
import { youtubeVideoId } from './lib/youtube';
import { fetchLivestreamViews } from './service/youtube';

// A local server that answers as the YouTube Data API v3 does: `GET /youtube/v3/videos?part=statistics&id=…&key=…`.
let env: TestEnv;
let admin = '';
let server: http.Server;
let base = '';
let allow: string[] = [];
const requests: URL[] = [];
let mode: 'ok' | 'quota' | 'huge' | 'garbage' = 'ok';
const KEY = 'test-key';
const VIEWS: Record<string, string> = { aaaaaaaaaaa: '1234', bbbbbbbbbbb: '56' };

beforeAll(async () => {
  env = await testEnv();
  admin = await apiToken(env, `admin-${uid()}@example.org`, 'admin');
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url);
    if (mode === 'quota' || url.searchParams.get('key') !== KEY) {
      res.writeHead(403, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: { code: 403, message: 'quotaExceeded' } }));
    }
    if (mode === 'huge') return res.end('x'.repeat(400 * 1024));
    if (mode === 'garbage') return res.end('<html>not json</html>');
    const ids = (url.searchParams.get('id') ?? '').split(',');
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(
      JSON.stringify({
        kind: 'youtube#videoListResponse',
        items: ids
          .filter((id) => VIEWS[id])
          .map((id) => ({ kind: 'youtube#video', id, statistics: { viewCount: VIEWS[id], likeCount: '3', commentCount: '0' } })),
        pageInfo: { totalResults: ids.length, resultsPerPage: ids.length },
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}/youtube/v3`;
  allow = [`127.0.0.1:${port}`];
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await env.close();
});

async function event(livestreamUrl: string | undefined, startsAt = '2026-02-10T18:00', views?: number) {
  const res = await api(env, 'POST', '/api/v1/events', admin, {
    title: { en: `Stream ${uid()}` },
    startsAt,
    endsAt: `${startsAt.slice(0, 11)}20:00`,
    timeZone: 'America/Los_Angeles',
    status: 'published',
    ...(livestreamUrl ? { livestreamUrl } : {}),
    ...(views !== undefined ? { livestreamViews: views } : {}),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
const row = async (id: string) => (await env.deps.db.select().from(events).where(eq(events.id, id)))[0];

describe('livestream views from YouTube', () => {
  it('reads the video id from every kind of YouTube address, and nothing else', () => {
    expect(youtubeVideoId('https://www.youtube.com/watch?v=aaaaaaaaaaa&t=3')).toBe('aaaaaaaaaaa');
    expect(youtubeVideoId('https://youtu.be/bbbbbbbbbbb?si=x')).toBe('bbbbbbbbbbb');
    expect(youtubeVideoId('https://m.youtube.com/live/ccccccccccc')).toBe('ccccccccccc');
    expect(youtubeVideoId('https://youtube.com/embed/dddddddd-_d')).toBe('dddddddd-_d');
    expect(youtubeVideoId('https://vimeo.com/123')).toBeNull();
    expect(youtubeVideoId('https://www.youtube.com/watch?v=short')).toBeNull();
    expect(youtubeVideoId('https://evil.example/youtube.com/watch?v=aaaaaaaaaaa')).toBeNull();
    expect(youtubeVideoId('not a url')).toBeNull();
  });

  it('fetches viewCount for started events’ YouTube streams in one request, with the time fetched', async () => {
    const a = await event('https://www.youtube.com/watch?v=aaaaaaaaaaa');
    const b = await event('https://youtu.be/bbbbbbbbbbb', '2026-03-10T18:00', 10);
    const gone = await event('https://youtu.be/eeeeeeeeeee', '2026-03-11T18:00', 7);
    const other = await event('https://vimeo.com/123', '2026-03-12T18:00', 9);
    const future = await event('https://youtu.be/aaaaaaaaaaa', '2099-03-12T18:00');
    requests.length = 0;
    const now = new Date('2026-06-01T00:00:00Z');
    const r = await fetchLivestreamViews(env.deps.db, { key: KEY, apiUrl: base, allow, now });
    expect(r).toEqual({ updated: 2, failed: 0 });
    expect(requests).toHaveLength(1);
    expect(requests[0].pathname).toBe('/youtube/v3/videos');
    expect(requests[0].searchParams.get('part')).toBe('statistics');
    expect(requests[0].searchParams.get('id')!.split(',').sort()).toEqual(['aaaaaaaaaaa', 'bbbbbbbbbbb', 'eeeeeeeeeee']);
    expect([(await row(a)).livestreamViews, (await row(a)).livestreamViewsFetchedAt?.toISOString()]).toEqual([1234, now.toISOString()]);
    expect((await row(b)).livestreamViews).toBe(56);
    // A video YouTube no longer lists keeps the organizer's count; other sites and future events are not asked about.
    expect([(await row(gone)).livestreamViews, (await row(gone)).livestreamViewsFetchedAt]).toEqual([7, null]);
    expect([(await row(other)).livestreamViews, (await row(future)).livestreamViews]).toEqual([9, null]);
    // Organizers can still enter a count.
    expect((await api(env, 'PATCH', `/api/v1/events/${(await row(b)).slug}`, admin, { livestreamViews: 60 })).status).toBe(200);
    expect([(await row(b)).livestreamViews, (await row(b)).livestreamViewsFetchedAt]).toEqual([60, null]);
    expect(
      ((await (await api(env, 'GET', `/api/v1/events/${(await row(a)).slug}`)).json()) as Record<string, unknown>).livestreamViewsFetchedAt,
    ).toBe(now.toISOString());
  });

  it('changes nothing when YouTube refuses, answers too much or answers something else', async () => {
    const a = await event('https://www.youtube.com/watch?v=aaaaaaaaaaa', '2026-02-11T18:00', 5);
    for (const m of ['quota', 'huge', 'garbage'] as const) {
      mode = m;
      const r = await fetchLivestreamViews(env.deps.db, { key: KEY, apiUrl: base, allow, now: new Date('2026-06-01T00:00:00Z') });
      expect(r.updated, m).toBe(0);
      expect(r.failed, m).toBeGreaterThan(0);
      expect((await row(a)).livestreamViews, m).toBe(5);
    }
    mode = 'ok';
    // A wrong key is refused the same way; loopback is never reached unless allowed.
    expect((await fetchLivestreamViews(env.deps.db, { key: 'wrong', apiUrl: base, allow })).updated).toBe(0);
    const before = requests.length;
    expect((await fetchLivestreamViews(env.deps.db, { key: KEY, apiUrl: base })).failed).toBeGreaterThan(0);
    expect(requests.length).toBe(before);
  });
});
