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
import { getEvent } from '../../src/modules/events/service';
import { attendeeFor, boothFor, passToken, register } from '../../src/modules/careerfair/service';
import { getAgencyBySlug } from '../../src/modules/jobs/service';
import type { Deps } from '../../src/platform/http/context';

/**
 * Every career-fair page in Chromium with axe-core (WCAG 2.2 AA): requests are answered by the app in
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

/** A page whose requests the app answers in this process; cookies the app sets (CSRF) are kept per page. */
async function open(cookie: string): Promise<Page> {
  // axe-core is injected inline below, which the page's CSP refuses.
  const page = await browser.newPage({ bypassCSP: true });
  const jar = new Map<string, string>();
  await page.route('**/*', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    if (url.host !== 'pathways.test') return route.abort();
    const cookies = [cookie, ...[...jar].map(([k, v]) => `${k}=${v}`)].filter(Boolean).join('; ');
    const res = await app.request(url.pathname + url.search, { method: req.method(), headers: { ...req.headers(), host: url.host, cookie: cookies }, body: (req.postDataBuffer() as unknown as BodyInit) ?? undefined });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0];
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
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

const FAIR = 'la-public-sector-tech-career-fair';

describe('career fair pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public and attendee pages in both languages', async () => {
    const e = await getEvent(deps.db, FAIR);
    const maria = await findPersonByEmail(deps.db, 'maria.nunez@example.org');
    const a = (await attendeeFor(deps.db, e.id, maria!.id))!;
    const pass = `/events/fair-pass/${await passToken(deps.secret, a.id)}`;
    const page = await open('');
    for (const url of ['/fairs', '/es/fairs', `/events/${FAIR}/fair`, `/es/events/${FAIR}/fair`, `/events/${FAIR}/fair/register`, `/es/events/${FAIR}/fair/register`, pass, `/es${pass}`]) {
      expect(await violations(page, url), url).toEqual([]);
    }
  });

  it('the seeded fair has booths with jobs, consented attendees and connections', async () => {
    const e = await getEvent(deps.db, FAIR);
    const res = await app.request(`/api/v1/events/${FAIR}/booths`);
    const body = (await res.json()) as { booths: { jobs: unknown[] }[] };
    expect(body.booths.length).toBeGreaterThanOrEqual(4);
    expect(body.booths.some((b) => b.jobs.length > 0)).toBe(true);
    const ita = await getAgencyBySlug(deps.db, 'la-information-technology-agency');
    expect(await boothFor(deps.db, e.id, ita!.id)).toBeTruthy();
    const script = await app.request('/assets/careerfair.js');
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeLessThan(10_000);
  });

  it('organizer and booth pages', async () => {
    const e = await getEvent(deps.db, FAIR);
    const ita = await getAgencyBySlug(deps.db, 'la-information-technology-agency');
    const booth = (await boothFor(deps.db, e.id, ita!.id))!;
    const organizer = await findPersonByEmail(deps.db, 'organizer@pathways.localhost');
    const token = await createSession(deps.db, organizer!.id, 'e2e');
    const page = await open(`pw_session=${token}`);
    for (const url of [`/es/events/${FAIR}/fair/booths/${booth.id}/scan`, `/events/${FAIR}/fair/manage`, `/events/data-donuts-1/fair/manage`, `/events/${FAIR}/fair/booth`, `/events/${FAIR}/fair/booths/${booth.id}/edit`]) {
      expect(await violations(page, url), url).toEqual([]);
    }
    const partner = await findPersonByEmail(deps.db, 'partner@pathways.localhost');
    const ptoken = await createSession(deps.db, partner!.id, 'e2e');
    const ppage = await open(`pw_session=${ptoken}`);
    for (const url of [`/events/${FAIR}/fair/booths/${booth.id}/scan`, `/es/events/${FAIR}/fair/booths/${booth.id}/edit`]) {
      expect(await violations(ppage, url), url).toEqual([]);
    }
  });

  it('booth staff connect by typing a pass code in the browser; a second scan says already connected', async () => {
    const e = await getEvent(deps.db, FAIR);
    const ita = await getAgencyBySlug(deps.db, 'la-information-technology-agency');
    const booth = (await boothFor(deps.db, e.id, ita!.id))!;
    const { attendee } = await register(deps.db, e, { name: 'Ngozi Adébáyọ̀', email: 'ngozi.e2e@example.org', language: 'en', consent: true, resumeUrl: null, interests: null }, { trusted: false, sendEmail: false });
    const partner = await findPersonByEmail(deps.db, 'partner@pathways.localhost');
    const page = await open(`pw_session=${await createSession(deps.db, partner!.id, 'e2e')}`);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    for (const expected of ['Connected with Ngozi Adébáyọ̀.', 'You were already connected with Ngozi Adébáyọ̀.']) {
      await page.goto(`http://pathways.test/events/${FAIR}/fair/booths/${booth.id}/scan`);
      await page.fill('#code', attendee.passCode);
      await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Connect")')]);
      expect(await page.locator('.usa-alert').first().innerText()).toContain(expected);
    }
    expect(errors).toEqual([]);
  });
});
