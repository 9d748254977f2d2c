import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { api, apiToken, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../../modules/people';
import { importFile, upsertAgency } from '../../modules/jobs';
import { xmlEscape, xmlSafe } from './xml';

const HOSTILE = 'A\u0001B\u000bC\uFFFED\uFFFFE\uD800F\uDC00G\u001fH';
// Stored through the app: lone surrogates are covered by the unit test above.
const STORED = 'A\u0001B\u000bC\uFFFED\uFFFFE\u0002F\u0008G\u001fH';

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('xmlSafe', () => {
  it('removes what XML 1.0 forbids and keeps everything else, astral characters included', () => {
    expect(xmlSafe(HOSTILE)).toBe('ABCDEFGH');
    expect(xmlSafe('a\u0000b\u007fc')).toBe('ab\u007fc');
    expect(xmlSafe('tab\tnl\ncr\r 👩🏽‍💻 Ñ')).toBe('tab\tnl\ncr\r 👩🏽‍💻 Ñ');
    expect(xmlEscape('<a href="x">&\u0001</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});

describe('feeds with control characters in titles', () => {
  let env: TestEnv;
  const u = uid();
  beforeAll(async () => {
    env = await testEnv({ RATE_LIMITS: 'off', PAGE_CACHE_SECONDS: '0' });
    await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
    const token = await apiToken(env, `feed-org-${u}@example.org`, 'organizer', 'los-angeles');
    const day = 86_400_000;
    const res = await api(env, 'POST', '/api/v1/events', token, {
      title: { en: `Feed ${u} ${STORED}`, es: `Fuente ${u} ${STORED}` },
      summary: { en: STORED },
      chapter: 'los-angeles',
      startsAt: new Date(Date.now() + 10 * day).toISOString(),
      endsAt: new Date(Date.now() + 10 * day + 7_200_000).toISOString(),
      timeZone: 'UTC',
      status: 'published',
    });
    expect(res.status).toBe(201);
    await upsertAgency(env.deps.db, { slug: `feed-city-${u}`, name: `Feed City ${u}`, level: 'city' });
    const closes = new Date(Date.now() + 10 * day).toLocaleDateString('en-US', { timeZone: 'America/Los_Angeles' });
    const csv = [
      'source_id,title,agency,classification,salary_min,salary_max,salary_interval,workplace,closes,no_degree,entry_level,summary,locations',
      `F1-${u},"Data Analyst ${STORED}",Feed City ${u},Data Analyst,90000,110000,year,remote,${closes},yes,no,"Summary ${STORED}",Los Angeles CA`,
    ].join('\n');
    expect((await importFile(env.deps.db, { format: 'csv', text: csv, agencySlug: undefined })).created).toBe(1);
  });
  afterAll(() => env.close());

  it.each([
    '/events/feed.xml',
    '/es/events/feed.xml',
    `/jobs/feed.rss?agency=feed-city-${u}`,
    `/jobs/feed.atom?agency=feed-city-${u}`,
    `/es/jobs/feed.rss?agency=feed-city-${u}`,
  ])('%s is well-formed XML 1.0 and still carries the title', async (path) => {
    const res = await env.app.request(path);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(FORBIDDEN.exec(xml)).toBeNull();
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser().parse(xml) as Record<string, unknown>;
    expect(JSON.stringify(doc)).toMatch(/ABCDEFGH/);
  });
});
