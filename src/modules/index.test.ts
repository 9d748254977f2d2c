import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../test/helpers';
import { rows } from '../db/client';
import { modules } from '.';

let env: TestEnv;
let token: string;
const u = uid();
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  token = await apiToken(env, `admin-${u}@example.org`, 'admin');
});
afterAll(() => env.close());

/** Job placements per channel, as the jobs report and API count them. */
async function placements(): Promise<Record<string, number>> {
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const res = await api(env, 'GET', `/api/v1/jobs/stats?from=${today}&to=${tomorrow}`, token);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { promoted: { byChannel: { channel: string; placements: number }[] } };
  return Object.fromEntries(body.promoted.byChannel.map((c) => [c.channel, c.placements]));
}

describe('the composition root wires the hooks between modules', () => {
  it('an event page lists a promoted job without writing; the events schedule and a sent issue count it', async () => {
    await env.deps.db.execute(sql`INSERT INTO agencies (slug, name, level) VALUES (${`hooks-${u}`}, ${`Hooks Agency ${u}`}, 'city')`);
    const posted = await api(env, 'POST', '/api/v1/jobs', token, {
      agency: `hooks-${u}`,
      title: `Hooked Data Analyst ${u}`,
      classification: 'Programmer Analyst',
    });
    expect(posted.status).toBe(201);
    const job = (await posted.json()) as { id: string };
    await env.deps.db.execute(sql`UPDATE jobs SET promoted = true WHERE id = ${job.id}`);

    const created = await api(env, 'POST', '/api/v1/events', token, {
      title: { en: `Hooks night ${u}`, es: null },
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
      timeZone: 'America/Los_Angeles',
      status: 'published',
    });
    expect(created.status).toBe(201);
    const event = (await created.json()) as { id: string; slug: string };

    const before = await placements();
    const html = await (await new Browser(env).get(`/es/events/${event.slug}`)).text();
    expect(visibleText(html)).toContain(`Hooked Data Analyst ${u} — Hooks Agency ${u}`);
    expect(html).toContain(`href="http://pathways.test/es/jobs/${job.id}"`);
    expect(await placements()).toEqual(before);

    const schedule = modules.flatMap((m) => m.schedules ?? []).find((s) => s.name === 'events.jobPromotions')!;
    await schedule.run(env.deps);
    await schedule.run(env.deps);
    const [mine] = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM job_promotions WHERE job_id = ${job.id} AND channel = 'event' AND ref_id = ${event.id}`,
    );
    expect(Number(mine.n)).toBe(1);
    expect((await placements()).event ?? 0).toBeGreaterThan(before.event ?? 0);

    const subscribed = await api(env, 'POST', '/api/v1/subscribers', token, {
      email: `hooks-${u}@example.org`,
      language: 'en',
      confirmed: true,
      consentedAt: '2025-01-01T00:00:00Z',
    });
    expect(subscribed.status).toBe(201);
    const drafted = await api(env, 'POST', '/api/v1/newsletter/issues', token, {
      subject: { en: 'Jobs', es: 'Empleos' },
      body: { en: '', es: '' },
      blocks: { jobs: true, events: true },
    });
    expect(drafted.status, await drafted.clone().text()).toBe(201);
    const issue = (await drafted.json()) as { id: string };
    const sending = await api(env, 'POST', `/api/v1/newsletter/issues/${issue.id}/send`, token);
    expect(sending.status, await sending.clone().text()).toBe(202);
    const [frozen] = await rows<{ frozen: { en: { jobs: { id: string }[]; events: { url: string }[] } } }>(
      env.deps.db,
      sql`SELECT frozen FROM newsletter_issues WHERE id = ${issue.id}`,
    );
    expect(frozen.frozen.en.jobs.map((j) => j.id)).toContain(job.id);
    expect(frozen.frozen.en.events.map((e) => e.url)).toContain(`http://pathways.test/events/${event.slug}`);
    const [sent] = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM job_promotions WHERE job_id = ${job.id} AND channel = 'newsletter' AND ref_id = ${issue.id}`,
    );
    expect(Number(sent.n)).toBe(1);
  });
});
