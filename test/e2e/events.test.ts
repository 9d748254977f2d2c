import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import pino from 'pino';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openPglite, type Database } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { outboxMailer } from '../../src/platform/mail/mailer';
import { createSession } from '../../src/platform/auth/service';
import { runSeed } from '../../src/seed';
import { findPersonByEmail } from '../../src/modules/people/service';
import { createRsvp, getEvent } from '../../src/modules/events/service';
import { manageUrl } from '../../src/modules/events/views/emails';
import type { Deps } from '../../src/platform/http/context';

/**
 * Every events page in Chromium with axe-core (WCAG 2.2 AA): requests are answered by the app in
 * this process, so the pages, CSS and scripts are exactly what a server would send.
 */
let database: Database;
let deps: Deps;
let app: ReturnType<typeof createApp>;
let browser: Browser;
const axe = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  database = await openPglite(undefined);
  await migrate(database);
  const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://pathways.test', SECRET_KEY: 'e2e-secret-e2e-secret-e2e-secret-0000', LOG_LEVEL: 'silent' });
  deps = { database, db: database.db, config, mailer: outboxMailer(database.db, config.MAIL_FROM, null), secret: new TextEncoder().encode(config.SECRET_KEY), logger: pino({ level: 'silent' }) };
  await runSeed(deps);
  app = createApp(deps);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await database?.close();
});

async function open(cookie: string): Promise<Page> {
  // axe-core is injected inline below, which the page's CSP refuses.
  const page = await browser.newPage({ bypassCSP: true });
  await page.route('**/*', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (url.host !== 'pathways.test') return route.abort();
    const res = await app.request(url.pathname + url.search, { method: req.method(), headers: { ...req.headers(), cookie }, body: (req.postDataBuffer() as unknown as BodyInit) ?? undefined });
    await route.fulfill({ status: res.status, headers: Object.fromEntries((res.headers as unknown as Map<string, string>).entries()), body: Buffer.from(await res.arrayBuffer()) });
  });
  return page;
}

async function violations(page: Page, url: string) {
  const res = await page.goto(`http://pathways.test${url}`);
  expect(res?.status()).toBe(200);
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
    if (r.passes.length < 10) return ['axe did not run'];
    return r.violations.map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return result as string[];
}

describe('events pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public pages in both languages', async () => {
    const e = await getEvent(deps.db, 'data-donuts-1');
    const r = await createRsvp(deps.db, e, { name: 'Axe Tester', email: 'axe@example.org', answers: {}, accessibilityNeeds: null }, { sendEmail: false });
    const manage = new URL(await manageUrl(deps, { id: r.rsvp.id, language: 'en' })).pathname;
    const page = await open('');
    for (const url of ['/events', '/events?when=past', '/es/events', '/events/data-donuts-1', '/es/events/data-donuts-2', '/events/data-donuts-4', '/events/series/data-donuts', manage]) {
      expect(await violations(page, url), url).toEqual([]);
    }
  });

  it('organizer pages', async () => {
    const organizer = await findPersonByEmail(deps.db, 'organizer@pathways.localhost');
    const token = await createSession(deps.db, organizer!.id, 'e2e');
    const page = await open(`pw_session=${token}; lang=en`);
    for (const url of ['/events/new', '/events/data-donuts-1/edit', '/events/data-donuts-1/attendees', '/events/data-donuts-1/checkin', '/events/data-donuts-4/checkin?q=maria', '/events/series/new']) {
      expect(await violations(page, url), url).toEqual([]);
    }
  });
});
