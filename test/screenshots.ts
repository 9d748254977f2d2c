/**
 * `npm run screenshots`: the pages people judge Pathways by, on a phone and a laptop, in English and
 * Spanish, as PNG files in screenshots/ (not tracked) for review. Runs the real app with the demo
 * chapter and Debian's Chromium, like the browser tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { startE2E } from './e2e/harness';

const OUT = path.resolve(process.argv[2] ?? 'screenshots');
const SIZES = { phone: { width: 360, height: 740 }, laptop: { width: 1280, height: 800 } } as const;

/** The first link on a page whose address matches, so the shots follow the demo data wherever it goes. */
async function firstLink(page: Page, base: string, from: string, pattern: RegExp): Promise<string> {
  await page.goto(base + from);
  const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link like ${pattern} on ${from}`);
  return href;
}

async function main() {
  const e2e = await startE2E();
  fs.mkdirSync(OUT, { recursive: true });
  const visitor = await e2e.browser.newContext();
  const organizer = await e2e.signedIn('screenshots-organizer@example.org', 'organizer', 'los-angeles');
  try {
    const probe = await visitor.newPage();
    const event = await firstLink(probe, e2e.baseUrl, '/events', /^\/events\/(?!new|series|feed|calendar)[a-z0-9-]+$/);
    const job = await firstLink(probe, e2e.baseUrl, '/jobs', /^\/jobs\/[0-9a-f-]{36}$/);
    await probe.close();
    const shots: { name: string; path: string; as: BrowserContext; anchor?: string }[] = [
      { name: 'home', path: '/', as: visitor },
      { name: 'events', path: '/events', as: visitor },
      { name: 'event', path: event, as: visitor },
      { name: 'rsvp-form', path: event, as: visitor, anchor: 'form[action$="/rsvp"]' },
      { name: 'jobs-search', path: '/jobs', as: visitor },
      { name: 'job', path: job, as: visitor },
      { name: 'organize', path: '/organize', as: organizer },
      { name: 'event-form', path: '/events/new', as: organizer },
      { name: 'checkin', path: `${event}/checkin`, as: organizer },
    ];
    let count = 0;
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const locale of ['en', 'es'] as const) {
        for (const shot of shots) {
          const page = await shot.as.newPage();
          await page.setViewportSize(viewport);
          const res = await page.goto(e2e.baseUrl + (locale === 'es' ? `/es${shot.path === '/' ? '/' : shot.path}` : shot.path));
          if (!res || res.status() >= 400) throw new Error(`${shot.path} answered ${res?.status()}`);
          const file = path.join(OUT, `${shot.name}-${size}-${locale}.png`);
          const anchor = shot.anchor ? await page.$(shot.anchor) : null;
          if (anchor) await anchor.screenshot({ path: file });
          else await page.screenshot({ path: file, fullPage: true });
          await page.close();
          count++;
        }
      }
    }
    console.log(`${count} screenshots in ${OUT}`);
  } finally {
    await visitor.close();
    await organizer.close();
    await e2e.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
