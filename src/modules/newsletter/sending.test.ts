import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { rows } from '../../db/client';
import { createSubscriber, findSubscriber, getSettings, saveSettings, sendSlice, suppressionFor } from './service';
import { startSmtp } from './testing/smtp';

let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let token: string;
const tempFail = new Set<string>();

beforeAll(async () => {
  smtp = await startSmtp({ reject: (to) => (to.startsWith('gone-') ? 550 : tempFail.has(to) ? 451 : null) });
  env = await testEnv({ SMTP_URL: smtp.url });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer');
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

async function audience(n: number, opts: { prefix?: string; language?: (i: number) => 'en' | 'es' } = {}) {
  const chapter = `ch-${uid()}`;
  const emails: string[] = [];
  for (let i = 0; i < n; i++) {
    const email = `${opts.prefix ?? 'r'}${i}-${uid()}@example.org`;
    const { subscriber } = await createSubscriber(env.deps.db, {
      email,
      name: `Person ${i}`,
      language: opts.language?.(i) ?? 'en',
      confirmed: true,
      consentedAt: new Date('2025-01-01'),
    });
    await env.deps.db.execute(sql`UPDATE newsletter_subscribers SET chapter_slug = ${chapter} WHERE id = ${subscriber.id}`);
    emails.push(email.toLowerCase());
  }
  return { chapter, emails };
}

const issueBody = (chapter: string, extra: Record<string, unknown> = {}) => ({
  subject: { en: 'Civic tech night', es: 'Noche de tecnología cívica' },
  body: {
    en: '## Hello\n\nSee [the agenda](https://example.org/agenda?x=1&y=2).\n\n<script>alert(1)</script><iframe src="https://evil.example"></iframe>',
    es: '## Hola\n\nMira [la agenda](https://example.org/agenda?x=1&y=2).',
  },
  segment: { chapter },
  ...extra,
});

async function drain() {
  for (let i = 0; i < 20; i++) if ((await sendSlice(env.deps, { maxMs: 10_000 })) === 0) break;
}

async function issue(id: string) {
  return (await (await api(env, 'GET', `/api/v1/newsletter/issues/${id}`, token)).json()) as Record<string, number | string>;
}

describe('sending an issue over SMTP', () => {
  it('gives each recipient one message in their language, with one-click unsubscribe headers and a text part', async () => {
    const { chapter, emails } = await audience(6, { language: (i) => (i % 2 ? 'es' : 'en') });
    const created = await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const sent = await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
    expect(sent.status).toBe(202);
    expect(((await sent.json()) as { status: string }).status).toBe('sending');
    await drain();
    const got = await issue(id);
    expect(got).toMatchObject({ status: 'sent', sent: 6, failed: 0, left: 0 });
    for (const [i, email] of emails.entries()) {
      const mine = smtp.received.filter((m) => m.to === email);
      expect(mine).toHaveLength(1);
      const raw = mine[0].raw;
      const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
      expect(unfolded.match(/^List-Unsubscribe:/gm)).toHaveLength(1);
      expect(unfolded).toMatch(
        /^List-Unsubscribe: <http:\/\/pathways\.test\/newsletter\/unsubscribe\/one-click\?token=[^>]+>, <mailto:hello@pathways\.localhost\?subject=unsubscribe%20[0-9a-f-]{36}>/m,
      );
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      expect(raw).toMatch(/^List-Id: Newsletter <newsletter\.pathways\.test>/im);
      // Bulk mail is not "automatic" in RFC 3834's sense; confirmations and reminders are.
      expect(raw).not.toMatch(/^Auto-Submitted:/im);
      expect(raw).toMatch(/^Message-ID: <[0-9a-f-]{36}@pathways\.localhost>/m);
      expect(raw).toMatch(/Content-Type: text\/plain/);
      expect(raw).toMatch(/Content-Type: text\/html/);
      expect(raw).toContain(i % 2 ? 'Subject: =?UTF-8?' : 'Subject: Civic tech night');
      expect(raw).not.toMatch(/<script|<iframe|evil\.example/);
    }
  });

  it('at a high rate sends each recipient one message over at most 8 connections', async () => {
    const before = await getSettings(env.deps.db);
    await saveSettings(env.deps.db, { ratePerSecond: 10_000 });
    try {
      const { chapter, emails } = await audience(60);
      const { id } = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter))).json()) as { id: string };
      await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
      await drain();
      expect(await issue(id)).toMatchObject({ status: 'sent', sent: 60, failed: 0, left: 0 });
      for (const email of emails) expect(smtp.counts.get(email)).toBe(1);
      expect(smtp.peakConnections()).toBeGreaterThan(1);
      expect(smtp.peakConnections()).toBeLessThanOrEqual(8);
    } finally {
      await saveSettings(env.deps.db, { ratePerSecond: before.ratePerSecond });
    }
  });

  it('retries a temporary refusal later and suppresses a permanent one', async () => {
    const { chapter, emails } = await audience(2);
    const gone = `gone-${uid()}@example.org`;
    await createSubscriber(env.deps.db, { email: gone, language: 'en', confirmed: true, consentedAt: new Date('2025-01-01') });
    await env.deps.db.execute(sql`UPDATE newsletter_subscribers SET chapter_slug = ${chapter} WHERE email = ${gone}`);
    tempFail.add(emails[0]);
    const { id } = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter))).json()) as { id: string };
    await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
    await drain();
    let got = await issue(id);
    expect(got).toMatchObject({ status: 'sending', sent: 1, failed: 1, left: 1 });
    expect(await suppressionFor(env.deps.db, gone)).toBe('bounced');
    expect((await findSubscriber(env.deps.db, gone))!.status).toBe('bounced');
    const [retry] = await rows<{ next_attempt_at: Date; last_error: string }>(
      env.deps.db,
      sql`SELECT next_attempt_at, last_error FROM newsletter_deliveries WHERE issue_id = ${id} AND status = 'queued'`,
    );
    expect(new Date(retry.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    tempFail.delete(emails[0]);
    await env.deps.db.execute(sql`UPDATE newsletter_deliveries SET next_attempt_at = now() WHERE issue_id = ${id} AND status = 'queued'`);
    await drain();
    got = await issue(id);
    expect(got).toMatchObject({ status: 'sent', sent: 2, failed: 1, left: 0 });
    expect(smtp.counts.get(emails[0])).toBe(1);
  });

  it('counts unique opens and clicks, flags machine opens, and redirects only to the issue’s own links', async () => {
    const { chapter, emails } = await audience(2);
    const { id } = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter))).json()) as { id: string };
    await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
    await drain();
    await env.deps.db.execute(sql`UPDATE newsletter_deliveries SET sent_at = now() - interval '1 hour' WHERE issue_id = ${id}`);
    const raw = (email: string) =>
      smtp.received
        .find((m) => m.to === email)!
        .raw.replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=');
    const pixel = (email: string) => /\/newsletter\/o\/([A-Za-z0-9_.-]+)\.gif/.exec(raw(email))![1];
    const click = (email: string) => /\/newsletter\/c\/([A-Za-z0-9_.-]+)\/(\d+)/.exec(raw(email))!;
    const human = {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
    };
    const apple = { 'user-agent': 'Mozilla/5.0' };
    const o1 = await env.app.request(`/newsletter/o/${pixel(emails[0])}.gif`, { headers: human });
    expect(o1.headers.get('content-type')).toBe('image/gif');
    await env.app.request(`/newsletter/o/${pixel(emails[0])}.gif`, { headers: human });
    await env.app.request(`/newsletter/o/${pixel(emails[1])}.gif`, { headers: apple });
    const [, t, index] = click(emails[0]);
    const res = await env.app.request(`/newsletter/c/${t}/${index}`, { headers: human });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://example.org/agenda?x=1&y=2');
    expect((await env.app.request(`/newsletter/c/${t}/99`)).status).toBe(404);
    expect((await env.app.request(`/newsletter/c/${t}x/${index}`)).status).toBe(404);
    expect((await env.app.request(`/newsletter/c/${t}/${index}?url=https://evil.example`)).headers.get('location')).toBe(
      'https://example.org/agenda?x=1&y=2',
    );
    const got = await issue(id);
    expect(got).toMatchObject({ opens: 1, machineOpens: 1, clicks: 1, openRate: 0.5, clickRate: 0.5 });
  });

  it('does not add a pixel or tracked links when tracking is off for the issue', async () => {
    const { chapter, emails } = await audience(1);
    const { id } = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter, { tracking: false }))).json()) as {
      id: string;
    };
    await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
    await drain();
    const raw = smtp.received.find((m) => m.to === emails[0])!.raw;
    expect(raw).not.toContain('/newsletter/o/');
    expect(raw).not.toContain('/newsletter/c/');
  });

  it('refuses an empty issue, a time in the past, and a second send', async () => {
    const { chapter } = await audience(1);
    const empty = (await (
      await api(env, 'POST', '/api/v1/newsletter/issues', token, {
        subject: { en: 'x', es: 'x' },
        body: { en: '<script>x</script>', es: '' },
        segment: { chapter },
      })
    ).json()) as { id: string };
    const r1 = await api(env, 'POST', `/api/v1/newsletter/issues/${empty.id}/send`, token);
    expect(r1.status).toBe(422);
    expect(((await r1.json()) as { error: { message: string } }).error.message).toContain('This issue is empty');
    // Only a block, and the block's module has nothing to offer (or is not installed): still empty.
    const onlyBlock = (await (
      await api(env, 'POST', '/api/v1/newsletter/issues', token, {
        subject: { en: 'x', es: 'x' },
        body: { en: '', es: '' },
        blocks: { recordings: true },
        segment: { chapter },
      })
    ).json()) as { id: string };
    expect((await api(env, 'POST', `/api/v1/newsletter/issues/${onlyBlock.id}/send`, token)).status).toBe(422);
    expect((await issue(onlyBlock.id)).status).toBe('draft');
    const ok = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter))).json()) as { id: string };
    const past = await api(env, 'POST', `/api/v1/newsletter/issues/${ok.id}/send`, token, { scheduledAt: '2020-01-01T10:00:00Z' });
    expect(past.status).toBe(422);
    expect(((await past.json()) as { error: { message: string } }).error.message).toBe('Choose a time in the future.');
    const later = await api(env, 'POST', `/api/v1/newsletter/issues/${ok.id}/send`, token, {
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(((await later.json()) as { status: string }).status).toBe('scheduled');
    await env.deps.db.execute(sql`UPDATE newsletter_issues SET scheduled_at = now() - interval '1 second' WHERE id = ${ok.id}`);
    const { startDueIssues } = await import('./service');
    await startDueIssues(env.deps, {});
    expect((await issue(ok.id)).status).toBe('sending');
    expect((await api(env, 'POST', `/api/v1/newsletter/issues/${ok.id}/send`, token)).status).toBe(409);
    expect((await api(env, 'GET', `/api/v1/newsletter/issues/not-a-uuid`, token)).status).toBe(422);
    await drain();
  });

  it('pauses, resumes and cancels; a cancelled issue sends nothing more', async () => {
    const { chapter, emails } = await audience(3);
    const { id } = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter))).json()) as { id: string };
    await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
    const b = new Browser(env);
    await b.signInAs(`org2-${uid()}@example.org`, { role: 'organizer' });
    const page = await b.get(`/organize/newsletter/issues/${id}`);
    const html = await page.text();
    expect(html).toContain('<progress');
    expect(html).toContain('http-equiv="refresh"');
    expect((await b.post(`/organize/newsletter/issues/${id}/pause`, {})).status).toBe(303);
    await drain();
    expect((await issue(id)).sent).toBe(0);
    await b.post(`/organize/newsletter/issues/${id}/resume`, {});
    await b.post(`/organize/newsletter/issues/${id}/cancel`, {});
    await drain();
    const got = await issue(id);
    expect(got).toMatchObject({ status: 'cancelled', sent: 0, left: 0 });
    for (const e of emails) expect(smtp.counts.get(e)).toBeUndefined();
  });

  it('publishes a web archive page for a sent issue, in both languages', async () => {
    const { chapter } = await audience(1);
    const { id } = (await (await api(env, 'POST', '/api/v1/newsletter/issues', token, issueBody(chapter))).json()) as { id: string };
    expect((await new Browser(env).get(`/newsletter/archive/${id}`)).status).toBe(404);
    await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token);
    await drain();
    const en = await new Browser(env).get(`/newsletter/archive/${id}`);
    expect(en.status).toBe(200);
    const es = visibleText(await (await new Browser(env).get(`/es/newsletter/archive/${id}`)).text());
    expect(es).toContain('Noche de tecnología cívica');
    expect(es).toContain('Mira la agenda');
  });
});
