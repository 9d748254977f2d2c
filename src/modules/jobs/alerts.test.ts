import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { Browser, testEnv, uid, type TestEnv } from '../../../test/helpers';
import { outbox } from '../../platform/mail/schema';
import { exportPersonData, erasePerson } from '../people';
import { jobs, savedSearches } from './schema';
import {
  createJob,
  getAgency,
  jobInput,
  jobsPromoted,
  periodOf,
  promotedJobs,
  recordJobPromotion,
  sendDigests,
  upsertAgency,
} from './service';

let env: TestEnv;
let u: string;
let agency: string;
beforeAll(async () => {
  env = await testEnv();
  u = uid();
  agency = `alerts-${u}`;
  await upsertAgency(env.deps.db, { slug: agency, name: `Alerts Agency ${u}`, level: 'county' });
});
afterAll(() => env.close());

/** Publishes a job the way an organizer does (each one a tech job, by its classification). */
async function post(title: string, classification = 'Programmer Analyst') {
  const a = await getAgency(env.deps.db, agency);
  return createJob(env.deps.db, a, jobInput.parse({ agency, title, classification, salaryMin: 80000, salaryMax: 90000 }), {
    by: null as unknown as string,
    publish: true,
  });
}

const mailsTo = (email: string) => env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt));

describe('saved searches and digests', () => {
  it("emails new matches once per period in the person's language, never when nothing is new, and stops with one click", async () => {
    const email = `ana-${u}@example.org`;
    const b = new Browser(env);
    const person = await b.signInAs(email, { name: 'Ana Núñez', language: 'es' });
    const saved = await b.post(`/es/jobs/alerts?agency=${agency}&q=datos`, { frequency: 'daily' });
    expect(saved.status).toBe(303);
    const [search] = await env.deps.db.select().from(savedSearches).where(eq(savedSearches.personId, person.id));
    expect(search.filters).toEqual({ agency, q: 'datos' });

    const day1 = new Date(Date.now() + 1000);
    expect(await sendDigests(env.deps, day1)).toMatchObject({ sent: 0 });
    expect(await mailsTo(email)).toHaveLength(0);

    // Two jobs published after the search was saved (one does not match the words).
    await env.deps.db.execute(sql`SELECT pg_sleep(0.01)`);
    await post('Analista de Datos');
    await post('Network Engineer');
    const day2 = new Date(day1.getTime() + 86_400_000);
    await sendDigests(env.deps, day2);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('1 empleo nuevo de tecnología en el gobierno para ti');
    expect(mails[0].text).toContain('Analista de Datos');
    expect(mails[0].text).not.toContain('Network Engineer');
    expect(mails[0].text).toContain('http://pathways.test/es/jobs/');
    expect(mails[0].raw).toMatch(/List-Unsubscribe:\s+<http:\/\/pathways\.test\/jobs\/alerts\/unsubscribe\?token=/);
    expect(mails[0].raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The same period again (a second worker, a rerun): nothing more.
    await sendDigests(env.deps, day2);
    expect(await mailsTo(email)).toHaveLength(1);
    // The next day with nothing new: no email.
    await sendDigests(env.deps, new Date(day2.getTime() + 86_400_000));
    expect(await mailsTo(email)).toHaveLength(1);

    // One-click unsubscribe (RFC 8058): a POST without cookies or CSRF token.
    const link = /(\/jobs\/alerts\/unsubscribe\?token=[^\s>]+)/.exec(mails[0].text)![1];
    const bad = await env.app.request('/jobs/alerts/unsubscribe?token=forged', {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(400);
    const one = await env.app.request(link, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(one.status).toBe(200);
    const [after] = await env.deps.db.select().from(savedSearches).where(eq(savedSearches.id, search.id));
    expect(after.active).toBe(false);
    await post('Analista de Datos Senior');
    await sendDigests(env.deps, new Date(day2.getTime() + 3 * 86_400_000));
    expect(await mailsTo(email)).toHaveLength(1);

    // Data rights: saved searches are exported and erased with the account.
    const data = (await exportPersonData(env.deps.db, person.id)) as { jobAlerts: { filters: unknown }[] };
    expect(data.jobAlerts[0].filters).toEqual({ agency, q: 'datos' });
    await erasePerson(env.deps.db, person.id);
    expect(await env.deps.db.select().from(savedSearches).where(eq(savedSearches.personId, person.id))).toHaveLength(0);
  });

  it('saving the same search twice makes one alert, and the second save says it exists; the account page links to the alerts', async () => {
    const b = new Browser(env);
    const person = await b.signInAs(`twice-${u}@example.org`, { name: 'Tomás Díaz' });
    const first = await b.post(`/jobs/alerts?agency=${agency}&q=cloud`, { frequency: 'weekly' });
    expect(first.headers.get('location')).toContain('saved=1');
    const [second, third] = await Promise.all([
      b.post(`/jobs/alerts?q=cloud&agency=${agency}`, { frequency: 'weekly' }),
      b.post(`/jobs/alerts?agency=${agency}&q=cloud`, { frequency: 'daily' }),
    ]);
    expect(second.headers.get('location')).toContain('exists=1');
    expect(third.headers.get('location')).toContain('exists=1');
    expect(await env.deps.db.select().from(savedSearches).where(eq(savedSearches.personId, person.id))).toHaveLength(1);
    const page = await (await b.get('/jobs/alerts?exists=1')).text();
    expect(page).toContain('You already have an alert for this search');
    const account = await (await b.get('/account')).text();
    expect(account).toContain('href="/jobs/alerts"');
    expect(await (await b.get('/es/account')).text()).toContain('href="/es/jobs/alerts"');
  });

  it('names periods by day and ISO week', () => {
    expect(periodOf('daily', new Date('2026-11-25T20:00:00Z'))).toBe('2026-11-25');
    expect(periodOf('daily', new Date('2026-11-26T05:00:00Z'))).toBe('2026-11-25');
    expect(periodOf('weekly', new Date('2026-11-25T20:00:00Z'))).toBe('2026-W48');
    expect(periodOf('weekly', new Date('2027-01-01T20:00:00Z'))).toBe('2026-W53');
  });
});

describe('counting for impact reports', () => {
  it('offers promoted jobs to other modules, and counts promotions once per place', async () => {
    const job = await post('Promoted Data Analyst');
    await env.deps.db.update(jobs).set({ promoted: true }).where(eq(jobs.id, job.id));
    const list = await promotedJobs(env.deps.db, { limit: 50, locale: 'es', baseUrl: env.deps.config.baseUrl });
    expect(list.find((j) => j.id === job.id)).toMatchObject({
      title: 'Promoted Data Analyst',
      agency: `Alerts Agency ${u}`,
      salaryMin: 80000,
    });
    expect(list.find((j) => j.id === job.id)!.url).toBe(`http://pathways.test/es/jobs/${job.id}`);

    const from = new Date(Date.now() - 60_000);
    const before = await jobsPromoted(env.deps.db, from, new Date(Date.now() + 60_000));
    const ref = `newsletter-${u}`;
    await recordJobPromotion(env.deps.db, { jobIds: [job.id, job.id, 'not-an-id'], channel: 'newsletter', refId: ref });
    await recordJobPromotion(env.deps.db, { jobIds: [job.id], channel: 'newsletter', refId: ref });
    await recordJobPromotion(env.deps.db, { jobIds: [job.id], channel: 'event', refId: `event-${u}` });
    const after = await jobsPromoted(env.deps.db, from, new Date(Date.now() + 60_000));
    expect(after.placements - before.placements).toBe(2);
    expect(after.jobs - before.jobs).toBe(1);
  });
});
