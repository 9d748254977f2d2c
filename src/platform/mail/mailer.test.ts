import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { testEnv, uid, type TestEnv } from '../../../test/helpers';
import { outbox } from './schema';

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
