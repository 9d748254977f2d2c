import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { api, apiToken, Browser, testEnv, uid, visibleText, withMigratedDatabase, type TestEnv } from '../../../test/helpers';
import { entryCommand } from '../../../test/entry';
import { ensureChapter, findPersonByEmail } from '../../modules/people';
import { apiTokens } from './schema';
import { createApiToken, listApiTokens, revokeApiToken } from './service';
import { hashToken } from './tokens';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ RATE_LIMITS: 'off' });
  await ensureChapter(env.deps.db, { slug: 'los-angeles', name: 'Los Angeles' });
});
afterAll(() => env.close());

const future = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const eventBody = () => ({
  title: { en: `Talk ${uid()}`, es: null },
  startsAt: future(5),
  endsAt: future(5, 2),
  timeZone: 'America/Los_Angeles',
  capacity: 10,
  status: 'published',
  chapter: 'los-angeles',
});
const rowOf = async (token: string) =>
  (
    await env.deps.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashToken(token)))
  )[0];

describe('the JSON API takes bearer tokens only', () => {
  it('refuses a POST carrying only a session cookie (401) and takes the same person with a bearer token', async () => {
    const email = `cookie-${uid()}@example.org`;
    const b = new Browser(env);
    const person = await b.signInAs(email, { role: 'admin' });
    await b.get('/');
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const headers = { accept: 'application/json', 'content-type': 'application/json', cookie, 'x-csrf-token': b.cookies.get('pw_csrf')! };
    const viaCookie = await env.app.request('/api/v1/events', { method: 'POST', headers, body: JSON.stringify(eventBody()) });
    expect(viaCookie.status).toBe(401);
    expect(((await viaCookie.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const me = await env.app.request('/api/v1/me', { headers });
    expect(me.status).toBe(401);
    // The same person's pages still work with the cookie.
    expect((await b.get('/account')).status).toBe(200);

    const token = await createApiToken(env.deps.db, person.id, 'test');
    const viaBearer = await api(env, 'POST', '/api/v1/events', token, eventBody());
    expect(viaBearer.status).toBe(201);
  });
});

describe('API tokens', () => {
  it('a revoked token gets 401 at once', async () => {
    const token = await apiToken(env, `revoke-${uid()}@example.org`);
    expect((await api(env, 'GET', '/api/v1/me', token)).status).toBe(200);
    const row = await rowOf(token);
    expect(await revokeApiToken(env.deps.db, row.id)).toBe(true);
    const res = await api(env, 'GET', '/api/v1/me', token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/sign in/i);
    expect(await revokeApiToken(env.deps.db, 'not-an-id')).toBe(false);
  });

  it('a token created to expire works until then and gets 401 after', async () => {
    const email = `expire-${uid()}@example.org`;
    await apiToken(env, email);
    const person = await findPersonByEmail(env.deps.db, email);
    const token = await createApiToken(env.deps.db, person!.id, 'short', { expiresDays: 1 });
    const row = await rowOf(token);
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
    expect((await api(env, 'GET', '/api/v1/me', token)).status).toBe(200);
    await env.deps.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, row.id));
    expect((await api(env, 'GET', '/api/v1/me', token)).status).toBe(401);
  });

  it('records when a token was last used, at most once a minute', async () => {
    const token = await apiToken(env, `used-${uid()}@example.org`);
    expect((await rowOf(token)).lastUsedAt).toBeNull();
    await api(env, 'GET', '/api/v1/me', token);
    const first = (await rowOf(token)).lastUsedAt!;
    expect(Math.abs(first.getTime() - Date.now())).toBeLessThan(60_000);
    await api(env, 'GET', '/api/v1/me', token);
    expect((await rowOf(token)).lastUsedAt!.getTime()).toBe(first.getTime());
    // A minute later the next call writes again.
    await env.deps.db.execute(
      sql`UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE token_hash = ${hashToken(token)}`,
    );
    await api(env, 'GET', '/api/v1/me', token);
    expect((await rowOf(token)).lastUsedAt!.getTime()).toBeGreaterThan(first.getTime() - 1000);
    expect(Date.now() - (await rowOf(token)).lastUsedAt!.getTime()).toBeLessThan(30_000);
    const [listed] = await listApiTokens(env.deps.db, (await rowOf(token)).personId);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed).not.toHaveProperty('tokenHash');
  });
});

describe('API tokens on the account page', () => {
  it("lists the person's live tokens and revokes one; another person's token cannot be revoked", async () => {
    const email = `page-${uid()}@example.org`;
    const b = new Browser(env);
    const person = await b.signInAs(email, { language: 'es' });
    const token = await createApiToken(env.deps.db, person.id, `deploy-${uid()}`, { expiresDays: 10 });
    const row = await rowOf(token);
    const other = await apiToken(env, `other-${uid()}@example.org`);
    const otherRow = await rowOf(other);
    const html = await (await b.get('/es/account')).text();
    expect(visibleText(html)).toContain('Tokens de la API');
    expect(visibleText(html)).toContain(row.label);
    expect(html).not.toContain(token);
    expect((await b.post(`/es/account/tokens/${otherRow.id}/revoke`, {})).status).toBe(303);
    expect((await api(env, 'GET', '/api/v1/me', other)).status).toBe(200);
    expect((await b.post(`/es/account/tokens/not-a-uuid/revoke`, {})).status).toBe(303);
    expect((await b.post(`/es/account/tokens/${row.id}/revoke`, {})).status).toBe(303);
    expect((await api(env, 'GET', '/api/v1/me', token)).status).toBe(401);
    expect(visibleText(await (await b.get('/es/account')).text())).not.toContain(row.label);
  });
});

describe('the request log', () => {
  it('never holds a token from the address', async () => {
    const lines: string[] = [];
    const logger = env.deps.logger;
    env.deps.logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const jws = 'eyJhbGciOiJIUzI1NiJ9.eyJyIjoiMTIzNDU2Nzg5MCIsInAiOiJyc3ZwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const paths = [
      `/events/manage/${jws}`,
      `/es/events/manage/${jws}/cancel`,
      `/events/fair-pass/${jws}`,
      `/newsletter/o/${jws}.gif`,
      `/newsletter/c/${jws}/2`,
      `/newsletter/preferences?token=${jws}`,
      `/signin/verify?token=${jws}`,
    ];
    try {
      for (const p of paths) await (await new Browser(env).get(p)).arrayBuffer();
      await (await api(env, 'DELETE', `/api/v1/rsvps/${jws}`)).arrayBuffer();
    } finally {
      env.deps.logger = logger;
    }
    const requests = lines.map((l) => JSON.parse(l) as { msg: string; path: string }).filter((l) => l.msg === 'request');
    expect(requests.length).toBe(paths.length + 1);
    for (const l of lines) {
      expect(l).not.toContain(jws.split('.')[1]);
      expect(l).not.toContain(jws.split('.')[2]);
    }
    expect(requests.map((r) => r.path)).toContain('/events/manage/[redacted]');
  });
});

describe('pathways token', () => {
  const dataDir = withMigratedDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-tokens-')));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const cli = (args: string[]) => {
    const r = spawnSync(...entryCommand('cli', args), {
      encoding: 'utf8',
      env: {
        ...process.env,
        BASE_URL: 'http://localhost:3000',
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        SEED: 'none',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('creates a token with an expiry, lists it and revokes it', () => {
    expect(cli(['admin', 'add', 'tok@example.org']).code).toBe(0);
    const created = cli(['token', 'create', 'tok@example.org', 'deploys', '--expires-days', '30']);
    expect(created.err).toBe('');
    expect(created.out.trim()).toMatch(/^pw_[\w-]{40,}$/);
    expect(cli(['token', 'create', 'tok@example.org', '--expires-days', 'soon']).code).toBe(2);
    const listed = cli(['token', 'list', 'tok@example.org']);
    expect(listed.code).toBe(0);
    expect(listed.out).not.toContain(created.out.trim());
    const line = listed.out
      .trim()
      .split('\n')
      .find((l) => l.includes('deploys'))!;
    expect(line).toMatch(/\tactive$/);
    const expires = /expires (\d{4}-\d\d-\d\d)/.exec(line)![1];
    expect(new Date(expires).getTime()).toBeGreaterThan(Date.now() + 28 * 86_400_000);
    const id = line.split('\t')[0];
    const revoked = cli(['token', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect(cli(['token', 'list', 'tok@example.org']).out).toMatch(/deploys.*\trevoked/);
    expect(cli(['token', 'revoke', '00000000-0000-0000-0000-000000000000']).code).toBe(1);
    // Seven command-line starts: allow for a busy machine.
  }, 300_000);
});
