/**
 * No page scrolls sideways: every page reachable as a visitor, a member, a partner and an organizer,
 * in English and Spanish, on a 360 px phone and a 1280 px laptop, is no wider than the window. Phones
 * also get axe-core (WCAG 2.2 AA), since their layout (stacked tables, the menu) is not the laptop's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { fakeCamera, runAxe, startE2E, WCAG_22_AA, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];

/** Our own pages, not files, feeds, downloads, language switches or one-time links. */
function crawlable(href: string, base: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  if (/^\/(es\/)?(assets|language|api)\b/.test(url.pathname)) return null;
  if (/\/(export|signin\/verify|signout)\b|\.(ics|xml|json|csv|rss|atom|png|svg|eml|pdf)$|\/feed\b/.test(url.pathname)) return null;
  url.hash = '';
  return url.pathname + url.search;
}

/** How far the page reaches past the window's right edge (0: nothing scrolls sideways). */
const overflowOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** The outermost elements that reach past the right edge, to say what to fix. */
const widest = (page: Page) =>
  page.evaluate(() => {
    const w = window.innerWidth;
    return Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > w + 1 && !(el.parentElement!.getBoundingClientRect().right > w + 1))
      .slice(0, 3)
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}">`)
      .join(' ');
  });

/**
 * Visits pages by following links (one page per shape: ids and queries set aside), at each size;
 * returns every page that is wider than the window, and the axe violations found on the phone.
 */
async function sweep(context: BrowserContext, starts: string[], limit: number) {
  const page = await context.newPage();
  const seen = new Set<string>();
  const shapes = new Set<string>();
  const queue = [...starts];
  const wide: string[] = [];
  const axe: string[] = [];
  let visited = 0;
  while (queue.length && visited < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const shape = path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\?.*$/, '');
    if (shapes.has(shape) && !starts.includes(path)) continue;
    shapes.add(shape);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const res = await page.goto(e2e.baseUrl + path);
      if (!(res?.headers()['content-type'] ?? '').includes('text/html')) break;
      expect(res!.status(), path).toBeLessThan(500);
      const over = await overflowOf(page);
      if (over > 0) wide.push(`${path} at ${size.width}px: ${size.width + over}px wide ${await widest(page)}`);
      if (size.width === 360) {
        for (const v of (await runAxe(page, WCAG_22_AA)).violations) axe.push(`${path}: ${v.id} ${v.targets.slice(0, 2).join(' ')}`);
      }
    }
    visited++;
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) {
      const next = crawlable(href, e2e.baseUrl + path);
      if (next && !seen.has(next)) queue.push(next);
    }
  }
  await page.close();
  return { wide, axe, visited };
}

describe('no page scrolls sideways, on a phone or a laptop, in both languages', () => {
  const cases: { who: string; context: () => Promise<BrowserContext>; starts: string[] }[] = [
    { who: 'a visitor', context: () => e2e.browser.newContext(), starts: ['/', '/es/', '/events', '/es/jobs', '/newsletter'] },
    {
      who: 'a member',
      context: () => e2e.signedIn('phone-member@example.org'),
      starts: ['/account', '/es/account', '/jobs/alerts', '/es/events'],
    },
    {
      who: 'a partner',
      context: () => e2e.signedIn('phone-partner@example.org', 'partner', 'city-of-los-angeles'),
      starts: ['/jobs/manage', '/es/jobs/manage', '/jobs/manage/new', '/es/fairs'],
    },
    {
      who: 'an organizer',
      context: () => e2e.signedIn('phone-organizer@example.org', 'organizer', 'los-angeles'),
      starts: [
        '/organize',
        '/es/organize',
        '/organize/events',
        '/es/organize/events?view=past',
        '/events/new',
        '/organize/newsletter',
        '/jobs/manage',
      ],
    },
  ];
  for (const c of cases) {
    it(`as ${c.who}`, async () => {
      const context = await c.context();
      const { wide, axe, visited } = await sweep(context, c.starts, 70);
      await context.close();
      expect(visited).toBeGreaterThan(c.starts.length);
      expect(wide).toEqual([]);
      expect(axe).toEqual([]);
    });
  }

  it('an invalid submit of each main form leaves focus on the error summary, in the first screen of a phone', async () => {
    const context = await e2e.signedIn('phone-forms@example.org', 'organizer', 'los-angeles', { viewport: SIZES[0] });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/events`);
    const event = (await page.$$eval('main a[href^="/events/"]', (as) => as.map((a) => a.getAttribute('href') ?? ''))).find((h) =>
      /^\/events\/(?!new|series|feed|calendar)[a-z0-9-]+$/.test(h),
    )!;
    const visitor = await e2e.browser.newContext({ viewport: SIZES[0] });
    const forms: { path: string; submit: string; clear?: string[]; as: BrowserContext }[] = [
      { path: '/events/new', submit: 'form[action$="/events/new"] button.pw-form-submit', clear: ['#startsAt', '#endsAt'], as: context },
      { path: '/es/jobs/manage/new', submit: 'form[action$="/jobs/manage/new"] button[type=submit]', as: context },
      { path: event, submit: 'form[action$="/rsvp"] button[type=submit]', as: visitor },
      { path: '/es/signup', submit: 'main form button[type=submit]', as: visitor },
    ];
    for (const f of forms) {
      const tab = await f.as.newPage();
      await tab.goto(e2e.baseUrl + f.path);
      for (const field of f.clear ?? []) await tab.fill(field, '');
      await Promise.all([tab.waitForNavigation(), tab.click(f.submit)]);
      const focus = await tab.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        return { summary: el.classList.contains('pw-error-summary'), top: r.top, height: window.innerHeight };
      });
      expect(focus.summary, f.path).toBe(true);
      expect(focus.top, f.path).toBeGreaterThanOrEqual(0);
      expect(focus.top, f.path).toBeLessThan(focus.height);
      // Each problem names its field ("Name: …"), not only the message.
      expect(await tab.$$eval('.pw-error-summary a .pw-error-summary__field', (els) => els.length), f.path).toBeGreaterThan(0);
      await tab.close();
    }
    await visitor.close();
    await context.close();
  });

  it('the door check-in hint mentions scanning only where the scan button is', async () => {
    const context = await e2e.signedIn('organizer@pathways.localhost', undefined, undefined, { viewport: SIZES[0] });
    const plain = await context.newPage();
    await plain.goto(`${e2e.baseUrl}/events/data-donuts-1/checkin`);
    expect(await plain.locator('#qr-scan button').count()).toBe(0);
    expect(await plain.locator('#code-hint').innerText()).toBe('Type the code from the ticket.');
    const camera = await context.newPage();
    await fakeCamera(camera, { refuse: true });
    await camera.goto(`${e2e.baseUrl}/events/data-donuts-1/checkin`);
    await camera.locator('#qr-scan button').waitFor();
    expect(await camera.locator('#code-hint').innerText()).toBe('Type the code from the ticket, or scan its QR code.');
    await context.close();
  });

  it('would notice a page wider than the phone (the check is real)', async () => {
    const context = await e2e.browser.newContext({ viewport: SIZES[0] });
    const page = await context.newPage();
    await page.goto(`${e2e.baseUrl}/about`);
    expect(await overflowOf(page)).toBe(0);
    // Set through the DOM: the Content-Security-Policy ignores inline style attributes.
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.style.width = '600px';
      div.textContent = 'wide';
      document.querySelector('main')!.append(div);
    });
    expect(await overflowOf(page)).toBeGreaterThan(200);
    await context.close();
  });
});
