import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { drainTasks } from '../../platform/queue/queue';
import { outbox } from '../../platform/mail/schema';
import { ensureChapter } from '../people';
import { doorCounts } from '.';
import { eventTasks, getEvent, importAttendees, messageAttendees, queueReminders } from './service';
import { rsvps } from './schema';

let env: TestEnv;
let token: string;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `past-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(() => env.close());

const at = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

async function create(body: Record<string, unknown>) {
  const res = await api(env, 'POST', '/api/v1/events', token, {
    title: { en: `Past ${uid()}`, es: null },
    timeZone: 'America/Los_Angeles',
    capacity: 2,
    ...body,
  });
  return {
    res,
    json: (await res.json()) as { slug: string; status: string; pastRecord: boolean; error?: { fields: Record<string, string> } },
  };
}

async function mailsTo(addresses: string[]) {
  return env.deps.db.select().from(outbox).where(inArray(outbox.to, addresses));
}

describe('past events as records', () => {
  it('an API event with a past start is published as a record: RSVPs closed, imports keep status and check-in time, nobody is emailed', async () => {
    const { res, json } = await create({ startsAt: at(-200), endsAt: at(-200, 2), status: 'draft' });
    expect(res.status).toBe(201);
    expect(json).toMatchObject({ status: 'published', pastRecord: true });

    const rsvp = await api(env, 'POST', `/api/v1/events/${json.slug}/rsvps`, undefined, {
      name: 'Late',
      email: `late-${uid()}@example.org`,
    });
    expect(rsvp.status).toBe(409);
    expect(((await rsvp.json()) as { error: { message: string } }).error.message).toBe(
      'This is a record of a past event: it takes no RSVPs.',
    );

    const e = await getEvent(env.deps.db, json.slug);
    const [going, wait, late] = [`g-${uid()}@example.org`, `w-${uid()}@example.org`, `l-${uid()}@example.org`];
    const luma =
      'api_id,name,email,created_at,approval_status,checked_in_at\n' +
      `g1,Ngozi Adébáyọ̀,${going},2025-01-01T10:00:00Z,approved,2025-05-10T01:05:00Z\n` +
      `g2,O'Brien-Núñez,${wait},2025-01-01T10:00:00Z,waitlist,\n` +
      `g3,李小龍,${late},2025-01-01T10:00:00Z,approved,\n`;
    const report = await importAttendees(env.deps.db, e, luma);
    expect(report).toMatchObject({ added: 3, checkedIn: 1, checkInFromStart: 0 });
    const rows = await env.deps.db.select().from(rsvps).where(eq(rsvps.eventId, e.id));
    const by = Object.fromEntries(rows.map((r) => [r.email, r]));
    expect(by[going]).toMatchObject({ status: 'going' });
    expect(by[going].checkedInAt?.toISOString()).toBe('2025-05-10T01:05:00.000Z');
    expect(by[wait].status).toBe('waitlist');
    expect(by[late].checkedInAt).toBeNull();
    // Imported attendance counts like live attendance.
    expect(await doorCounts(env.deps.db, e.id)).toMatchObject({ checkedIn: 1 });

    const eventbrite = `Order #,Order Date,First Name,Last Name,Email,Quantity,Attendee Status\n9,2025-01-01,Ana,López,eb-${uid()}@example.org,1,Checked In\n`;
    const eb = await importAttendees(env.deps.db, e, eventbrite);
    expect(eb).toMatchObject({ added: 1, checkedIn: 1, checkInFromStart: 1 });

    // Editing the record (even its time) and every path that could email leave the outbox empty.
    const edit = await api(env, 'PATCH', `/api/v1/events/${json.slug}`, token, {
      title: { en: 'Renamed record' },
      startsAt: at(-201),
      endsAt: at(-201, 2),
    });
    expect(edit.status).toBe(200);
    await expect(
      messageAttendees(env.deps.db, e.id, { audience: 'going', subject: { en: 'Hi', es: null }, body: { en: 'Hi', es: null } }),
    ).rejects.toMatchObject({
      messageKey: 'events.error.pastRecordNoMail',
    });
    await queueReminders(env.deps);
    await drainTasks(env.deps, eventTasks);
    expect(await mailsTo([going, wait, late])).toHaveLength(0);

    const future = await api(env, 'PATCH', `/api/v1/events/${json.slug}`, token, { startsAt: at(3), endsAt: at(3, 2) });
    expect(future.status).toBe(422);
    expect(((await future.json()) as { error: { fields: Record<string, string> } }).error.fields.startsAt).toContain(
      'must stay in the past',
    );
  });

  it('the page of a record says RSVPs are closed, in Spanish too', async () => {
    const { json } = await create({ startsAt: at(-30), endsAt: at(-30, 2), title: { en: 'Old meetup', es: 'Encuentro antiguo' } });
    const es = visibleText(await (await new Browser(env).get(`/es/events/${json.slug}`)).text());
    expect(es).toContain('Este es el registro de un evento pasado: no admite inscripciones.');
  });

  it('the organizer form records a past event, with the rule stated beside the start', async () => {
    const b = new Browser(env);
    await b.signInAs(`pastform-${uid()}@example.org`, { role: 'organizer', scope: 'los-angeles' });
    expect(visibleText(await (await b.get('/events/new')).text())).toContain('A start in the past records an event that already happened');
    const ok = await b.post('/events/new', {
      'title.en': `Form record ${uid()}`,
      timeZone: 'America/Los_Angeles',
      startsAt: at(-60).slice(0, 16),
      endsAt: at(-60, 3).slice(0, 16),
      format: 'in_person',
      status: 'draft',
      reminders: '48, 2',
    });
    expect(ok.status).toBe(303);
    const e = await getEvent(env.deps.db, ok.headers.get('location')!.split('?')[0].split('/').pop()!);
    expect(e).toMatchObject({ pastRecord: true, status: 'published' });
  });

  it('a future event keeps the rule: its start cannot move into the past', async () => {
    const { json } = await create({ startsAt: at(4), endsAt: at(4, 2), status: 'published' });
    expect(json.pastRecord).toBe(false);
    const res = await api(env, 'PATCH', `/api/v1/events/${json.slug}`, token, { startsAt: at(-4), endsAt: at(-4, 2) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.startsAt).toContain(
      'The start is in the past',
    );
  });
});
