import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { ensureChapter, erasePerson } from '../people';
import { eventTasks, getEvent, importAttendees, queueReminders, rsvpMail, searchAttendees, zonedToUtc } from './service';
import { events, rsvps } from './schema';
import { createApp } from '../../app';
import { modules } from '..';
import { createEventsModule } from '.';
import type { EventsHooks } from './service/hooks';
import { recordEventPageJobs } from './service/promotions';

let env: TestEnv;
let token: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(() => env.close());

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const base = () => ({
  title: { en: `Talk ${uid()}`, es: null },
  startsAt: future(5),
  endsAt: future(5, 2),
  timeZone: 'America/Los_Angeles',
  capacity: 10,
  status: 'published',
});

async function newEvent(extra: Record<string, unknown> = {}) {
  const res = await api(env, 'POST', '/api/v1/events', token, { ...base(), ...extra });
  expect(res.status).toBe(201);
  return (await res.json()) as { slug: string; url: string; id: string };
}

describe('bad input is refused with a clear message and nothing saved', () => {
  it.each([
    [{ endsAt: future(4) }, 'endsAt', 'The end must be after the start'],
    [{ capacity: 0 }, 'capacity', 'Capacity must be 1 or more'],
    [{ capacity: -5 }, 'capacity', 'Capacity must be 1 or more'],
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'Enter a time zone like America/Los_Angeles'],
  ])('%j', async (change, field, text) => {
    const title = `Bad ${uid()}`;
    const res = await api(env, 'POST', '/api/v1/events', token, { ...base(), title, ...change });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { fields: Record<string, string> } };
    expect(body.error.fields[field]).toContain(text);
    expect(
      await env.deps.db
        .select()
        .from(events)
        .where(eq(events.title, { en: title, es: null })),
    ).toHaveLength(0);
  });

  it('refuses RSVPs to cancelled or closed events (the API has no /es copy)', async () => {
    const res = await env.app.request('/es/api/v1/events', { method: 'POST' });
    expect(res.status).toBe(404);
    const e = await newEvent();
    await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { status: 'cancelled' });
    const r = await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Late', email: `late-${uid()}@example.org` });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('cancelled');
    const closed = await newEvent({ rsvpClosesAt: future(0, 1), rsvpOpensAt: future(-1) });
    await env.deps.db
      .update(events)
      .set({ rsvpClosesAt: new Date(Date.now() - 1000) })
      .where(eq(events.slug, closed.slug));
    const r2 = await api(env, 'POST', `/api/v1/events/${closed.slug}/rsvps`, undefined, {
      name: 'Late',
      email: `late-${uid()}@example.org`,
    });
    expect(r2.status).toBe(409);
  });

  it('a 50 MB upload is refused with 413', async () => {
    const e = await newEvent();
    const big = new Uint8Array(50 * 1024 * 1024);
    const res = await env.app.request(`/api/v1/events/${e.slug}/rsvps`, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
    });
    expect(res.status).toBe(413);
  });
});

describe('event pages', () => {
  it('shows the event with fallback text, JSON-LD, Open Graph and both times for a viewer elsewhere', async () => {
    const e = await newEvent({
      title: { en: 'Open data at Metro', es: null },
      summary: { en: 'Bus lanes', es: 'Carriles de autobús' },
      description: { en: 'Hi <script>alert(1)</script> **bold**' },
      format: 'hybrid',
      livestreamUrl: 'https://www.youtube.com/watch?v=abcdefghijk',
    });
    const b = new Browser(env);
    b.cookies.set('tz', 'America/New_York');
    b.cookies.set('lang', 'es');
    const html = await (await b.get(`/es/events/${e.slug}`)).text();
    expect(html).toContain('application/ld+json');
    expect(html).toContain('"eventAttendanceMode":"https://schema.org/MixedEventAttendanceMode"');
    expect(html).toContain('property="og:title"');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('<strong>bold</strong>');
    const text = visibleText(html);
    expect(text).toContain('Open data at Metro (solo disponible en inglés)');
    expect(text).toContain('Carriles de autobús');
    expect(text).toMatch(/PST|PDT/);
    expect(text).toMatch(/tu hora: .*(EST|EDT)/);
  });

  it('RSVPs from the page, emails an invite with VTIMEZONE and a QR ticket, and the signed link cancels without sign-in', async () => {
    const e = await newEvent({ questions: [{ kind: 'yesno', label: { en: 'Vegan donut?' }, required: true }] });
    const b = new Browser(env);
    const email = `page-${uid()}@example.org`;
    const missing = await b.post(`/events/${e.slug}/rsvp`, { name: 'José Ángel', email });
    expect(missing.status).toBe(422);
    expect(visibleText(await missing.text())).toContain('Answer this question.');
    const ok = await b.post(`/events/${e.slug}/rsvp`, { name: 'José Ángel', email, 'answers.q1': 'yes' });
    expect(ok.status).toBe(200);
    expect(visibleText(await ok.text())).toContain('Check your email');
    await drainTasks(env.deps, eventTasks);
    const [mail] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email));
    const manage = new URL(/http:\/\/pathways\.test(\/events\/manage\/[A-Za-z0-9._-]+)/.exec(mail.text)![0]).pathname;
    expect(visibleText(await (await b.get(manage)).text())).toContain('Going');
    expect(mail.raw).toContain('BEGIN:VTIMEZONE');
    expect(mail.raw).toContain('TZID:America/Los_Angeles');
    expect(mail.raw).toMatch(/UID:event-[0-9a-f-]+@pathways\.test/);
    expect(mail.raw).toContain('image/png');
    const cancel = await new Browser(env).post(`${manage.split('?')[0]}/cancel`, {});
    expect(cancel.status).toBe(303);
    const row = (await searchAttendees(env.deps.db, e.id, { q: 'jose angel', limit: 5, offset: 0, status: 'cancelled' })).attendees[0];
    expect(row.status).toBe('cancelled');
  });

  it('an organizer change sends an updated invite with a higher SEQUENCE; cancelling sends METHOD:CANCEL', async () => {
    const e = await newEvent();
    const email = `seq-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Seq', email });
    await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { startsAt: future(6), endsAt: future(6, 2) });
    await drainTasks(env.deps, eventTasks);
    await api(env, 'PATCH', `/api/v1/events/${e.slug}`, token, { status: 'cancelled' });
    await drainTasks(env.deps, eventTasks);
    const mails = await env.deps.db.select().from(outbox).where(eq(outbox.to, email));
    const updated = mails.find((m) => m.subject.startsWith('Changed'))!;
    expect(updated.raw).toContain('SEQUENCE:1');
    const cancelled = mails.find((m) => m.subject.startsWith('Cancelled'))!;
    expect(cancelled.raw).toContain('METHOD:CANCEL');
    expect(cancelled.raw).toContain('SEQUENCE:2');
  });

  it('sends each reminder once', async () => {
    const e = await newEvent({ startsAt: future(1), endsAt: future(1, 1) });
    const email = `rem-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Rem', email });
    await env.deps.db
      .update(events)
      .set({ createdAt: new Date(0) })
      .where(eq(events.slug, e.slug));
    const { rsvps } = await import('./schema');
    await env.deps.db
      .update(rsvps)
      .set({ createdAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(rsvps.email, email));
    await queueReminders(env.deps);
    await queueReminders(env.deps);
    await drainTasks(env.deps, eventTasks);
    const reminders = (await env.deps.db.select().from(outbox).where(eq(outbox.to, email))).filter((m) => m.subject.startsWith('Reminder'));
    expect(reminders).toHaveLength(1);
  });
});

describe('time zones', () => {
  it('reads wall-clock times across a DST change', () => {
    expect(zonedToUtc('2026-03-07T09:00', 'America/Los_Angeles')!.toISOString()).toBe('2026-03-07T17:00:00.000Z');
    expect(zonedToUtc('2026-03-08T09:00', 'America/Los_Angeles')!.toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });
  it('an event that spans the DST change shows PST at the start and PDT at the end', async () => {
    const e = await newEvent({ startsAt: '2027-03-14T01:00', endsAt: '2027-03-14T04:00' });
    const row = await getEvent(env.deps.db, e.slug);
    expect(row.endsAt.getTime() - row.startsAt.getTime()).toBe(2 * 3_600_000);
    const text = visibleText(await (await new Browser(env).get(`/events/${e.slug}`)).text());
    expect(text).toMatch(/1:00\s?AM PST – .*4:00\s?AM PDT/);
  });
});

describe('attendee imports', () => {
  it('imports a Luma export (BOM, CRLF, quotes), merges by email, is idempotent, and lists skipped rows', async () => {
    const e = await newEvent();
    const ev = await getEvent(env.deps.db, e.slug);
    const a = `luma-${uid()}@example.org`;
    const csv =
      '\uFEFFapi_id,name,first_name,last_name,email,created_at,approval_status,checked_in_at,What do you do?\r\n' +
      `gst-1,"  Zoë Ñúñez ",,,${a},2026-01-01T10:00:00Z,approved,2026-01-10T17:05:00Z,"Data, mostly"\r\n` +
      `gst-2,Invited Only,,,inv-${uid()}@example.org,2026-01-01T10:00:00Z,invited,,\r\n` +
      `gst-3,No Mail,,,,2026-01-01T10:00:00Z,approved,,\r\n`;
    const r = await importAttendees(env.deps.db, ev, csv);
    expect(r).toMatchObject({ format: 'luma', added: 1, checkedIn: 1 });
    expect(r.skipped.map((s) => s.reason)).toEqual(['events.import.skip.invited', 'events.import.skip.noEmail']);
    const again = await importAttendees(env.deps.db, ev, csv);
    expect(again).toMatchObject({ added: 0, unchanged: 1 });
    const list = await api(env, 'GET', `/api/v1/events/${e.slug}/attendees?q=zoe%20nunez`, token);
    const body = (await list.json()) as { attendees: { name: string; status: string; checkedInAt: string }[]; total: number };
    expect(body.total).toBe(1);
    expect(body.attendees[0]).toMatchObject({ name: 'Zoë Ñúñez', status: 'going', checkedInAt: '2026-01-10T17:05:00.000Z' });
  });

  it('Eventbrite duplicates and Meetup emails from a question; wrong tool and no email column are rejected', async () => {
    const ev = await getEvent(env.deps.db, (await newEvent()).slug);
    const x = `eb-${uid()}@example.org`;
    const eb = `Order #,Order Date,First Name,Last Name,Email,Quantity,Attendee Status\n1,2026-01-01,Ana,López,${x},2,Checked In\n1,2026-01-01,Ana,López,${x},2,Checked In\n`;
    const r = await importAttendees(env.deps.db, ev, eb);
    expect(r).toMatchObject({ format: 'eventbrite', added: 1, checkedIn: 1 });
    expect(r.skipped[0].reason).toBe('events.import.skip.duplicate');
    const meetup = `Name,User ID,RSVP,RSVPed on,What is your email address?\nKai,1,Yes,2026-01-01,kai-${uid()}@example.org\nLee,2,Yes,2026-01-01,ask me later\n`;
    const m = await importAttendees(env.deps.db, ev, meetup);
    expect(m).toMatchObject({ format: 'meetup', added: 1 });
    expect(m.skipped[0].reason).toBe('events.import.skip.badEmail');
    await expect(importAttendees(env.deps.db, ev, eb, 'luma')).rejects.toMatchObject({
      messageKey: 'events.import.wrongFormat.eventbrite',
    });
    await expect(importAttendees(env.deps.db, ev, 'Name,Phone\nA,1\n')).rejects.toMatchObject({
      messageKey: 'events.import.noEmailColumn',
    });
    await expect(importAttendees(env.deps.db, ev, 'a,"b\nc')).rejects.toMatchObject({ messageKey: 'events.import.malformed' });
  });
});

describe('door check-in', () => {
  it('two volunteers checking in the same person count once; undo works; counts split government and not', async () => {
    const e = await newEvent();
    const email = `door-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Siobhán Ó Briain', email });
    const [r] = await env.deps.db.select().from(rsvps).where(eq(rsvps.email, email));
    const [one, two] = await Promise.all([
      api(env, 'POST', `/api/v1/events/${e.slug}/checkins`, token, { rsvpId: r.id }),
      api(env, 'POST', `/api/v1/events/${e.slug}/checkins`, token, { rsvpId: r.id }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const flags = [
      ((await one.json()) as { alreadyCheckedIn: boolean }).alreadyCheckedIn,
      ((await two.json()) as { alreadyCheckedIn: boolean }).alreadyCheckedIn,
    ].sort();
    expect(flags).toEqual([false, true]);
    const v = new Browser(env);
    await v.signInAs(`vol-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const walk = await v.post(`/events/${e.slug}/checkin/walkin`, {
      name: 'Walk In',
      email: `walk-${uid()}@example.org`,
      sector: 'county',
    });
    expect(walk.status).toBe(303);
    const counts = (await (await v.get(`/events/${e.slug}/checkin/counts`)).json()) as {
      checkedIn: number;
      government: number;
      nonGovernment: number;
    };
    expect(counts).toMatchObject({ checkedIn: 2, government: 1, nonGovernment: 1 });
    const page = visibleText(await (await v.get(`/events/${e.slug}/checkin?q=siobhan`)).text());
    expect(page).toContain('Siobhán Ó Briain');
    await v.post(`/events/${e.slug}/checkin/undo`, { rsvpId: r.id });
    expect(((await (await v.get(`/events/${e.slug}/checkin/counts`)).json()) as { checkedIn: number }).checkedIn).toBe(1);
    const bytes = new Uint8Array(await (await v.get(`/events/${e.slug}/attendees.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain('Siobhán Ó Briain');
  });
});

describe('a guest at the door with only a name', () => {
  it('is checked in and counted without an email; two guests of the same name are two people; nobody is mailed; erasure works', async () => {
    const e = await newEvent();
    const v = new Browser(env);
    await v.signInAs(`vol-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    const page = visibleText(await (await v.get(`/events/${e.slug}/checkin`)).text());
    expect(page).toContain("Guest's name");
    expect(page).toContain('Email address (optional)');
    for (const sector of ['city', '']) {
      const res = await v.post(`/events/${e.slug}/checkin/walkin`, { name: 'Nguyễn Thị Minh Khai', email: '  ', sector });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toContain('name=Nguy');
    }
    const counts = (await (await v.get(`/events/${e.slug}/checkin/counts`)).json()) as Record<string, number>;
    expect(counts).toMatchObject({ checkedIn: 2, government: 1, nonGovernment: 1 });
    const ev = await getEvent(env.deps.db, e.slug);
    const guests = await env.deps.db.select().from(rsvps).where(eq(rsvps.eventId, ev.id));
    expect(guests.map((g) => [g.status, g.email, !!g.checkedInAt])).toEqual([
      ['walkin', null, true],
      ['walkin', null, true],
    ]);
    expect(new Set(guests.map((g) => g.personId)).size).toBe(2);
    const refused = await v.post(`/events/${e.slug}/checkin/walkin`, { name: '', email: 'not-an-address' });
    expect(refused.status).toBe(422);
    expect(visibleText(await refused.text())).toContain("Guest's name");
    const csv = await (await v.get(`/events/${e.slug}/attendees.csv`)).text();
    expect(csv.match(/Nguyễn Thị Minh Khai/g)).toHaveLength(2);
    for (const template of ['updated', 'reminder', 'eventCancelled'] as const)
      expect(await rsvpMail(env.deps, guests[0].id, template)).toBeNull();
    await erasePerson(env.deps.db, guests[0].personId);
    const [erased] = await env.deps.db.select().from(rsvps).where(eq(rsvps.id, guests[0].id));
    expect(erased.name).toBe('');
    expect(erased.checkedInAt).not.toBeNull();
  });
});

describe('livestream, opportunities, feeds, one-click RSVP and uploads', () => {
  it('embeds the privacy-enhanced player during the event and lists promoted jobs; the worker, not the page, counts them', async () => {
    const recorded: unknown[] = [];
    const hooks: EventsHooks = {
      jobs: {
        promotedJobs: async (_db, opts) => [
          { id: 'job-1', title: 'Data Analyst II', agency: 'LA Metro', url: `https://jobs.example.org/1?lang=${opts.locale}` },
        ],
        recordJobPromotion: async (_db, input) => void recorded.push(input),
      },
    };
    const app = createApp(env.deps, { modules: modules.map((m) => (m.name === 'events' ? createEventsModule(hooks) : m)) });
    const e = await newEvent({
      format: 'online',
      livestreamUrl: 'https://youtu.be/abcdefghijk',
      links: [{ label: 'County careers', url: 'https://careers.example.org' }],
    });
    await env.deps.db
      .update(events)
      .set({ startsAt: new Date(Date.now() - 600_000) })
      .where(eq(events.slug, e.slug));
    const html = await (await new Browser({ ...env, app }).get(`/events/${e.slug}`)).text();
    expect(html).toContain('src="https://www.youtube-nocookie.com/embed/abcdefghijk"');
    expect(visibleText(html)).toContain('Data Analyst II — LA Metro');
    expect(html).toContain('href="https://jobs.example.org/1?lang=en"');
    expect(visibleText(html)).toContain('County careers');
    // A GET never writes: the page lists the jobs, the schedule counts them.
    expect(recorded).toEqual([]);
    expect(await recordEventPageJobs(env.deps, hooks)).toBeGreaterThanOrEqual(1);
    expect(recorded).toContainEqual({ jobIds: ['job-1'], channel: 'event', refId: e.id });
    // Without the jobs board the page still works and lists none.
    const alone = createApp(env.deps, { modules: modules.map((m) => (m.name === 'events' ? createEventsModule() : m)) });
    const bare = await (await new Browser({ ...env, app: alone }).get(`/events/${e.slug}`)).text();
    expect(visibleText(bare)).toContain('County careers');
    expect(visibleText(bare)).not.toContain('Data Analyst II');
  });

  it('reminders to online attendees carry the livestream link', async () => {
    const e = await newEvent({
      format: 'online',
      livestreamUrl: 'https://youtu.be/zyxwvutsrqp',
      startsAt: future(0, 1),
      endsAt: future(0, 2),
      reminderHours: [2],
    });
    const email = `online-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Online', email });
    const { rsvps } = await import('./schema');
    await env.deps.db
      .update(rsvps)
      .set({ createdAt: new Date(Date.now() - 86_400_000) })
      .where(eq(rsvps.email, email));
    await queueReminders(env.deps);
    await drainTasks(env.deps, eventTasks);
    const mail = (await env.deps.db.select().from(outbox).where(eq(outbox.to, email))).find((m) => m.subject.startsWith('Reminder'))!;
    expect(mail.text).toContain('Livestream: https://youtu.be/zyxwvutsrqp');
  });

  it('serves Atom and iCalendar feeds', async () => {
    const e = await newEvent({ title: { en: 'Feed & friends', es: null } });
    const atom = await (await env.app.request('/events/feed.xml')).text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom).toContain('Feed &amp; friends');
    const ics = await env.app.request('/events/calendar.ics');
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(await ics.text()).toContain(`/events/${e.slug}`);
    const again = await env.app.request('/events/calendar.ics', { headers: { 'if-none-match': ics.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('signed-in people RSVP with one click', async () => {
    const e = await newEvent();
    const b = new Browser(env);
    const me = await b.signInAs(`click-${uid()}@example.org`, { name: 'Teuila' });
    const html = visibleText(await (await b.get(`/events/${e.slug}`)).text());
    expect(html).toContain('You are RSVPing as Teuila');
    expect((await b.post(`/events/${e.slug}/rsvp`, {})).status).toBe(303);
    expect(visibleText(await (await b.get(`/events/${e.slug}`)).text())).toContain('You are going.');
    expect(me.id).toBeTruthy();
  });

  it('an upload from the wrong tool is refused on the page with the reason, adding nobody', async () => {
    const e = await newEvent();
    const b = new Browser(env);
    await b.signInAs(`up-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    await b.get('/');
    const body = new FormData();
    body.set('_csrf', b.cookies.get('pw_csrf')!);
    body.set('format', 'luma');
    body.set(
      'file',
      new File([`Order #,First Name,Last Name,Email,Attendee Status\n1,A,B,up-${uid()}@example.org,Attending\n`], 'report.csv', {
        type: 'text/csv',
      }),
    );
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await env.app.request(`/events/${e.slug}/import`, { method: 'POST', body, headers: { cookie, accept: 'text/html' } });
    expect(res.status).toBe(422);
    expect(visibleText(await res.text())).toContain('looks like an Eventbrite export');
    expect((await searchAttendees(env.deps.db, e.id, { limit: 5, offset: 0 })).total).toBe(0);
  });
});
