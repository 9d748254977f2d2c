/**
 * Stored hostile strings never run in the browser. Every form an admin can reach (found by crawling,
 * so every module's forms) gets script-bearing strings in all its text fields; then every page the
 * admin and an anonymous visitor can reach is opened in Chromium, which must show no dialog and never
 * set the flag the strings try to set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/platform/auth/service';
import { ensurePerson, grantRole, updateProfile } from '../../src/modules/people';
import { crawl, formsOf } from '../sweeps/routes';
import { startE2E, type E2E } from './harness';

const XSS = [
  '<script>window.__pwned=1;alert(1)</script>',
  '"><img src=x onerror="window.__pwned=2;alert(2)">',
  '\'><svg onload="window.__pwned=3;alert(3)">',
  'javascript:window.__pwned=4;alert(4)',
  '</textarea><script>window.__pwned=5</script>',
  '<iframe srcdoc="<script>parent.__pwned=6</script>"></iframe>',
];

let e2e: E2E;
let adminId = '';

async function session(): Promise<string> {
  await grantRole(e2e.deps.db, adminId, 'admin', null);
  return createSession(e2e.deps.db, adminId, 'e2e');
}

async function fetchAs(path: string, cookie: string, init: RequestInit = {}) {
  return fetch(e2e.baseUrl + path, { ...init, redirect: 'manual', headers: { accept: 'text/html', cookie, ...(init.headers ?? {}) } });
}

beforeAll(async () => {
  e2e = await startE2E();
  const { person } = await ensurePerson(e2e.deps.db, { email: 'xss-admin@example.org', fullName: XSS[0], verified: true });
  adminId = person.id;
  await updateProfile(e2e.deps.db, person.id, {
    fullName: XSS[1],
    preferredName: XSS[2],
    language: 'en',
    pronouns: XSS[3].slice(0, 60),
    organization: XSS[4],
    sector: null,
    accessibilityNeeds: XSS.join('\n'),
    consents: {},
  });
  for (const [i, s] of XSS.entries()) await ensurePerson(e2e.deps.db, { email: `xss-${i}@example.org`, fullName: s });
}, 180_000);

afterAll(() => e2e?.close());

describe('stored hostile strings', () => {
  it('never execute on any page, for an admin or an anonymous visitor', async () => {
    // Store the strings through every form the admin reaches.
    const cookieOf = async () => `pw_session=${await session()}; pw_csrf=e2etoken`;
    const adminGet = async (p: string) => fetchAs(p, await cookieOf());
    const { pages } = await crawl(adminGet, ['/', '/admin', '/account'], 150);
    let posted = 0;
    for (const [page, html] of pages) {
      for (const form of formsOf(page, html)) {
        if (/\/(signout|delete|revoke)(\/|$)/.test(form.action)) continue;
        for (const s of XSS) {
          const body = new URLSearchParams({ _csrf: 'e2etoken' });
          for (const f of form.fields) {
            if (f.name === '_csrf') continue;
            if (['text', 'textarea', 'search', 'url'].includes(f.type)) body.set(f.name, s);
            else if (f.type !== 'checkbox' && f.value) body.set(f.name, f.value);
            else if (f.type === 'email') body.set(f.name, `xss-${posted}@example.org`);
            else if (f.type === 'select' && f.options?.length) body.set(f.name, f.options.find(Boolean) ?? '');
          }
          const res = await fetchAs(form.action, await cookieOf(), {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          expect(res.status, `${form.action}`).toBeLessThan(500);
          await res.arrayBuffer();
          posted++;
        }
      }
    }
    expect(posted).toBeGreaterThan(5);

    // Now look at everything in a real browser.
    const adminPages = (await crawl(adminGet, ['/', '/es/', '/admin', '/es/admin', '/account'], 150)).pages;
    const anonPages = (await crawl((p) => fetchAs(p, ''), ['/', '/es/'], 100)).pages;
    const dialogs: string[] = [];
    const flagged: string[] = [];
    for (const [who, list] of [
      ['admin', [...adminPages.keys()]],
      ['anonymous', [...anonPages.keys()]],
    ] as const) {
      const context = await e2e.browser.newContext();
      if (who === 'admin') {
        await context.addCookies([{ name: 'pw_session', value: await session(), url: e2e.baseUrl }]);
      }
      const page = await context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(`${who} ${page.url()}: ${d.message()}`);
        void d.dismiss();
      });
      for (const path of list) {
        await page.goto(e2e.baseUrl + path, { waitUntil: 'load' });
        const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null);
        if (pwned !== null) flagged.push(`${who} ${path}: __pwned=${pwned}`);
      }
      await context.close();
    }
    expect(adminPages.size).toBeGreaterThan(5);
    expect(dialogs).toEqual([]);
    expect(flagged).toEqual([]);
  }, 600_000);
});
