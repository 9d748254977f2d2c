import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config';
import { closeServices, openServices } from '../../src/services';
import { createApp } from '../../src/app';
import { runSeed } from '../../src/seed';
import { rows } from '../../src/db/client';
import { createSession } from '../../src/platform/auth/service';
import { ensurePerson, grantRole } from '../../src/modules/people/service';
import type { Deps } from '../../src/platform/http/context';

/** The newsletter pages in a real browser: zero axe-core WCAG 2.2 AA violations, and the scripts work. */
let deps: Deps;
let server: ServerType;
let browser: Browser;
let base = '';
let session = '';

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathways-e2e-nl-'));
  deps = await openServices(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', NODE_ENV: 'test', SECRET_KEY: 'e2e-secret-e2e-secret-e2e-secret-0123456789' }));
  await runSeed(deps);
  const app = createApp(deps);
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const { person } = await ensurePerson(deps.db, { email: 'e2e-organizer@example.org', fullName: 'Organizer', verified: true });
  await grantRole(deps.db, person.id, 'organizer', null);
  session = await createSession(deps.db, person.id, 'e2e');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  server?.close();
  await closeServices(deps);
});

async function open(url: string, signedIn = false): Promise<Page> {
  const ctx = await browser.newContext({ locale: url.startsWith('/es') ? 'es' : 'en', bypassCSP: true }); // axe-core is injected inline
  if (signedIn) await ctx.addCookies([{ name: 'pw_session', value: session, url: base }]);
  const page = await ctx.newPage();
  await page.goto(base + url);
  return page;
}

async function axe(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected into the page
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result as string[];
}

describe('newsletter pages in a browser', () => {
  it('public and organizer pages have no accessibility violations, in both languages', async () => {
    const [sent] = await rows<{ id: string }>(deps.db, sql`SELECT id FROM newsletter_issues WHERE status = 'sent' LIMIT 1`);
    const [draft] = await rows<{ id: string }>(deps.db, sql`SELECT id FROM newsletter_issues WHERE status = 'draft' LIMIT 1`);
    const pages: [string, boolean][] = [
      ['/newsletter', false],
      ['/es/newsletter', false],
      [`/newsletter/archive/${sent.id}`, false],
      ['/organize/newsletter', true],
      ['/es/organize/newsletter', true],
      [`/organize/newsletter/issues/${draft.id}`, true],
      [`/organize/newsletter/issues/${sent.id}`, true],
      ['/organize/newsletter/issues/new', true],
      ['/organize/newsletter/subscribers', true],
      ['/organize/newsletter/import', true],
      ['/organize/newsletter/settings', true],
      ['/es/organize/newsletter/reports', true],
    ];
    // The checker itself works: an image without alt text is reported.
    const probe = await open('/newsletter');
    await probe.setContent('<html lang="en"><head><title>x</title></head><body><main><h1>x</h1><img src="/x.png"></main></body></html>');
    expect((await axe(probe)).join(' ')).toContain('image-alt');
    await probe.context().close();
    for (const [url, signedIn] of pages) {
      const page = await open(url, signedIn);
      expect(await page.locator('h1').count(), url).toBe(1);
      expect(await axe(page), url).toEqual([]);
      await page.context().close();
    }
  });

  it('previews markdown live as the organizer types', async () => {
    const page = await open('/organize/newsletter/issues/new', true);
    await page.fill('#bodyEs', '## Título\n\nCon **negrita** <script>window.bad=1</script>');
    await page.waitForFunction(() => document.querySelector('[data-preview-for="bodyEs"] strong')?.textContent === 'negrita');
    expect(await page.locator('[data-preview-for="bodyEs"] h2').textContent()).toBe('Título');
    expect(await page.evaluate(() => (window as unknown as { bad?: number }).bad)).toBeUndefined();
    await page.context().close();
  });
});
