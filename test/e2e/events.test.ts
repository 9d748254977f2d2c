import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRsvp, getEvent, manageUrl } from '../../src/modules/events/service';
import { fakeCamera, startE2E, type E2E } from './harness';

/** Every events page in Chromium with axe-core (WCAG 2.2 AA), served by the real app. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('events pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public pages in both languages', async () => {
    const e = await getEvent(e2e.deps.db, 'data-donuts-1');
    const r = await createRsvp(
      e2e.deps.db,
      e,
      { name: 'Axe Tester', email: 'axe@example.org', answers: {}, accessibilityNeeds: null },
      { sendEmail: false },
    );
    const manage = new URL(await manageUrl(e2e.deps, { id: r.rsvp.id, language: 'en' })).pathname;
    const page = await e2e.browser.newPage();
    for (const url of [
      '/events',
      '/events?when=past',
      '/es/events',
      '/events/data-donuts-1',
      '/es/events/data-donuts-2',
      '/events/data-donuts-4',
      '/events/series/data-donuts',
      manage,
    ]) {
      expect(await e2e.violations(page, url), url).toEqual([]);
    }
  });

  it('organizer pages', async () => {
    // The demo chapter's organizer.
    const context = await e2e.signedIn('organizer@pathways.localhost');
    await context.addCookies([{ name: 'lang', value: 'en', url: e2e.baseUrl }]);
    const page = await context.newPage();
    for (const url of [
      '/events/new',
      '/events/data-donuts-1/edit',
      '/events/data-donuts-1/attendees',
      '/events/data-donuts-1/checkin',
      '/events/data-donuts-4/checkin?q=maria',
      '/events/series/new',
    ]) {
      expect(await e2e.violations(page, url), url).toEqual([]);
    }
  });
});

describe('door check-in with the camera', () => {
  it('a read ticket checks the person in; a refused camera leaves the page as it was', async () => {
    const e = await getEvent(e2e.deps.db, 'data-donuts-1');
    const { rsvp } = await createRsvp(
      e2e.deps.db,
      e,
      { name: 'Scan Tester', email: 'scan@example.org', answers: {}, accessibilityNeeds: null },
      { sendEmail: false },
    );
    expect(rsvp.status).toBe('going');
    const context = await e2e.signedIn('organizer@pathways.localhost');
    const errors: string[] = [];
    for (const camera of [{ refuse: true as const }, { code: rsvp.ticketCode }]) {
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(err.message));
      await fakeCamera(page, camera);
      await page.goto(`${e2e.baseUrl}/events/data-donuts-1/checkin`);
      const scan = page.getByRole('button', { name: 'Scan QR code' });
      if ('refuse' in camera) {
        await scan.click();
        await page.waitForTimeout(300);
        expect(await scan.innerText()).toBe('Scan QR code');
        expect(await page.locator('#qr-scan video').isHidden()).toBe(true);
      } else {
        await Promise.all([page.waitForURL(/[?&]done=/), scan.click()]);
        expect(await page.locator('.usa-alert').first().innerText()).toContain('Scan Tester is checked in.');
      }
      await page.close();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
