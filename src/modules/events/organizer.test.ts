import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { entryCommand } from '../../../test/entry';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { attendeeEmailsSince, upcomingEvents } from './service/shared';
import { ensureChapter, ensurePerson, erasePerson, exportPersonData } from '../people';
import { eventTasks, getEvent } from './service';
import { rsvps } from './schema';

let env: TestEnv;
let token: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  await ensureChapter(env.deps.db, { slug: 'san-diego', name: 'San Diego' });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(() => env.close());

const day = 86_400_000;
const local = (days: number, hh: string) => new Date(Date.now() + days * day).toISOString().slice(0, 10) + `T${hh}`;

describe('organizer pages', () => {
  it('creates an event from the form in Spanish, keeping what was typed when something is wrong', async () => {
    const b = new Browser(env);
    await b.signInAs(`form-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles', language: 'es' });
    const title = `Datos abiertos ${uid()}`;
    const fields = {
      'title.es': title,
      'title.en': '',
      timeZone: 'America/Los_Angeles',
      startsAt: local(9, '08:30'),
      endsAt: local(9, '08:00'),
      format: 'in_person',
      status: 'published',
      capacity: '40',
      reminders: '48, 2',
      'speakers.0.name': 'Mei-Ling Chen',
      'speakers.0.organization': 'City of LA',
      'questions.0.label.en': 'Team?',
      'questions.0.kind': 'choice',
      'questions.0.choices': 'Data | Datos\nDesign | Diseño',
    };
    const bad = await b.post('/es/events/new', fields);
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(visibleText(html)).toContain('El final debe ser después del inicio.');
    expect(html).toContain(`value="${title}"`);
    const ok = await b.post('/es/events/new', { ...fields, endsAt: local(9, '10:00') });
    expect(ok.status).toBe(303);
    const [path, query] = ok.headers.get('location')!.split('?');
    expect(query).toBe('saved=created');
    const slug = path.split('/').pop()!;
    expect(visibleText(await (await b.get(ok.headers.get('location')!)).text())).toContain('Se creó tu evento.');
    const e = await getEvent(env.deps.db, slug);
    expect(e.chapter).toBe('los-angeles');
    expect(e.speakers[0].name).toBe('Mei-Ling Chen');
    expect(e.questions[0].options).toEqual([
      { en: 'Data', es: 'Datos' },
      { en: 'Design', es: 'Diseño' },
    ]);
    expect(e.startsAt.toISOString().slice(11, 16)).toMatch(/^(15|16):30$/);
    const edit = await b.get(`/es/events/${slug}/edit`);
    expect(await edit.text()).toContain(`value="${local(9, '08:30')}"`);
  });

  it('the form comes in sections; "Add a speaker" posts back with what was typed and one more row; the zone picker starts with the chapter', async () => {
    await ensureChapter(env.deps.db, { slug: 'honolulu', name: 'Honolulu', timeZone: 'Pacific/Honolulu' });
    const b = new Browser(env);
    await b.signInAs(`rows-${uid()}@example.org`, { role: 'organizer', scope: 'honolulu' });
    const blank = await (await b.get('/events/new')).text();
    for (const heading of ['About the event', 'Date and time', 'RSVPs', 'Speakers', 'Questions for people who RSVP', 'Opportunity links'])
      expect(blank).toContain(`<h2 class="pw-section-heading">${heading}</h2>`);
    expect(blank).not.toContain('name="speakers.0.name"');
    // The chapter's zone comes first and is chosen; every other zone is there once, under its region.
    expect(blank).toMatch(
      /<optgroup label="Suggested"><option value="Pacific\/Honolulu" selected="">Pacific\/Honolulu<\/option><\/optgroup>/,
    );
    expect(blank.match(/value="Asia\/Tokyo"/g)).toHaveLength(1);
    expect(blank).toMatch(/<optgroup label="Asia">.*<option value="Asia\/Tokyo">Tokyo<\/option>/s);
    expect(blank.match(/value="Pacific\/Honolulu"/g)).toHaveLength(1);
    const title = `Brunch ${uid()}`;
    const typed = {
      'title.en': title,
      timeZone: 'Pacific/Honolulu',
      startsAt: local(3, '09:00'),
      endsAt: local(3, '10:30'),
      status: 'published',
    };
    const one = await b.post('/events/new', { ...typed, 'rows.speakers': '0', add: 'speakers' });
    expect(one.status).toBe(200);
    const oneHtml = await one.text();
    expect(oneHtml).toContain(`value="${title}"`);
    expect(oneHtml).toMatch(/name="speakers\.0\.name"[^>]*autofocus/);
    expect(oneHtml).not.toContain('name="speakers.1.name"');
    expect(oneHtml).toContain('name="rows.speakers" value="1"');
    const two = await (
      await b.post('/events/new', { ...typed, 'rows.speakers': '1', 'speakers.0.name': 'Keoni Kahananui', add: 'speakers' })
    ).text();
    expect(two).toContain('value="Keoni Kahananui"');
    expect(two).toMatch(/name="speakers\.1\.name"[^>]*autofocus/);
    expect(two).not.toMatch(/name="speakers\.0\.name"[^>]*autofocus/);
    const q = await (
      await b.post('/events/new', { ...typed, 'rows.speakers': '2', 'speakers.0.name': 'Keoni Kahananui', add: 'questions' })
    ).text();
    expect(q).toContain('name="speakers.1.name"');
    expect(q).toMatch(/name="questions\.0\.label\.en"[^>]*autofocus/);
    // Saving drops the blank rows and the form's bookkeeping.
    const saved = await b.post('/events/new', {
      ...typed,
      'rows.speakers': '2',
      'rows.questions': '1',
      'speakers.0.name': 'Keoni Kahananui',
    });
    expect(saved.status).toBe(303);
    const slug = saved.headers.get('location')!.split('?')[0].split('/').pop()!;
    const e = await getEvent(env.deps.db, slug);
    expect(e.speakers.map((s) => s.name)).toEqual(['Keoni Kahananui']);
    expect(e.questions).toEqual([]);
    expect(e.chapter).toBe('honolulu');
    const edit = await (await b.get(`/events/${slug}/edit`)).text();
    expect(edit).toContain('name="rows.speakers" value="1"');
    expect(edit).not.toContain('name="speakers.1.name"');
    const updated = await b.post(`/events/${slug}/edit`, {
      ...typed,
      'rows.speakers': '1',
      'speakers.0.name': 'Keoni Kahananui',
      capacity: '30',
    });
    expect(updated.headers.get('location')).toBe(`/events/${slug}?saved=updated`);
    expect(visibleText(await (await b.get(updated.headers.get('location')!)).text())).toContain('Your changes were saved.');
    // Nobody else sees the notice.
    expect(visibleText(await (await new Browser(env).get(`/events/${slug}?saved=updated`)).text())).not.toContain(
      'Your changes were saved.',
    );
  });

  it('an organizer of another chapter cannot edit; anonymous people are sent to sign in', async () => {
    const e = (await (
      await api(env, 'POST', '/api/v1/events', token, {
        title: `LA ${uid()}`,
        startsAt: new Date(Date.now() + 3 * day).toISOString(),
        endsAt: new Date(Date.now() + 3 * day + 3_600_000).toISOString(),
        timeZone: 'America/Los_Angeles',
        status: 'published',
      })
    ).json()) as { slug: string };
    const sd = await apiToken(env, `sd-${uid()}@example.org`, 'organizer', 'san-diego');
    expect((await api(env, 'PATCH', `/api/v1/events/${e.slug}`, sd, { capacity: 3 })).status).toBe(403);
    expect((await api(env, 'GET', `/api/v1/events/${e.slug}/attendees`, sd)).status).toBe(403);
    expect((await api(env, 'GET', `/api/v1/events/${e.slug}/attendees`)).status).toBe(401);
    expect((await new Browser(env).get(`/events/${e.slug}/edit`)).status).toBe(303);
    expect((await api(env, 'GET', '/api/v1/events/not-a-real-event')).status).toBe(404);
  });

  it('approval-required events: pending, approved into a seat, refused when full; messages go out in each language', async () => {
    const e = (await (
      await api(env, 'POST', '/api/v1/events', token, {
        title: { en: 'By approval', es: 'Con aprobación' },
        startsAt: new Date(Date.now() + 4 * day).toISOString(),
        endsAt: new Date(Date.now() + 4 * day + 3_600_000).toISOString(),
        timeZone: 'America/Los_Angeles',
        status: 'published',
        capacity: 1,
        requiresApproval: true,
      })
    ).json()) as { slug: string };
    const en = `appr-en-${uid()}@example.org`;
    const es = `appr-es-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Ann', email: en });
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, { name: 'Beatriz', email: es, language: 'es' });
    const [r1] = await env.deps.db.select().from(rsvps).where(eq(rsvps.email, en));
    const [r2] = await env.deps.db.select().from(rsvps).where(eq(rsvps.email, es));
    expect([r1.status, r2.status]).toEqual(['pending', 'pending']);
    const b = new Browser(env);
    await b.signInAs(`appr-org-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    expect((await b.post(`/events/${e.slug}/attendees/${r1.id}/status`, { to: 'going' })).status).toBe(303);
    const full = await b.post(`/events/${e.slug}/attendees/${r2.id}/status`, { to: 'going' });
    expect(full.status).toBe(422);
    expect(visibleText(await full.text())).toContain('The event is full');
    expect(
      (
        await b.post(`/events/${e.slug}/message`, {
          audience: 'pending',
          'subject.en': 'Hello',
          'subject.es': 'Hola',
          'body.en': 'Soon.',
          'body.es': 'Pronto.',
        })
      ).status,
    ).toBe(303);
    await drainTasks(env.deps, eventTasks);
    const toEs = await env.deps.db.select().from(outbox).where(eq(outbox.to, es));
    expect(toEs.map((m) => m.subject)).toContain('Hola');
    expect(toEs.find((m) => m.subject === 'Hola')!.text).toContain('Pronto.');
    const toEn = await env.deps.db.select().from(outbox).where(eq(outbox.to, en));
    expect(toEn.map((m) => m.subject)).toContain('You are going: By approval');
    expect(toEn.map((m) => m.subject)).not.toContain('Hello');
  });
});

describe('API reading and the OpenAPI document', () => {
  it('lists upcoming events with slug and url, and documents every events route', async () => {
    const list = (await (await api(env, 'GET', '/api/v1/events?limit=100')).json()) as {
      events: { slug: string; url: string; status: string }[];
    };
    expect(list.events.every((e) => e.url.endsWith(`/events/${e.slug}`) && e.status !== 'draft')).toBe(true);
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/events',
      '/api/v1/events/{slug}',
      '/api/v1/events/{slug}/rsvps',
      '/api/v1/rsvps/{token}',
      '/api/v1/events/{slug}/attendees',
      '/api/v1/events/{slug}/checkins',
      '/api/v1/events/{slug}/attendees.csv',
    ])
      expect(doc.paths[p], p).toBeDefined();
    expect((await api(env, 'POST', '/api/v1/events', token, '{not json')).status).toBe(400);
    expect((await api(env, 'POST', '/api/v1/events/x/rsvps', undefined, { name: 'x'.repeat(5000), email: 'no' })).status).toBe(422);
  });

  it('offers upcoming events and attendee emails to other modules, and covers RSVPs in data export and erasure', async () => {
    const e = (await (
      await api(env, 'POST', '/api/v1/events', token, {
        title: `Slot ${uid()}`,
        startsAt: new Date(Date.now() + 2 * day).toISOString(),
        endsAt: new Date(Date.now() + 2 * day + 3_600_000).toISOString(),
        timeZone: 'America/Los_Angeles',
        status: 'published',
      })
    ).json()) as { slug: string };
    const email = `priv-${uid()}@example.org`;
    await api(env, 'POST', `/api/v1/events/${e.slug}/rsvps`, undefined, {
      name: 'Private Person',
      email,
      accessibilityNeeds: 'ASL please',
    });
    const upcoming = await upcomingEvents(env.deps.db, { limit: 500, locale: 'es', baseUrl: env.deps.config.baseUrl });
    expect(upcoming.find((u) => u.slug === e.slug)?.url).toBe(`http://pathways.test/es/events/${e.slug}`);
    expect(await attendeeEmailsSince(env.deps.db, new Date())).toContain(email);
    const { person } = await ensurePerson(env.deps.db, { email, fullName: 'x' });
    const data = (await exportPersonData(env.deps.db, person.id)) as { events: { accessibilityNeeds: string }[] };
    expect(data.events[0].accessibilityNeeds).toBe('ASL please');
    await erasePerson(env.deps.db, person.id);
    const [row] = await env.deps.db.select().from(rsvps).where(eq(rsvps.personId, person.id));
    expect(row).toMatchObject({ name: '', email: null, accessibilityNeeds: null });
  });
});

describe('command line import', () => {
  it('prints the report, and exits non-zero on a file from no known tool', async () => {
    const e = (await (
      await api(env, 'POST', '/api/v1/events', token, {
        title: `Cli ${uid()}`,
        startsAt: new Date(Date.now() + 2 * day).toISOString(),
        endsAt: new Date(Date.now() + 2 * day + 3_600_000).toISOString(),
        timeZone: 'America/Los_Angeles',
        status: 'published',
      })
    ).json()) as { slug: string };
    const fs = await import('node:fs');
    const os = await import('node:os');
    const dir = fs.mkdtempSync(`${os.tmpdir()}/cli-`);
    fs.writeFileSync(
      `${dir}/luma.csv`,
      `guest_id,name,email,approval_status,checked_in_at\r\ng1,Ana Núñez,cli-${uid()}@example.org,approved,\r\n`,
    );
    fs.writeFileSync(`${dir}/bad.csv`, 'Name,Phone\r\nA,1\r\n');
    const url = env.databaseUrl;
    let run: (args: string[]) => Promise<{ code: number; out: string; err: string }>;
    if (url) {
      // PostgreSQL: the real command in its own process, sharing the database.
      run = async (args) => {
        const r = spawnSync(...entryCommand('cli', ['events', 'import-attendees', ...args]), {
          env: { ...process.env, DATABASE_URL: url, BASE_URL: 'http://pathways.test', LOG_LEVEL: 'warn' },
          encoding: 'utf8',
        });
        return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
      };
    } else {
      // PGlite belongs to one process: call the same command on this test's database.
      const { eventsCli } = await import('./cli');
      run = async (args) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await eventsCli['import-attendees']({ deps: env.deps, args, out: (l) => out.push(l), err: (l) => err.push(l) });
        return { code, out: out.join('\n'), err: err.join('\n') };
      };
    }
    const ok = await run([e.slug, `${dir}/luma.csv`]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Imported from Luma: 1 added, 0 already there, 0 skipped.');
    const again = await run([e.slug, `${dir}/luma.csv`, '--format', 'luma']);
    expect(again.out).toContain('0 added, 1 already there');
    const bad = await run([e.slug, `${dir}/bad.csv`, '--format', 'meetup']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('no email column');
  });
});
