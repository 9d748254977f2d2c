import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { api, apiToken, Browser, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { ensureChapter } from '../people';
import { eventTasks } from './service';

let env: TestEnv;
let token: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `fmt-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(() => env.close());

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
async function newEvent(extra: Record<string, unknown> = {}) {
  const res = await api(env, 'POST', '/api/v1/events', token, {
    title: { en: `Formats ${uid()}`, es: null },
    startsAt: future(6),
    endsAt: future(6, 2),
    timeZone: 'America/Los_Angeles',
    status: 'published',
    ...extra,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { slug: string; id: string };
}

/** Parsed by ical.js, a parser written apart from the generator we use. */
function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const vevents = cal.getAllSubcomponents('vevent');
  return { method: cal.getFirstPropertyValue('method'), vevents, cal };
}

/** The text/calendar part of a stored email, unfolded from its transfer encoding. */
function inviteOf(raw: string): string {
  const m = /Content-Type: text\/calendar[^\n]*\n(?:[^\n]+\n)*?\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  expect(m).not.toBeNull();
  const body = m![1].trim();
  const header = raw.slice(0, m!.index + m![0].indexOf(body));
  if (/base64/i.test(header.slice(header.lastIndexOf('Content-Type: text/calendar'))))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

describe('calendar files', () => {
  it('downloads and feeds parse in ical.js, carry no METHOD (so no ORGANIZER is owed) and end with CRLF', async () => {
    const e = await newEvent();
    for (const path of [`/events/${e.slug}/event.ics`, '/events/calendar.ics']) {
      const res = await new Browser(env).get(path);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      const { method, vevents } = parseIcs(text);
      expect(method).toBeNull();
      const mine = vevents.find((v) => String(v.getFirstPropertyValue('uid')).startsWith(`event-${e.id}@`));
      expect(mine).toBeDefined();
      expect(mine!.getFirstPropertyValue('dtstart')!.toString()).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('an attendee who cancels gets METHOD:CANCEL with the same UID and a higher SEQUENCE than their invite', async () => {
    const e = await newEvent();
    const email = `self-${uid()}@example.org`;
    const b = new Browser(env);
    const ok = await b.post(`/events/${e.slug}/rsvp`, { name: 'Ngozi Adébáyọ̀', email });
    expect(ok.status).toBe(200);
    await drainTasks(env.deps, eventTasks);
    const [first] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email));
    expect(first.raw).toMatch(/^Auto-Submitted: auto-generated/m);
    const invite = parseIcs(inviteOf(first.raw));
    expect(invite.method).toBe('REQUEST');
    const manage = new URL(/http:\/\/pathways\.test(\/events\/manage\/[A-Za-z0-9._-]+)/.exec(first.text)![0]).pathname;
    expect((await new Browser(env).post(`${manage}/cancel`, {})).status).toBe(303);
    await drainTasks(env.deps, eventTasks);
    const mails = await env.deps.db.select().from(outbox).where(eq(outbox.to, email));
    expect(mails).toHaveLength(2);
    const cancel = parseIcs(inviteOf(mails.find((m) => m.id !== first.id)!.raw));
    expect(cancel.method).toBe('CANCEL');
    const [before, after] = [invite.vevents[0], cancel.vevents[0]];
    expect(after.getFirstPropertyValue('uid')).toBe(before.getFirstPropertyValue('uid'));
    expect(Number(after.getFirstPropertyValue('sequence'))).toBeGreaterThan(Number(before.getFirstPropertyValue('sequence')));
    expect(after.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('feeds and structured data', () => {
  it('the Atom feed has every element RFC 4287 requires, keeps typed markup as text and marks cancelled events', async () => {
    const shown = await newEvent({ title: { en: `Show <b>bold</b> ${uid()}` }, summary: { en: 'Tacos & <i>talks</i>' } });
    const gone = await newEvent({ title: { en: `Gone ${uid()}` } });
    await api(env, 'PATCH', `/api/v1/events/${gone.slug}`, token, { status: 'cancelled' });
    const xml = await (await new Browser(env).get('/events/feed.xml')).text();
    expect(xml).not.toContain('<b>bold</b>');
    expect(xml).toContain('&lt;b&gt;bold&lt;/b&gt;');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as {
      feed: Record<string, unknown> & { entry: Record<string, unknown>[] };
    };
    const { feed } = doc;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const k of ['id', 'title', 'updated', 'author']) expect(feed[k], k).toBeTruthy();
    expect((feed.author as { name: string }).name).toBeTruthy();
    for (const entry of feed.entry) {
      for (const k of ['id', 'title', 'updated', 'summary']) expect(entry[k], k).toBeTruthy();
      expect(new Date(String(entry.updated)).toString()).not.toBe('Invalid Date');
    }
    const summary = feed.entry.find((x) => String(x.title).includes('Show'))!.summary as { '@type': string; '#text': string };
    expect(summary['@type']).toBe('text');
    expect(summary['#text']).toContain('Tacos & <i>talks</i>');
    const cancelled = feed.entry.find((x) => String(x.title).includes('Gone'))!;
    expect(String(cancelled.title)).toMatch(/^Cancel/);
    expect(cancelled.category).toMatchObject({ '@term': 'cancelled' });
    expect(shown.slug).toBeTruthy();
  });

  it('JSON-LD: a structured PostalAddress, VirtualLocation for online, both for hybrid, local offsets, never an empty Place', async () => {
    const jsonLd = async (slug: string) => {
      const html = await (await new Browser(env).get(`/events/${slug}`)).text();
      return JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]) as Record<string, unknown>;
    };
    const venue = { name: 'Central Library', address: '630 W 5th St, Los Angeles, CA 90071' };
    const inPerson = await jsonLd((await newEvent({ startsAt: '2027-01-15T18:00', endsAt: '2027-01-15T20:00', venue })).slug);
    expect(inPerson.startDate).toBe('2027-01-15T18:00:00-08:00');
    expect(inPerson.endDate).toBe('2027-01-15T20:00:00-08:00');
    expect(inPerson.location).toEqual({
      '@type': 'Place',
      name: 'Central Library',
      address: { '@type': 'PostalAddress', streetAddress: venue.address },
    });
    const summer = await jsonLd((await newEvent({ startsAt: '2027-07-15T18:00', endsAt: '2027-07-15T20:00' })).slug);
    expect(summer.startDate).toBe('2027-07-15T18:00:00-07:00');
    expect(summer.location).toBeUndefined();
    const online = await jsonLd((await newEvent({ format: 'online', livestreamUrl: 'https://www.youtube.com/watch?v=abcdefghijk' })).slug);
    expect(online.location).toEqual({ '@type': 'VirtualLocation', url: 'https://www.youtube.com/watch?v=abcdefghijk' });
    const hybrid = await jsonLd(
      (
        await newEvent({
          format: 'hybrid',
          venue,
          speakers: [{ name: 'Mei-Ling Chen', photoUrl: 'https://example.org/mei.jpg', photoAlt: 'Mei-Ling' }],
        })
      ).slug,
    );
    expect((hybrid.location as { '@type': string }[]).map((x) => x['@type'])).toEqual(['Place', 'VirtualLocation']);
    expect(hybrid.image).toEqual(['https://example.org/mei.jpg']);
    expect(hybrid.organizer).toMatchObject({ '@type': 'Organization' });
  });
});

describe('add-to-calendar links', () => {
  const links = async (slug: string) => {
    const html = await (await new Browser(env).get(`/events/${slug}`)).text();
    const google = /href="(https:\/\/calendar\.google\.com\/[^"]+)"/.exec(html)![1].replaceAll('&amp;', '&');
    const outlook = /href="(https:\/\/outlook\.live\.com\/[^"]+)"/.exec(html)![1].replaceAll('&amp;', '&');
    return { google: new URL(google).searchParams, outlook: new URL(outlook).searchParams };
  };

  it('carry the event as it is now, after every edit (they are kept by what they are made of)', async () => {
    const venue = { name: 'Central Library', address: '630 W 5th St, Los Angeles, CA 90071' };
    const e = await newEvent({ startsAt: '2027-02-10T09:00', endsAt: '2027-02-10T10:30', venue });
    const before = await links(e.slug);
    expect(before.google.get('dates')).toBe('20270210T170000Z/20270210T183000Z');
    expect(before.google.get('location')).toBe(`${venue.name}, ${venue.address}`);
    expect(before.google.get('ctz')).toBe('America/Los_Angeles');
    expect(before.outlook.get('startdt')).toBe('2027-02-10T17:00:00.000Z');
    expect((await links(e.slug)).google.toString()).toBe(before.google.toString());

    const title = `Moved ${uid()}`;
    const res = await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, {
      title: { en: title, es: null },
      startsAt: '2027-02-11T09:00',
      endsAt: '2027-02-11T10:30',
      venue: { name: 'Eastside Library', address: venue.address },
    });
    expect(res.status).toBe(200);
    const after = await links(e.slug);
    expect(after.google.get('text')).toBe(title);
    expect(after.google.get('dates')).toBe('20270211T170000Z/20270211T183000Z');
    expect(after.google.get('location')).toBe(`Eastside Library, ${venue.address}`);
    expect(after.outlook.get('subject')).toBe(title);
    expect(after.outlook.get('enddt')).toBe('2027-02-11T18:30:00.000Z');
  });
});
