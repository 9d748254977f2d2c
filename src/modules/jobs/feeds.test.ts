import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { Browser, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { jobFeeds, jobs } from './schema';
import { addFeed, listFeeds, runDueFeeds } from './service';
import { jobsCli } from './cli';

let env: TestEnv;
let server: http.Server;
let base: string;
let body = '';
const seen: http.IncomingHttpHeaders[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    if (req.url?.startsWith('/missing')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': req.url?.startsWith('/usajobs') ? 'application/json' : 'application/rss+xml' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The feed server is on loopback, which the outbound fetch refuses unless allowed by name.
  env = await testEnv({ OUTBOUND_ALLOW: `127.0.0.1:${(server.address() as AddressInfo).port}` });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
});
const run = () => runDueFeeds(env.deps.db, { secret: env.deps.secret, allow: env.deps.config.OUTBOUND_ALLOW });
afterAll(async () => {
  server.close();
  await env.close();
});

it('re-imports scheduled feeds when due: new jobs, then removed ones closed; USAJOBS gets its key', async () => {
  const u = uid();
  const xml = fs
    .readFileSync(path.join(import.meta.dirname, 'fixtures', 'neogov.xml'), 'utf8')
    .replace(/4711/g, `4711${u}`)
    .replace(/Fixture Heights/g, `Fixture Heights ${u}`);
  body = xml;
  const organizer = new Browser(env);
  await organizer.signInAs(`feeds-${u}@example.org`, { role: 'organizer', scope: 'los-angeles' });
  expect((await organizer.post('/admin/jobs/feeds', { url: 'not a url', format: 'neogov' })).headers.get('location')).toContain(
    'error=feed',
  );
  expect(
    (await organizer.post('/admin/jobs/feeds', { url: `${base}/rss/${u}`, format: 'neogov', everyHours: '24' })).headers.get('location'),
  ).toContain('feed=added');
  const feed = (await listFeeds(env.deps.db)).find((f) => f.url.endsWith(u))!;

  await run();
  let [f] = await env.deps.db.select().from(jobFeeds).where(eq(jobFeeds.id, feed.id));
  expect(f).toMatchObject({ lastStatus: 'done', lastSummary: '4 items: 4 new, 0 updated, 0 unchanged, 0 closed, 0 skipped.' });

  // Not due again for 24 hours.
  body = xml.replace(/<item>\s*<guid isPermaLink="false">4711\w+002<\/guid>[\s\S]*?<\/item>/, '');
  await run();
  expect((await env.deps.db.select().from(jobFeeds).where(eq(jobFeeds.id, feed.id)))[0].lastSummary).toBe(f.lastSummary);
  await env.deps.db
    .update(jobFeeds)
    .set({ lastRunAt: sql`now() - interval '25 hours'` })
    .where(eq(jobFeeds.id, feed.id));
  await run();
  [f] = await env.deps.db.select().from(jobFeeds).where(eq(jobFeeds.id, feed.id));
  expect(f.lastSummary).toBe('3 items: 0 new, 0 updated, 3 unchanged, 1 closed, 0 skipped.');
  const [gis] = await env.deps.db
    .select()
    .from(jobs)
    .where(eq(jobs.sourceId, `4711${u}002`));
  expect(gis.status).toBe('closed');

  // USAJOBS: key and email sent as the API asks; a failing server is recorded, not thrown.
  body = JSON.stringify({ SearchResult: { SearchResultItems: [], UserArea: { NumberOfPages: '1' } } });
  const usajobs = await addFeed(env.deps.db, env.deps.secret, {
    url: `${base}/usajobs?Keyword=it&LocationName=Los%20Angeles`,
    format: 'usajobs',
    apiKey: `key-${u}`,
    email: `me-${u}@example.org`,
  });
  // Stored sealed with the app's secret key, and never on the organizer's page.
  expect(usajobs.apiKey).not.toContain(`key-${u}`);
  expect(usajobs.apiKey).toMatch(/^v1\./);
  expect(await (await organizer.get('/admin/jobs/import')).text()).not.toContain(`key-${u}`);
  await env.deps.db.insert(jobFeeds).values({ url: `${base}/missing/${u}`, format: 'neogov' });
  // A key stored in clear before sealing existed: used, then sealed.
  const [old] = await env.deps.db
    .insert(jobFeeds)
    .values({ url: `${base}/usajobs?Keyword=old-${u}`, format: 'usajobs', apiKey: `old-key-${u}`, email: `me-${u}@example.org` })
    .returning();
  await run();
  expect(seen.some((x) => x['authorization-key'] === `old-key-${u}`)).toBe(true);
  const [resealed] = await env.deps.db.select().from(jobFeeds).where(eq(jobFeeds.id, old.id));
  expect(resealed.apiKey).toMatch(/^v1\./);
  const h = seen.find((x) => x['authorization-key'] === `key-${u}`)!;
  expect(h['user-agent']).toBe(`me-${u}@example.org`);
  const broken = (await listFeeds(env.deps.db)).find((x) => x.url.endsWith(`/missing/${u}`))!;
  expect(broken).toMatchObject({ lastStatus: 'rejected', lastSummary: 'The server answered with status 404.' });
});

it('never fetches a non-public feed address, and never repeats what a failing server said', async () => {
  const u = uid();
  let victimHits = 0;
  const victim = http.createServer((_req, res) => (victimHits++, res.end('title,agency\nLeaked,Internal')));
  await new Promise<void>((r) => victim.listen(0, '127.0.0.1', r));
  const vp = (victim.address() as AddressInfo).port;
  const secret = `SECRET-${u}-hunter2`;
  const talkative = http.createServer((req, res) => {
    if (req.url?.startsWith('/down')) return void res.writeHead(500).end(`${secret} stack trace`);
    if (req.url?.startsWith('/hop')) return void res.writeHead(302, { location: `http://localhost:${vp}/` }).end(secret);
    res.writeHead(200).end(`${secret} is not a feed`);
  });
  await new Promise<void>((r) => talkative.listen(0, '127.0.0.1', r));
  const tp = (talkative.address() as AddressInfo).port;
  const allow = [`127.0.0.1:${tp}`, `*:${vp}`];
  try {
    const urls = [
      `http://2130706433:${vp}/${u}`,
      `http://0x7f.1:${vp}/${u}`,
      `http://[::1]:${vp}/${u}`,
      `http://[::ffff:127.0.0.1]:${vp}/${u}`,
      `http://[::ffff:a9fe:a9fe]/${u}`,
      `http://127.0.0.1:${tp}/hop/${u}`,
    ];
    for (const url of urls) await env.deps.db.insert(jobFeeds).values({ url, format: 'csv' });
    for (const format of ['usajobs', 'neogov', 'csv'] as const)
      await env.deps.db.insert(jobFeeds).values({ url: `http://127.0.0.1:${tp}/ok/${format}/${u}`, format });
    await env.deps.db.insert(jobFeeds).values({ url: `http://127.0.0.1:${tp}/down/${u}`, format: 'neogov' });
    await runDueFeeds(env.deps.db, { secret: env.deps.secret, allow });
    const mine = (await listFeeds(env.deps.db)).filter((f) => f.url.includes(u));
    expect(mine).toHaveLength(10);
    expect(victimHits).toBe(0);
    for (const f of mine) {
      expect(f.lastStatus, f.url).toBe('rejected');
      expect(f.lastSummary, f.url).not.toContain('SECRET');
    }
    expect(mine.find((f) => f.url.includes('2130706433'))!.lastSummary).toMatch(/cannot be fetched/);
    expect(mine.find((f) => f.url.includes('/down/'))!.lastSummary).toBe('The server answered with status 500.');
    expect(await env.deps.db.select().from(jobs).where(eq(jobs.title, 'Leaked'))).toHaveLength(0);

    const admin = new Browser(env);
    await admin.signInAs(`feeds-admin-${u}@example.org`, { role: 'admin' });
    const page = await (await admin.get('/admin/jobs/import')).text();
    expect(page).toContain(`/down/${u}`);
    expect(page).not.toContain('SECRET');

    // The command-line URL import reports the same way.
    for (const [url, format] of [
      [`http://127.0.0.1:${tp}/ok/${u}`, 'usajobs'],
      [`http://127.0.0.1:${tp}/ok/${u}`, 'csv'],
      [`http://127.0.0.1:${tp}/down/${u}`, 'neogov'],
      [`http://2130706433:${vp}/`, 'csv'],
    ]) {
      const lines: string[] = [];
      const code = await jobsCli.import({
        deps: { ...env.deps, config: { ...env.deps.config, OUTBOUND_ALLOW: allow } },
        args: ['--url', url, '--format', format],
        out: (s: string) => lines.push(s),
        err: (s: string) => lines.push(s),
      });
      expect(code, url).toBe(1);
      expect(lines.join('\n')).not.toContain('SECRET');
    }
    expect(victimHits).toBe(0);
  } finally {
    victim.close();
    talkative.close();
  }
});
