import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEvent } from '../../src/modules/events';
import { attendeeFor, boothFor, passToken, register } from '../../src/modules/careerfair';
import { findPersonByEmail } from '../../src/modules/people';
import { getAgencyBySlug } from '../../src/modules/jobs';
import { fakeCamera, startE2E, type E2E } from './harness';

/** Every career-fair page in Chromium with axe-core (WCAG 2.2 AA), served by the real app. */
let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const FAIR = 'la-public-sector-tech-career-fair';

describe('career fair pages are accessible (axe, WCAG 2.2 AA)', () => {
  it('public and attendee pages in both languages', async () => {
    const e = await getEvent(e2e.deps.db, FAIR);
    const maria = await findPersonByEmail(e2e.deps.db, 'maria.nunez@example.org');
    const a = (await attendeeFor(e2e.deps.db, e.id, maria!.id))!;
    const pass = `/events/fair-pass/${await passToken(e2e.deps.secret, a.id)}`;
    const page = await e2e.browser.newPage();
    for (const url of [
      '/fairs',
      '/es/fairs',
      `/events/${FAIR}/fair`,
      `/es/events/${FAIR}/fair`,
      `/events/${FAIR}/fair/register`,
      `/es/events/${FAIR}/fair/register`,
      pass,
      `/es${pass}`,
    ]) {
      expect(await e2e.violations(page, url), url).toEqual([]);
    }
  });

  it('the seeded fair has booths with jobs, consented attendees and connections', async () => {
    const e = await getEvent(e2e.deps.db, FAIR);
    const res = await fetch(`${e2e.baseUrl}/api/v1/events/${FAIR}/booths`);
    const body = (await res.json()) as { booths: { jobs: unknown[] }[] };
    expect(body.booths.length).toBeGreaterThanOrEqual(4);
    expect(body.booths.some((b) => b.jobs.length > 0)).toBe(true);
    const ita = await getAgencyBySlug(e2e.deps.db, 'la-information-technology-agency');
    expect(await boothFor(e2e.deps.db, e.id, ita!.id)).toBeTruthy();
    const script = await fetch(`${e2e.baseUrl}/assets/careerfair.js`);
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeLessThan(10_000);
  });

  it('organizer and booth pages', async () => {
    const e = await getEvent(e2e.deps.db, FAIR);
    const ita = await getAgencyBySlug(e2e.deps.db, 'la-information-technology-agency');
    const booth = (await boothFor(e2e.deps.db, e.id, ita!.id))!;
    // The demo chapter's organizer, and the partner staffing the agency's booth.
    const page = await (await e2e.signedIn('organizer@pathways.localhost')).newPage();
    for (const url of [
      `/es/events/${FAIR}/fair/booths/${booth.id}/scan`,
      `/events/${FAIR}/fair/manage`,
      `/events/data-donuts-1/fair/manage`,
      `/events/${FAIR}/fair/booth`,
      `/events/${FAIR}/fair/booths/${booth.id}/edit`,
    ]) {
      expect(await e2e.violations(page, url), url).toEqual([]);
    }
    const ppage = await (await e2e.signedIn('partner@pathways.localhost')).newPage();
    for (const url of [`/events/${FAIR}/fair/booths/${booth.id}/scan`, `/es/events/${FAIR}/fair/booths/${booth.id}/edit`]) {
      expect(await e2e.violations(ppage, url), url).toEqual([]);
    }
  });

  it('booth staff connect by typing a pass code in the browser; a second scan says already connected', async () => {
    const e = await getEvent(e2e.deps.db, FAIR);
    const ita = await getAgencyBySlug(e2e.deps.db, 'la-information-technology-agency');
    const booth = (await boothFor(e2e.deps.db, e.id, ita!.id))!;
    const { attendee } = await register(
      e2e.deps.db,
      e,
      { name: 'Ngozi Adébáyọ̀', email: 'ngozi.e2e@example.org', language: 'en', consent: true, resumeUrl: null, interests: null },
      // The attendee's own registration (signed in): their consent counts at once.
      { trusted: true, sendEmail: false },
    );
    const page = await (await e2e.signedIn('partner@pathways.localhost')).newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    for (const expected of ['Connected with Ngozi Adébáyọ̀.', 'You were already connected with Ngozi Adébáyọ̀.']) {
      await page.goto(`${e2e.baseUrl}/events/${FAIR}/fair/booths/${booth.id}/scan`);
      await page.fill('#code', attendee.passCode);
      await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Connect")')]);
      expect(await page.locator('.usa-alert').first().innerText()).toContain(expected);
    }
    expect(errors).toEqual([]);
  });

  it('booth staff connect by scanning a pass with the camera; a refused camera leaves the page as it was', async () => {
    const e = await getEvent(e2e.deps.db, FAIR);
    const ita = await getAgencyBySlug(e2e.deps.db, 'la-information-technology-agency');
    const booth = (await boothFor(e2e.deps.db, e.id, ita!.id))!;
    const { attendee } = await register(
      e2e.deps.db,
      e,
      { name: 'Camera Scanned', email: 'camera.e2e@example.org', language: 'en', consent: true, resumeUrl: null, interests: null },
      // The attendee's own registration (signed in): their consent counts at once.
      { trusted: true, sendEmail: false },
    );
    const context = await e2e.signedIn('partner@pathways.localhost');
    const errors: string[] = [];
    for (const camera of [{ refuse: true as const }, { code: attendee.passCode }]) {
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(err.message));
      await fakeCamera(page, camera);
      await page.goto(`${e2e.baseUrl}/events/${FAIR}/fair/booths/${booth.id}/scan`);
      const scan = page.getByRole('button', { name: 'Scan with camera' });
      if ('refuse' in camera) {
        await scan.click();
        await page.waitForTimeout(300);
        expect(await scan.innerText()).toBe('Scan with camera');
        expect(await page.locator('#qr-scan video').isHidden()).toBe(true);
      } else {
        await Promise.all([page.waitForEvent('framenavigated'), scan.click()]);
        await page.waitForLoadState('load');
        expect(await page.locator('.usa-alert').first().innerText()).toContain('Connected with Camera Scanned.');
      }
      await page.close();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
