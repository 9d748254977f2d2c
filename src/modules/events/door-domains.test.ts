import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensurePerson } from '../people';
import { upsertAgency } from '../jobs';

let env: TestEnv;
let admin = '';
const u = uid();

beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  admin = await apiToken(env, `admin-${u}@example.org`, 'admin');
  await upsertAgency(env.deps.db, {
    name: `City of Los Angeles ${u}`,
    slug: `lacity-${u}`,
    level: 'city',
    emailDomains: [`lacity-${u}.org`],
  } as never);
});
afterAll(() => env.close());

describe('door counts', () => {
  it('tell government attendees apart by sector and by the agencies’ email domains, naming each agency once', async () => {
    const res = await api(env, 'POST', '/api/v1/events', admin, {
      title: { en: 'Door domains' },
      startsAt: '2026-02-10T18:00',
      endsAt: '2026-02-10T20:00',
      timeZone: 'America/Los_Angeles',
      status: 'published',
    });
    expect(res.status).toBe(201);
    const { id, slug } = (await res.json()) as { id: string; slug: string };
    const come = async (email: string, opts: { sector?: string; status?: string; checkedIn?: boolean } = {}) => {
      const { person } = await ensurePerson(env.deps.db, { email, fullName: email.split('@')[0] });
      if (opts.sector) await env.deps.db.execute(sql`UPDATE people SET sector = ${opts.sector} WHERE id = ${person.id}`);
      await env.deps.db.execute(
        sql`INSERT INTO rsvps (event_id, person_id, name, email, status, ticket_code, checked_in_at)
            VALUES (${id}, ${person.id}, ${person.fullName}, ${email}, ${opts.status ?? 'going'}, ${uid()}, ${opts.checkedIn === false ? null : new Date()})`,
      );
    };
    // An agency in the directory (two people, one walk-in), a subdomain of it, a .gov and a .mil
    // domain, someone whose profile says county, and two who are neither.
    await come(`a-${u}@lacity-${u}.org`);
    await come(`b-${u}@LACITY-${u}.ORG`, { status: 'walkin' });
    await come(`c-${u}@ita.lacity-${u}.org`);
    await come(`d-${u}@dmv.ca.gov`);
    await come(`e-${u}@army.mil`);
    await come(`f-${u}@gmail.com`, { sector: 'county' });
    await come(`g-${u}@example.org`);
    await come(`h-${u}@example.org`, { sector: 'private', status: 'walkin' });
    await come(`i-${u}@dmv.ca.gov`, { checkedIn: false });

    const b = new Browser(env);
    await b.signInAs(`door-admin-${u}@example.org`, { role: 'admin' });
    const counts = (await (await b.get(`/events/${slug}/checkin/counts`)).json()) as Record<string, unknown>;
    expect(counts).toEqual({
      checkedIn: 8,
      expected: 7,
      government: 6,
      nonGovernment: 2,
      agencies: [`City of Los Angeles ${u}`, 'army.mil', 'dmv.ca.gov'].sort(),
    });
    const text = visibleText(await (await b.get(`/es/events/${slug}/checkin`)).text());
    expect(text).toContain(`City of Los Angeles ${u}`);
    expect(text).toContain('dmv.ca.gov');
  });
});
