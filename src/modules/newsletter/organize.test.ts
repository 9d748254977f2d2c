import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { outbox } from '../../platform/mail/schema';
import { rows } from '../../db/client';
import { createApp } from '../../app';
import { modules } from '..';
import { createNewsletterModule } from '.';
import type { NewsletterHooks } from './service/hooks';
import { createSubscriber, issueReports, jobsPromoted, sendSlice, subscribersOverTime } from './service';
import { seedNewsletter } from './seed';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

async function organizer(locale: 'en' | 'es' = 'en') {
  const b = new Browser(env);
  const email = `org-${uid()}@example.org`;
  await b.signInAs(email, { role: 'organizer', language: locale });
  return { b, email };
}

const issueIdFrom = (res: Response) => /\/organize\/newsletter\/issues\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1];

describe('organizer pages', () => {
  it('need an organizer or admin', async () => {
    const anon = await new Browser(env).get('/organize/newsletter');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/signin');
    const member = new Browser(env);
    await member.signInAs(`m-${uid()}@example.org`);
    expect((await member.get('/organize/newsletter')).status).toBe(403);
    expect((await member.get('/organize/newsletter/subscribers.csv')).status).toBe(403);
    const { b } = await organizer();
    expect((await b.get('/organize/newsletter')).status).toBe(200);
    expect((await b.get('/es/organize/newsletter/reports')).status).toBe(200);
  });

  it('composes side by side, previews without JavaScript with scripts removed, saves, and sends a test', async () => {
    const { b, email } = await organizer();
    const fields = {
      subjectEn: 'Hello',
      subjectEs: 'Hola',
      bodyEn: '## Hi\n\n<script>alert(1)</script><iframe src="x"></iframe>\n\nSome **bold** text',
      bodyEs: '## Hola',
      tracking: 'on',
    };
    const preview = await b.post('/organize/newsletter/issues', { ...fields, action: 'preview' });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('data-preview-for="bodyEs"');
    const saved = await b.post('/organize/newsletter/issues', { ...fields, action: 'save' });
    expect(saved.status).toBe(303);
    const id = issueIdFrom(saved);
    const live = await b.post('/organize/newsletter/preview', { markdown: '<img src="https://x.example/a.png" onerror="x()">' });
    expect(((await live.json()) as { html: string }).html).toBe('<img src="https://x.example/a.png" alt="" />');
    const test = await b.post(`/organize/newsletter/issues/${id}/test`, { language: 'es' });
    expect(test.status).toBe(303);
    const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(desc(outbox.createdAt)).limit(1);
    expect(m.subject).toBe('[Prueba] Hola');
    expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
    expect(m.text).toContain('Darse de baja');
  });

  it('explains a time in the past and an empty issue next to the form, keeping the draft', async () => {
    const { b } = await organizer();
    const saved = await b.post('/organize/newsletter/issues', { subjectEn: 'S', subjectEs: 'S', bodyEn: '', bodyEs: '', action: 'save' });
    const id = issueIdFrom(saved);
    const empty = await b.post(`/organize/newsletter/issues/${id}/send`, { when: 'now' });
    expect(empty.status).toBe(422);
    expect(visibleText(await empty.text())).toContain('This issue is empty');
    await b.post(`/organize/newsletter/issues/${id}`, { subjectEn: 'S', subjectEs: 'S', bodyEn: 'Text', bodyEs: 'Texto', action: 'save' });
    const past = await b.post(`/organize/newsletter/issues/${id}/send`, { when: 'later', scheduledAt: '2020-01-01T10:00' });
    expect(past.status).toBe(422);
    const text = visibleText(await past.text());
    expect(text).toContain('Choose a time in the future.');
    const [row] = await rows<{ status: string; body: { en: string } }>(
      env.deps.db,
      sql`SELECT status, body FROM newsletter_issues WHERE id = ${id}`,
    );
    expect(row).toMatchObject({ status: 'draft', body: { en: 'Text' } });
    const future = await b.post(`/organize/newsletter/issues/${id}/send`, { when: 'later', scheduledAt: '2099-06-01T09:30' });
    expect(future.status).toBe(303);
    const [s] = await rows<{ scheduled_at: Date }>(env.deps.db, sql`SELECT scheduled_at FROM newsletter_issues WHERE id = ${id}`);
    expect(new Date(s.scheduled_at).toISOString()).toBe('2099-06-01T16:30:00.000Z');
  });

  it('fills the jobs block at send time, tracks each job link and records the promotion', async () => {
    const promoted: { jobIds: string[]; refId: string }[] = [];
    const hooks: NewsletterHooks = {
      jobs: {
        promotedJobs: async () => [
          { id: 'job-1', title: 'Data analyst', agency: 'City of LA', url: 'https://pathways.test/jobs/data-analyst' },
        ],
        recordJobPromotion: async (_db, input) => void promoted.push(input),
      },
    };
    const app = createApp(env.deps, { modules: modules.map((m) => (m.name === 'newsletter' ? createNewsletterModule(hooks) : m)) });
    const b = new Browser({ ...env, app });
    await b.signInAs(`org-${uid()}@example.org`, { role: 'organizer' });
    const chapter = `ch-${uid()}`;
    const sub = `j-${uid()}@example.org`;
    await createSubscriber(env.deps.db, { email: sub, language: 'en', confirmed: true, consentedAt: new Date('2025-01-01') });
    await env.deps.db.execute(sql`UPDATE newsletter_subscribers SET chapter_slug = ${chapter} WHERE email = ${sub}`);
    await env.deps.db.execute(sql`INSERT INTO chapters (slug, name) VALUES (${chapter}, ${chapter})`);
    const saved = await b.post('/organize/newsletter/issues', {
      subjectEn: 'Jobs',
      subjectEs: 'Empleos',
      bodyEn: '',
      bodyEs: '',
      jobs: 'on',
      segChapter: chapter,
      tracking: 'on',
      action: 'save',
    });
    const id = issueIdFrom(saved);
    expect((await b.post(`/organize/newsletter/issues/${id}/send`, { when: 'now' })).status).toBe(303);
    await sendSlice(env.deps, { maxMs: 5000 });
    expect(promoted).toEqual([{ jobIds: ['job-1'], channel: 'newsletter', refId: id }]);
    const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, sub)).orderBy(desc(outbox.createdAt)).limit(1);
    expect(m.html).toContain('Data analyst');
    const link = /\/newsletter\/c\/([^/"]+)\/(\d+)/.exec(m.html)!;
    const res = await env.app.request(`/newsletter/c/${link[1]}/${link[2]}`, {
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' },
    });
    expect(res.headers.get('location')).toBe('https://pathways.test/jobs/data-analyst');
    expect(await jobsPromoted(env.deps.db)).toMatchObject({ jobs: expect.any(Number), clicks: expect.any(Number) });
    expect((await jobsPromoted(env.deps.db)).clicks).toBeGreaterThanOrEqual(1);
    const report = await b.get(`/organize/newsletter/issues/${id}`);
    expect(visibleText(await report.text())).toContain('Clicked by 1 (100%)');
  });

  it('exports subscribers as CSV and counts them over time', async () => {
    const { b } = await organizer('es');
    const email = `csv-${uid()}@example.org`;
    await createSubscriber(env.deps.db, { email, name: 'Ximena Álvarez', language: 'es', confirmed: true, consentedAt: new Date() });
    const res = await b.get('/es/organize/newsletter/subscribers.csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = await res.text();
    expect(csv).toContain('Correo,Nombre,Idioma');
    expect(csv).toContain(`${email},Ximena Álvarez,es,confirmed`);
    const reportPage = visibleText(await (await b.get('/es/organize/newsletter/reports')).text());
    expect(reportPage).toContain('Suscriptores por mes');
    expect(reportPage).toContain('Las cifras de 1 a 4 aparecen como «menos de 5»');
    const months = await subscribersOverTime(env.deps.db, 3);
    expect(months).toHaveLength(3);
    expect(months[2].confirmed).toBeGreaterThanOrEqual(1);
  });

  it('seeds a demo audience with a sent issue that has stats and a draft', async () => {
    await seedNewsletter(env.deps, {});
    await seedNewsletter(env.deps, {});
    const [{ n }] = await rows<{ n: number }>(
      env.deps.db,
      sql`SELECT count(*)::int AS n FROM newsletter_subscribers WHERE email LIKE '%@demo.pathways.localhost'`,
    );
    expect(Number(n)).toBe(320);
    const reports = await issueReports(env.deps.db);
    const demo = reports.find((r) => r.subject.en.startsWith('October in Los Angeles'))!;
    expect(demo.sent).toBeGreaterThan(200);
    expect(demo.openRate).toBeGreaterThan(0);
    const { b } = await organizer();
    expect(visibleText(await (await b.get('/organize/newsletter')).text())).toContain('November: fall career fair');
    expect(visibleText(await (await new Browser(env).get('/newsletter')).text())).toContain('October in Los Angeles');
  });
});

describe('segments and personal data', () => {
  it('sends only to people who attended an event in the last N months, when asked', async () => {
    const { countRecipients } = await import('./service');
    const chapter = `ch-${uid()}`;
    const went = `went-${uid()}@example.org`;
    const stayed = `stayed-${uid()}@example.org`;
    for (const email of [went, stayed]) {
      await createSubscriber(env.deps.db, { email, language: 'en', confirmed: true, consentedAt: new Date('2025-01-01') });
      await env.deps.db.execute(sql`UPDATE newsletter_subscribers SET chapter_slug = ${chapter} WHERE email = ${email}`);
    }
    let since: Date | null = null;
    const hooks: NewsletterHooks = {
      events: {
        upcomingEvents: async () => [],
        recentRecordings: async () => [],
        attendeeEmailsSince: async (_db, s) => {
          since = s;
          return [went.toUpperCase()];
        },
      },
    };
    expect(await countRecipients(env.deps.db, hooks, { chapter })).toBe(2);
    expect(await countRecipients(env.deps.db, hooks, { chapter, attendedMonths: 3 })).toBe(1);
    expect(since!.getTime()).toBeLessThan(Date.now() - 80 * 86_400_000);
    // Without the events module nobody has attended anything.
    expect(await countRecipients(env.deps.db, {}, { chapter, attendedMonths: 3 })).toBe(0);
  });

  it('exports the subscription with the account data and erases it, keeping only a hash on the do-not-send list', async () => {
    const { exportPersonData, erasePerson } = await import('../people');
    const { suppressionFor, findSubscriber: find } = await import('./service');
    const email = `erase-${uid()}@example.org`;
    const { subscriber } = await createSubscriber(env.deps.db, {
      email,
      name: 'Björn Müller',
      language: 'en',
      confirmed: true,
      consentedAt: new Date('2025-01-01'),
    });
    const data = (await exportPersonData(env.deps.db, subscriber.personId!)) as { newsletter: { subscription: { email: string } } };
    expect(data.newsletter.subscription.email).toBe(email);
    const { manageToken } = await import('./service');
    await env.app.request(`/newsletter/unsubscribe/one-click?token=${await manageToken(env.deps, subscriber.id)}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await erasePerson(env.deps.db, subscriber.personId!);
    expect(await find(env.deps.db, email)).toBeUndefined();
    expect(await suppressionFor(env.deps.db, email)).toBe('unsubscribed');
    const [row] = await rows<{ email: string | null }>(
      env.deps.db,
      sql`SELECT email FROM newsletter_suppressions WHERE email_hash = encode(sha256(convert_to(lower(${email}), 'UTF8')), 'hex')`,
    );
    expect(row.email).toBeNull();
  });
});
