import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { testEnv, uid, type TestEnv } from '../../../test/helpers';
import { outbox } from './schema';
import { emailHtml, EmailButton } from './render';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

describe('mailer', () => {
  it('writes one List-Unsubscribe header with both ways out and the one-click hint (RFC 2369, RFC 8058)', async () => {
    const to = `list-${uid()}@example.org`;
    await env.deps.mailer.send({
      to,
      subject: 'Hola',
      html: '<p>Hola</p>',
      text: 'Hola',
      listUnsubscribe: { url: 'https://pathways.test/u/abc', mail: 'unsubscribe@pathways.test' },
    });
    const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, to)).orderBy(desc(outbox.createdAt));
    const headers = m.raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    const lines = headers.split(/\r?\n/).filter((l) => /^List-Unsubscribe:/i.test(l));
    expect(lines).toEqual(['List-Unsubscribe: <https://pathways.test/u/abc>, <mailto:unsubscribe@pathways.test>']);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(m.raw).toMatch(/Content-Type: text\/plain/);
    expect(m.raw).toMatch(/Content-Type: text\/html/);
    expect(headers).not.toMatch(/^Auto-Submitted:/im);
  });

  it('marks automatic mail Auto-Submitted (RFC 3834) and names the list of bulk mail with List-Id (RFC 2919)', async () => {
    const [auto, bulk] = [`auto-${uid()}@example.org`, `bulk-${uid()}@example.org`];
    await env.deps.mailer.send({ to: auto, subject: 'Your code', html: '<p>123456</p>', text: '123456' });
    await env.deps.mailer.send({
      to: bulk,
      subject: 'News',
      html: '<p>News</p>',
      text: 'News',
      listId: 'Newsletter <newsletter.pathways.test>',
    });
    const head = async (to: string) =>
      (await env.deps.db.select().from(outbox).where(eq(outbox.to, to)))[0].raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
    expect(await head(auto)).toMatch(/^Auto-Submitted: auto-generated$/m);
    const b = await head(bulk);
    expect(b).toMatch(/^List-Id: Newsletter <newsletter\.pathways\.test>$/im);
    expect(b).not.toMatch(/^Auto-Submitted:/im);
  });

  it('lays email out for Outlook on Windows: a fixed-width layout table and a button coloured on its cell', () => {
    const html = emailHtml({
      locale: 'es',
      title: 'Confirma',
      children: EmailButton({ href: 'https://pathways.test/c', children: 'Confirmar' }),
    });
    expect(html).toMatch(/<table role="presentation" width="600"/);
    expect(html).toMatch(/<td align="center" bgcolor="#1a4480"[^>]*><a href="https:\/\/pathways\.test\/c"/);
    expect(html).not.toMatch(/<div[^>]*max-width/);
    expect(html).toContain('lang="es"');
  });
});

describe('Content-Language', () => {
  it('names the language a message is written in, and is absent when none is given', async () => {
    const es = `lang-es-${uid()}@example.org`;
    const none = `lang-none-${uid()}@example.org`;
    await env.deps.mailer.send({ to: es, subject: 'Hola', html: '<p>Hola</p>', text: 'Hola', language: 'es' });
    await env.deps.mailer.send({ to: none, subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' });
    const head = async (to: string) => {
      const [m] = await env.deps.db.select().from(outbox).where(eq(outbox.to, to));
      return m.raw.split(/\r?\n\r?\n/)[0];
    };
    expect(await head(es)).toMatch(/^Content-Language: es$/m);
    expect(await head(none)).not.toMatch(/^Content-Language:/im);
  });
});
