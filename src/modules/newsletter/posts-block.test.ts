import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { api, apiToken, Browser, testEnv, uid, visibleText, type TestEnv } from '../../../test/helpers';
import { ensureChapter } from '../people';
import { createSubscriber, sendSlice } from './service';
import { startSmtp } from './testing/smtp';

// The "latest posts" block: filled from the directory (handed to the newsletter at composition), in
// each recipient's language, with only posts the public can read.

let env: TestEnv;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let token: string;

beforeAll(async () => {
  smtp = await startSmtp({ reject: () => null });
  env = await testEnv({ SMTP_URL: smtp.url });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
  token = await apiToken(env, `org-${uid()}@example.org`, 'organizer', 'los-angeles');
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

async function drain() {
  for (let i = 0; i < 20; i++) if ((await sendSlice(env.deps, { maxMs: 10_000 })) === 0) break;
}

describe('the latest posts block', () => {
  it('is empty without public posts, then lists published ones in each language, never drafts or scheduled ones', async () => {
    const chapter = `ch-${uid()}`;
    for (const language of ['en', 'es'] as const) {
      const email = `${language}-${uid()}@example.org`;
      const { subscriber } = await createSubscriber(env.deps.db, {
        email,
        name: 'Reader',
        language,
        confirmed: true,
        consentedAt: new Date(),
      });
      await env.deps.db.execute(sql`UPDATE newsletter_subscribers SET chapter_slug = ${chapter} WHERE id = ${subscriber.id}`);
    }
    const newIssue = async () =>
      (
        (await (
          await api(env, 'POST', '/api/v1/newsletter/issues', token, {
            subject: { en: 'News', es: 'Noticias' },
            body: { en: '', es: '' },
            blocks: { posts: true },
            segment: { chapter },
          })
        ).json()) as { id: string }
      ).id;
    // Only the block, and no post the public can read yet: nothing to send.
    const early = await newIssue();
    expect((await api(env, 'POST', `/api/v1/newsletter/issues/${early}/send`, token)).status).toBe(422);

    const tag = uid();
    const write = async (body: Record<string, unknown>) =>
      expect((await api(env, 'POST', '/api/v1/posts', token, { body: 'Text', tags: [], ...body })).status).toBe(201);
    await write({ title: `Roundup ${tag}`, titleEs: `Resumen ${tag}`, status: 'published' });
    await write({ title: `Draft ${tag}`, status: 'draft' });
    await write({ title: `Later ${tag}`, status: 'published', publishAt: new Date(Date.now() + 86_400_000).toISOString() });

    const id = await newIssue();
    expect((await api(env, 'POST', `/api/v1/newsletter/issues/${id}/send`, token)).status).toBe(202);
    await drain();
    const got = (await (await api(env, 'GET', `/api/v1/newsletter/issues/${id}`, token)).json()) as { status: string; sent: number };
    expect(got).toMatchObject({ status: 'sent', sent: 2 });

    const en = visibleText(await (await new Browser(env).get(`/newsletter/archive/${id}`)).text());
    expect(en).toContain('Latest posts');
    expect(en).toContain(`Roundup ${tag}`);
    expect(en).not.toContain(`Draft ${tag}`);
    expect(en).not.toContain(`Later ${tag}`);
    const esHtml = await (await new Browser(env).get(`/es/newsletter/archive/${id}`)).text();
    expect(visibleText(esHtml)).toContain(`Resumen ${tag}`);
    expect(esHtml).toMatch(/href="http:\/\/pathways\.test\/es\/posts\/resumen|href="http:\/\/pathways\.test\/es\/posts\/roundup/);

    // The messages themselves carry the block, each in its reader's language.
    const bodies = smtp.received.map((m) => m.raw.replace(/=\r?\n/g, '')).join('\n');
    expect(bodies).toContain(`Roundup ${tag}`);
    expect(bodies).toContain(`Resumen ${tag}`);
    expect(bodies).not.toContain(`Draft ${tag}`);
  });
});
